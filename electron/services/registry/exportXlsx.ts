import { PassThrough } from 'node:stream';
import { formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import { educationFormLabel, isEducationFormId } from '../../../shared/domain/educationForms';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { CONDITION_LABELS, FLAG_LABELS, RELATION_LABELS } from '../../../shared/api/registry';
import { formatPhone } from '../../../shared/domain/phone';
import { REGISTRY_WORDS } from '../../../shared/registryWords';
import { capitalize, plural } from '../../../shared/text';
import { inForceSql, readerScope } from '../access';
import type { CallContext } from '../context';
import { ROW_COLUMNS, buildWhere, orderBy } from './search';

type Filter = ParsedInput<'children.exportXlsx'>;

/** «Реестр детей: 6–17 лет, не в организации, на 03.12.2026» — what the file holds, in the words of the filters. */
export function registryTitle(f: Filter, orgName: string | null, today: IsoDate): string {
  const parts: string[] = [];
  if (f.query.trim()) parts.push(`по запросу «${f.query.trim()}»`);
  const { ageFrom: from, ageTo: to } = f;
  if (from !== undefined || to !== undefined) {
    const years = (n: number) => `${n} ${plural(n, 'год', 'года', 'лет')}`;
    const age = from !== undefined && to !== undefined ? (from === to ? years(from) : `${from}–${years(to)}`) : from !== undefined ? `от ${years(from)}` : `до ${years(to as number)}`;
    parts.push(f.ageOn && f.ageOn !== today ? `${age} на ${formatRuDate(f.ageOn)}` : age);
  }
  if (f.birthYear !== undefined) parts.push(`${f.birthYear} года рождения`);
  if (f.noOrg) parts.push(REGISTRY_WORDS.noOrg);
  else if (f.orgId !== undefined) parts.push(orgName ?? `организация № ${f.orgId}`);
  if (f.classLabel) parts.push(`класс/группа ${f.classLabel}`);
  if (f.form === 'none') parts.push('без формы образования');
  else if (f.form) parts.push(`форма образования: ${educationFormLabel(f.form)}`);
  if (f.status === 'merged') parts.push('объединённые карточки');
  if (f.condition) parts.push(CONDITION_LABELS[f.condition].toLowerCase());
  if (f.flag) parts.push(`отметка: ${FLAG_LABELS[f.flag]}`);
  return `Реестр детей: ${parts.length ? parts.join(', ') : 'все дети'}, на ${formatRuDate(today)}`;
}

interface ExportRow {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  orgName: string | null;
  classLabel: string | null;
  form: string | null;
  addrActual: string | null;
  addrReg: string | null;
  reps: string;
}

/** The newest address of a kind in force today, as the card shows it. */
const addressSql = (kinds: string) =>
  `(SELECT a.text FROM addresses a WHERE a.child_id = c.id AND a.kind IN (${kinds}) AND ${inForceSql('a', '?')}
    ORDER BY coalesce(a.valid_from, '') DESC, a.id DESC LIMIT 1)`;

/**
 * The filtered registry as an editable XLSX, streamed row by row (200,000 rows do not fit exceljs's
 * in-memory workbook comfortably). A title row says what it is (the filter and the day); the columns are what
 * a home visit needs: where the child lives and is registered, the parents and their telephones. Dates are
 * real date cells shown as ДД.ММ.ГГГГ; what is not known is said in the screen's words, never left empty.
 */
export async function exportXlsx(ctx: CallContext, input: ParsedInput<'children.exportXlsx'>): Promise<CallOutput<'children.exportXlsx'>> {
  const { open } = ctx.session();
  const today = ctx.today();
  const { where, args } = buildWhere(open.sqlite, input, readerScope(ctx), today);
  const rows = open.sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS}, ${addressSql("'actual'")} AS addrActual, ${addressSql("'registration', 'stay'")} AS addrReg,
        (SELECT json_group_array(json_array(r.relation, r.surname, r.name, r.patronymic, r.phone)) FROM
          (SELECT * FROM representatives r WHERE r.child_id = c.id AND ${inForceSql('r', '?')} ORDER BY r.id) r) AS reps
       FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id WHERE ${where} ORDER BY ${orderBy(input.sort, input.dir)}`,
    )
    .iterate(today, today, today, ...args) as IterableIterator<ExportRow>;
  const orgName = input.orgId !== undefined ? ((open.sqlite.prepare('SELECT short_name FROM organizations WHERE id = ?').pluck().get(input.orgId) as string | undefined) ?? null) : null;
  const title = registryTitle(input, orgName, today);

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (out.on('end', resolve), out.on('error', reject)));
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('Реестр', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [
    { key: 'n', width: 7 },
    { key: 'surname', width: 18 },
    { key: 'name', width: 14 },
    { key: 'patronymic', width: 18 },
    { key: 'birth', width: 13, style: { numFmt: 'dd.mm.yyyy' } },
    { key: 'org', width: 24 },
    { key: 'cls', width: 10 },
    { key: 'form', width: 18 },
    { key: 'actual', width: 36 },
    { key: 'reg', width: 36 },
    { key: 'reps', width: 40 },
    { key: 'phones', width: 22 },
  ];
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 13 };
  titleRow.height = 22;
  ws.mergeCells(1, 1, 1, 12);
  titleRow.commit();
  const header = ws.addRow([
    '№ п/п',
    'Фамилия',
    'Имя',
    'Отчество',
    'Дата рождения',
    'Организация',
    'Класс/группа',
    'Форма получения образования',
    'Адрес фактического проживания',
    'Адрес регистрации',
    'Родители (законные представители)',
    'Телефоны',
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.commit();
  let n = 0;
  for (const r of rows) {
    n += 1;
    const reps = (JSON.parse(r.reps) as [string, string, string, string | null, string | null][]).map(([relation, surname, name, patronymic, phone]) => ({
      who: `${RELATION_LABELS[relation as keyof typeof RELATION_LABELS] ?? relation}: ${[surname, name, patronymic].filter(Boolean).join(' ')}`,
      phone: phone ? formatPhone(phone) : null,
    }));
    const phones = reps.filter((p) => p.phone).map((p) => (reps.length > 1 ? `${p.who.split(':')[0]}: ${p.phone}` : (p.phone as string)));
    const row = ws.addRow({
      n,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic ?? '',
      birth: new Date(`${r.birthDate}T00:00:00Z`),
      org: r.orgName ?? REGISTRY_WORDS.noOrg,
      cls: r.classLabel ?? '',
      form: isEducationFormId(r.form) ? capitalize(educationFormLabel(r.form)) : REGISTRY_WORDS.noForm,
      actual: r.addrActual ?? REGISTRY_WORDS.noAddress,
      reg: r.addrReg ?? REGISTRY_WORDS.noAddress,
      reps: reps.length ? reps.map((p) => p.who).join('\n') : REGISTRY_WORDS.noRepresentatives,
      phones: phones.length ? phones.join('\n') : REGISTRY_WORDS.noPhone,
    });
    if (reps.length > 1) row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  ctx.target('registry', null, { exported: n });
  const stamp = formatRuDate(today);
  return { fileName: `Реестр детей ${stamp}.xlsx`, base64: Buffer.concat(chunks).toString('base64'), rows: n };
}
