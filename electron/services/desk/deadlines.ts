import type Database from 'better-sqlite3';
import type { Deadlines, DeadlineItem } from '../../../shared/api/desk';
import type { IsoDate } from '../../../shared/domain/dates';
import { dashboardWindow, occurrencesIn, occurrenceStatus, type DeadlineEvidenceItem } from '../../../shared/domain/deadlines';
import type { DeadlineDef, RegulationProfile } from '../../../shared/profiles/types';
import { ApiError } from '../../../shared/api/errors';
import { findProfile } from '../../../shared/profiles';
import { readScope } from '../access';
import type { CallContext } from '../context';

interface OrgRow {
  id: number;
  kind: string;
  short_name: string;
}

export function profileOfDb(sqlite: Database.Database): RegulationProfile {
  const profileId = sqlite.prepare("SELECT value FROM meta WHERE key = 'profileId'").pluck().get() as string;
  const profile = findProfile(profileId);
  if (!profile) throw new ApiError('DAMAGED', `В базе указан неизвестный порядок учёта «${profileId}».`);
  return profile;
}

/** A bound above every day of the date's month, for text comparison ('2026-09-31'). */
const monthEnd = (d: IsoDate): string => `${d.slice(0, 7)}-31`;

function evidenceLabel(d: DeadlineDef, profile: RegulationProfile): string {
  const e = d.evidence;
  if (e.type === 'list') return `применённый список «${profile.listKinds.find((k) => k.id === e.listKind)?.title ?? e.listKind}»`;
  if (e.type === 'form') return `зарегистрированный документ «${profile.forms.find((f) => f.id === e.formId)?.title ?? e.formId}»`;
  return 'отметка не ведётся';
}

/**
 * The status on `asOf` of every duty of the profile's calendar falling from 1 September of the school year to 7 days
 * ahead, for every active organization that owes it (orgId: only that organization's). Evidence: applied lists
 * (submissions) of the deadline's kind from the organization, registered printouts of the deadline's form; the rule
 * itself is shared/domain/deadlines.ts. The day a list was applied is its applied_at (the database's clock), never later
 * than the call's today (a clock set back in tests and demos).
 */
export function deadlinesOn(sqlite: Database.Database, asOf: IsoDate, today: IsoDate, orgId: number | null = null): Deadlines {
  const profile = profileOfDb(sqlite);
  const { from, to } = dashboardWindow(asOf);
  const occurrences = occurrencesIn(profile.deadlines, from, to);
  const orgs = (sqlite.prepare('SELECT id, kind, short_name FROM organizations WHERE active = 1 ORDER BY id').all() as OrgRow[]).filter(
    (o) => orgId === null || o.id === orgId,
  );
  const byKind = new Map<string, OrgRow[]>();
  for (const o of orgs) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);

  // Evidence, keyed «org|list kind» and «org|form»; the department's form duties count a printout for any organization.
  const lists = new Map<string, DeadlineEvidenceItem[]>();
  const push = (m: Map<string, DeadlineEvidenceItem[]>, key: string, e: DeadlineEvidenceItem) => {
    const a = m.get(key);
    if (a) a.push(e);
    else m.set(key, [e]);
  };
  for (const r of sqlite
    .prepare("SELECT org_id, list_kind, as_of, substr(coalesce(applied_at, received_at), 1, 10) AS done FROM submissions WHERE status = 'applied' AND as_of >= ? AND as_of <= ?")
    .all(from, monthEnd(to)) as { org_id: number; list_kind: string; as_of: string; done: string }[]) {
    push(lists, `${r.org_id}|${r.list_kind}`, { asOf: r.as_of, doneOn: r.done < today ? r.done : today });
  }
  const forms = new Map<string, DeadlineEvidenceItem[]>();
  for (const r of sqlite
    .prepare('SELECT org_id, form_id, as_of, issued_on FROM printouts WHERE as_of >= ? AND as_of <= ?')
    .all(from, monthEnd(to)) as { org_id: number | null; form_id: string; as_of: string; issued_on: string }[]) {
    const e = { asOf: r.as_of, doneOn: r.issued_on < today ? r.issued_on : today };
    push(forms, `${r.org_id ?? ''}|${r.form_id}`, e);
    push(forms, `*|${r.form_id}`, e);
  }

  const items: DeadlineItem[] = [];
  const counts = { late: 0, soon: 0, received: 0, passed: 0 };
  for (const occ of occurrences) {
    const d = occ.deadline;
    const owing = d.from.flatMap((k) => byKind.get(k) ?? []);
    const evidence = evidenceLabel(d, profile);
    for (const org of owing) {
      const own = org.kind === 'department';
      const e = d.evidence;
      const ev = e.type === 'list' ? lists.get(`${org.id}|${e.listKind}`) : e.type === 'form' ? forms.get(own ? `*|${e.formId}` : `${org.id}|${e.formId}`) : undefined;
      const st = occurrenceStatus(occ, ev ?? [], asOf);
      if (st.status !== 'upcoming') counts[st.status]++;
      items.push({
        deadlineId: d.id,
        what: d.what,
        to: d.to,
        when: d.when,
        basis: d.basis,
        due: occ.due,
        periodFrom: occ.periodFrom,
        periodTo: occ.periodTo,
        orgId: org.id,
        orgName: org.short_name,
        orgKind: org.kind,
        own,
        status: st.status,
        daysLeft: st.daysLeft,
        receivedOn: st.receivedOn,
        receivedLate: st.receivedLate,
        evidence,
      });
    }
  }
  return { asOf, from, to, items, counts };
}

/** desk.deadlines: the department sees every organization; a school's user its own duties. */
export function deskDeadlines(ctx: CallContext, input: { asOf?: IsoDate }): Deadlines {
  const { open, user } = ctx.session();
  const { orgId } = readScope(user);
  return deadlinesOn(open.sqlite, input.asOf ?? ctx.today(), ctx.today(), orgId);
}
