import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { Printout, ReportForm, ReportFormat, ReportParams, ReportPreview } from '../../../shared/api/reports';
import { findProfile, type RegulationProfile } from '../../../shared/profiles';
import type { FormDef, PreparedTable } from '../../../shared/reports/types';
import { readScope } from '../access';
import type { CallContext } from '../context';
import { prepareForm } from './prepare';
import { getPrintout, issuePrintout, listPrintouts, recordCopy, sha256Hex, verifyFile } from './register';
import { render } from './worker';
import { DOCUMENT_FORM_PREFIX, reprintDocument } from '../schoolRegister/service';

/** Rows of a form shown on screen before it is printed: about a page. */
const PREVIEW_ROWS = 20;

const MIME: Record<ReportFormat, string> = { pdf: 'pdf', xlsx: 'xlsx' };

function profileOf(ctx: CallContext): RegulationProfile {
  const { sqlite } = ctx.session().open;
  const profileId = sqlite.prepare("SELECT value FROM meta WHERE key = 'profileId'").pluck().get() as string;
  const profile = findProfile(profileId);
  if (!profile) throw new ApiError('DAMAGED', `В базе указан неизвестный порядок учёта «${profileId}».`);
  return profile;
}

interface OrgRow {
  id: number;
  kind: string;
  short_name: string;
}

function orgOf(ctx: CallContext, id: number): OrgRow {
  const row = ctx.session().open.sqlite.prepare('SELECT id, kind, short_name FROM organizations WHERE id = ?').get(id) as OrgRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND', `Организация № ${id} не найдена.`);
  return row;
}

/**
 * The one rule of who may print what: a school's user prints only for its own organization the forms its
 * organization sends; the department prints any form for any organization that sends it.
 */
function scopeOrgId(ctx: CallContext): number | null {
  // The registry's one read scope (access.ts): a school's user reads its own organization only.
  const { orgId } = readScope(ctx.session().user);
  if (orgId === -1) throw new ApiError('FORBIDDEN', 'Пользователь организации не привязан к организации: обратитесь к администратору.');
  return orgId;
}

function formsFor(ctx: CallContext): { profile: RegulationProfile; forms: readonly FormDef[] } {
  const profile = profileOf(ctx);
  const own = scopeOrgId(ctx);
  if (own === null) return { profile, forms: profile.forms };
  const kind = orgOf(ctx, own).kind;
  return { profile, forms: profile.forms.filter((f) => f.orgKinds.some((k) => k === kind)) };
}

function toReportForm(f: FormDef): ReportForm {
  return {
    id: f.id,
    title: f.title,
    appendix: f.attachment.join(' '),
    basis: f.basis,
    orgKinds: [...f.orgKinds],
    org: f.params.org,
    asOfHint: f.params.asOfHint,
    needsYear: f.params.year === true,
    landscape: f.orientation === 'landscape',
    dataNote: f.dataNote ?? null,
  };
}

export function listForms(ctx: CallContext): CallOutput<'reports.forms'> {
  return { forms: formsFor(ctx).forms.map(toReportForm), today: ctx.today() };
}

/** Checks the parameters against the form and the user's scope, and fills what a school's user may omit. */
function resolve(ctx: CallContext, params: ReportParams): { profile: RegulationProfile; form: FormDef; params: ReportParams } {
  const { profile, forms } = formsFor(ctx);
  const form = forms.find((f) => f.id === params.formId);
  if (!form) {
    if (profile.forms.some((f) => f.id === params.formId)) {
      throw new ApiError('FORBIDDEN', `Форму «${params.formId}» ваша организация не составляет.`);
    }
    throw new ApiError('NOT_FOUND', `Формы «${params.formId}» нет в порядке учёта «${profile.title}».`);
  }
  const own = scopeOrgId(ctx);
  let orgId = params.orgId;
  if (own !== null) {
    if (orgId !== null && orgId !== own) throw new ApiError('FORBIDDEN', 'Недостаточно прав: форму можно составить только по своей организации.');
    if (form.params.org !== 'none') orgId = own;
  }
  if (form.params.org === 'required' && orgId === null) throw new ApiError('VALIDATION', `Выберите организацию: форма «${form.title}» составляется по организации.`);
  if (form.params.org === 'none') orgId = null;
  if (orgId !== null) {
    const org = orgOf(ctx, orgId);
    if (!form.orgKinds.some((k) => k === org.kind)) {
      throw new ApiError('VALIDATION', `Форму «${form.title}» не составляет организация «${org.short_name}».`);
    }
  }
  const year = form.params.year ? (params.year ?? Number(params.asOf.slice(0, 4))) : null;
  return { profile, form, params: { formId: form.id, orgId, asOf: params.asOf, year } };
}

async function prepare(ctx: CallContext, profile: RegulationProfile, params: ReportParams): Promise<PreparedTable> {
  return prepareForm(ctx.session().open, profile, params.formId, {
    ...(params.orgId !== null ? { orgId: params.orgId } : {}),
    asOf: params.asOf,
    ...(params.year !== null ? { year: params.year } : {}),
  });
}

/** The prepared table's content hash: the same parameters and the same registry give the same hash. */
function tableSha(table: PreparedTable): string {
  return sha256Hex(JSON.stringify(table));
}

function auditTarget(ctx: CallContext, params: ReportParams, extra: Record<string, unknown> = {}): void {
  ctx.target('report', params.formId, { form: params.formId, orgId: params.orgId, asOf: params.asOf, ...extra });
}

/** The first rows of the prepared table, for the screen. */
export async function preview(ctx: CallContext, input: ParsedInput<'reports.preview'>): Promise<ReportPreview> {
  const { profile, params } = resolve(ctx, input);
  const table = await prepare(ctx, profile, params);
  let budget = PREVIEW_ROWS;
  let rowCount = 0;
  const sections = table.sections.map((s) => {
    rowCount += s.rowCount;
    const groups = [];
    for (const g of s.groups) {
      if (budget <= 0) break;
      const rows = g.rows.slice(0, budget);
      budget -= rows.length;
      groups.push({ heading: g.heading, rows });
    }
    return { heading: s.heading, columns: s.columns, groups, totals: s.totals, rowCount: s.rowCount };
  });
  auditTarget(ctx, params, { preview: true, children: table.childCount });
  return {
    formId: table.formId,
    title: table.title,
    orientation: table.orientation,
    attachment: table.attachment,
    heading: table.heading,
    orgFullName: table.orgFullName,
    orgCaption: table.orgCaption,
    asOfLine: table.asOfLine,
    sections,
    signature: table.signature,
    footnotes: table.footnotes,
    emptyText: table.emptyText,
    childCount: table.childCount,
    rowCount,
    shownRows: PREVIEW_ROWS - Math.max(0, budget),
  };
}

function fileName(p: Printout): string {
  const short = p.formTitle.split('.')[0] ?? p.formTitle;
  const org = p.orgName ? ` ${p.orgName}` : '';
  return `${short}${org} № ${p.number}.${MIME[p.format]}`.replace(/[\\/:*?"<>|]/g, '_');
}

/** Makes the file of a form, registers it under the next number, and returns it. */
export async function make(ctx: CallContext, input: ParsedInput<'reports.make'>): Promise<CallOutput<'reports.make'>> {
  const { profile, form, params } = resolve(ctx, input);
  const table = await prepare(ctx, profile, params);
  const { printout, bytes } = await issuePrintout(
    ctx,
    { formId: form.id, formTitle: form.title, params, format: input.format, childCount: table.childCount, tableSha: tableSha(table) },
    (stamp) => render({ format: input.format, table, stamp }),
  );
  return { printout, fileName: fileName(printout), base64: Buffer.from(bytes).toString('base64') };
}

function visiblePrintout(ctx: CallContext, id: number) {
  const p = getPrintout(ctx.session().open.sqlite, id);
  const own = scopeOrgId(ctx);
  if (own !== null && p.orgId !== own) throw new ApiError('FORBIDDEN', 'Недостаточно прав: документ выдан другой организации.');
  return p;
}

/**
 * Makes a printout again from the register: the same form, parameters, number and date. The content is the
 * registry's as of the same date (README says how far that holds); sameContent and sameFile say whether the
 * copy is the document issued.
 */
export async function reprint(ctx: CallContext, input: ParsedInput<'reports.reprint'>): Promise<CallOutput<'reports.reprint'>> {
  const p = visiblePrintout(ctx, input.id);
  // A document of the internal school register is made again from the pupil's card, not from a form.
  if (p.formId.startsWith(DOCUMENT_FORM_PREFIX)) return reprintDocument(ctx, p);
  const profile = profileOf(ctx);
  if (!profile.forms.some((f) => f.id === p.formId)) throw new ApiError('NOT_FOUND', `Формы «${p.formId}» больше нет в порядке учёта «${profile.title}».`);
  const table = await prepare(ctx, profile, p.params);
  const contentSha = tableSha(table);
  const bytes = await render({ format: p.format, table, stamp: { number: p.number, date: p.issuedOn } });
  const sameFile = sha256Hex(bytes) === p.sha256;
  auditTarget(ctx, p.params, { reprint: p.number });
  // A copy whose bytes differ from the issued file is registered too, so verifying it finds it.
  if (!sameFile) recordCopy(ctx, p, bytes, contentSha);
  const after = getPrintout(ctx.session().open.sqlite, p.id);
  return { printout: after, fileName: fileName(after), base64: Buffer.from(bytes).toString('base64'), sameContent: contentSha === p.tableSha, sameFile };
}

export function register(ctx: CallContext, input: ParsedInput<'reports.register'>): CallOutput<'reports.register'> {
  return listPrintouts(ctx.session().open.sqlite, { ...input, scopeOrgId: scopeOrgId(ctx) });
}

export async function verify(ctx: CallContext, input: ParsedInput<'reports.verify'>): Promise<CallOutput<'reports.verify'>> {
  const bytes = Buffer.from(input.base64, 'base64');
  const result = await verifyFile(ctx.session().open.sqlite, bytes);
  const own = scopeOrgId(ctx);
  // A school's user learns that a file of another organization is registered, not what it is.
  if (own !== null && result.printout && result.printout.orgId !== own) {
    return { ...result, printout: null, message: result.status === 'registered' ? 'Документ зарегистрирован в реестре и не изменён; он выдан другой организации.' : 'Документ изменён после выдачи; он выдан другой организации.' };
  }
  return result;
}
