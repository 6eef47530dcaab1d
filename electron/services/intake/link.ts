import type Database from 'better-sqlite3';
import { normalizeName } from '../../../shared/domain/names';
import { AUTO_LINK_THRESHOLD, REVIEW_THRESHOLD, prepareRecord, scorePair, type PreparedRecord } from '../../../shared/intake/linkage';
import type { ListRowValues } from '../../../shared/intake/listRow';
import type { Candidate, Decision } from '../../../shared/api/intake';

/** A second candidate this close to the best one makes an automatic link unsafe: a person decides. */
const AMBIGUITY_MARGIN_BITS = 6;
const MAX_CANDIDATES_SHOWN = 5;

interface ChildRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  gender: string | null;
  snils: string | null;
  classLabel: string | null;
  orgName: string | null;
  curOrgId: number | null;
  addresses: string | null;
}

export interface LinkResult {
  decision: Decision | null;
  childId: number | null;
  sameAsRow: number | null;
  score: number | null;
  reasons: string[];
  candidates: Candidate[];
}

/** The key a «это разные дети» decision is remembered by: the person as the list wrote them. */
export function personKey(v: Pick<ListRowValues, 'surname' | 'name' | 'patronymic' | 'birthDate'>): string {
  return [normalizeName(v.surname ?? ''), normalizeName(v.name ?? ''), normalizeName(v.patronymic ?? ''), v.birthDate ?? ''].join('|');
}

function swapDayMonth(iso: string): string {
  const [y, m, d] = iso.split('-');
  return Number(d) <= 12 ? `${y}-${d}-${m}` : iso;
}

function toRecord(v: { surname: string | null; name: string | null; patronymic: string | null; birthDate: string | null; gender?: string | null; snils?: string | null }, addresses: (string | null)[]): PreparedRecord {
  return prepareRecord({
    surname: v.surname,
    name: v.name,
    patronymic: v.patronymic,
    birthDate: v.birthDate,
    sex: v.gender === 'm' || v.gender === 'f' ? v.gender : null,
    snils: v.snils ?? null,
    addresses: addresses.filter((a): a is string => Boolean(a)),
  });
}

/**
 * Links list rows to the registry: candidates by blocking (same or day/month-swapped birth date; same
 * normalized surname and first name, whatever the date; same СНИЛС), each scored by the Fellegi–Sunter
 * comparison in shared/intake/linkage. Prepared statements and prepared candidate records are reused across
 * the rows of a list: a 50,000-row list meets most registry children more than once.
 */
export class Linker {
  private readonly byBlocks: Database.Statement;
  private readonly distinct: Database.Statement;
  private readonly prepared = new Map<number, { row: ChildRow; rec: PreparedRecord }>();
  /** Rows of this list already seen, by blocking key, to find the same child listed twice. */
  private readonly seen = new Map<string, { rowNo: number; rec: PreparedRecord }[]>();

  constructor(private readonly sqlite: Database.Database) {
    this.byBlocks = sqlite.prepare(`
      SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date AS birthDate, c.gender, c.snils, c.cur_class AS classLabel,
        o.short_name AS orgName, c.cur_org_id AS curOrgId,
        (SELECT group_concat(a.text, ' || ') FROM addresses a WHERE a.child_id = c.id AND a.superseded_by IS NULL AND a.withdrawn_at IS NULL) AS addresses
      FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id
      WHERE c.status = 'active' AND c.id IN (
        SELECT id FROM children WHERE birth_date IN (?, ?)
        UNION SELECT id FROM children WHERE surname_norm = ? AND name_norm = ?
        UNION SELECT id FROM children WHERE snils = ?)`);
    this.distinct = sqlite.prepare('SELECT child_id FROM distinct_pairs WHERE other_key = ?').pluck();
  }

  private candidateRecord(row: ChildRow): PreparedRecord {
    let hit = this.prepared.get(row.id);
    if (!hit) {
      hit = { row, rec: toRecord(row, row.addresses ? row.addresses.split(' || ') : []) };
      this.prepared.set(row.id, hit);
    }
    return hit.rec;
  }

  link(rowNo: number, v: ListRowValues): LinkResult {
    const rec = toRecord(v, [v.addressRegistration, v.addressActual, v.addressResidence]);
    const birth = v.birthDate ?? '';
    const rows = this.byBlocks.all(birth, birth ? swapDayMonth(birth) : '', normalizeName(v.surname ?? ''), normalizeName(v.name ?? ''), v.snils ?? '\u0000') as ChildRow[];
    const notSame = new Set(this.distinct.all(personKey(v)) as number[]);

    const scored = rows
      .filter((r) => !notSame.has(r.id))
      .map((r) => ({ r, result: scorePair(rec, this.candidateRecord(r)) }))
      .filter((s) => s.result.score >= REVIEW_THRESHOLD || s.result.outcome !== 'new')
      .sort((a, b) => b.result.score - a.result.score);
    const candidates: Candidate[] = scored.slice(0, MAX_CANDIDATES_SHOWN).map(({ r, result }) => ({
      childId: r.id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      birthDate: r.birthDate,
      orgName: r.orgName,
      classLabel: r.classLabel,
      address: r.addresses,
      score: Math.round(result.score * 10) / 10,
      reasons: result.reasons,
    }));

    const sameAsRow = this.sameInList(rowNo, rec, v);
    const best = scored[0];
    const second = scored[1];
    if (best && best.result.outcome === 'auto') {
      if (second && second.result.outcome !== 'new' && best.result.score - second.result.score < AMBIGUITY_MARGIN_BITS) {
        return { decision: 'review', childId: null, sameAsRow, score: best.result.score, reasons: ['несколько похожих детей в реестре', ...best.result.reasons], candidates };
      }
      return { decision: 'auto', childId: best.r.id, sameAsRow, score: best.result.score, reasons: best.result.reasons, candidates };
    }
    if (best && best.result.outcome === 'review') {
      return { decision: 'review', childId: null, sameAsRow, score: best.result.score, reasons: best.result.reasons, candidates };
    }
    if (sameAsRow !== null) return { decision: 'auto', childId: null, sameAsRow, score: null, reasons: [`тот же ребёнок, что в строке ${sameAsRow}`], candidates };
    return { decision: 'new', childId: null, sameAsRow: null, score: best?.result.score ?? null, reasons: best ? ['похожих детей в реестре нет (лучшее совпадение слабое)'] : ['похожих детей в реестре нет'], candidates };
  }

  /** An earlier row of the same list that is certainly the same child (the list names them twice). */
  private sameInList(rowNo: number, rec: PreparedRecord, v: ListRowValues): number | null {
    const keys = [`d:${v.birthDate ?? ''}`, `n:${normalizeName(v.surname ?? '')}|${normalizeName(v.name ?? '')}`];
    let found: number | null = null;
    for (const key of keys) {
      for (const earlier of this.seen.get(key) ?? []) {
        if (found === null && scorePair(rec, earlier.rec).outcome === 'auto') found = earlier.rowNo;
      }
    }
    for (const key of keys) {
      const list = this.seen.get(key) ?? [];
      list.push({ rowNo, rec });
      this.seen.set(key, list);
    }
    return found;
  }
}

export { AUTO_LINK_THRESHOLD };
