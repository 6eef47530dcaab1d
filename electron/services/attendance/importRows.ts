/**
 * Linking the rows of a journal's attendance report to the school's current pupils (children.cur_org_id, kept by
 * access.ts — the one definition of «the child's current school»), and applying them all or none.
 */
import type Database from 'better-sqlite3';
import { normalizeName } from '../../../shared/domain/names';
import { parseClassLabel, formatClassLabel } from '../../../shared/domain/levels';
import { parseRuDate, isValidIsoDate, formatRuDate } from '../../../shared/domain/dates';
import { figuresIssues, unexcusedPercent } from '../../../shared/domain/truancy';
import type { AttendanceImportResult } from '../../../shared/api/attendance';
import { saveAttendance, type AttendanceEntry } from './store';
import type { JournalFile, JournalIssue } from './journalFile';
import { recordCardsSql } from '../access';

interface Pupil {
  id: number;
  surname_norm: string;
  name_norm: string;
  patronymic_norm: string;
  birth_date: string;
  cur_class: string | null;
}

const classKey = (s: string | null): string => {
  if (!s) return '';
  const c = parseClassLabel(s);
  return c ? formatClassLabel(c).toLowerCase() : s.replace(/\s+/gu, '').toLowerCase().replace(/ё/gu, 'е');
};

function birthIso(s: string | null): string | null {
  if (!s) return null;
  if (isValidIsoDate(s)) return s;
  return parseRuDate(s);
}

/** The school's current pupils, filed by full name and by surname and name. */
export function pupilsOf(sqlite: Database.Database, orgId: number): { full: Map<string, Pupil[]>; short: Map<string, Pupil[]>; count: number } {
  const rows = sqlite
    .prepare("SELECT id, surname_norm, name_norm, patronymic_norm, birth_date, cur_class FROM children WHERE cur_org_id = ? AND status = 'active'")
    .all(orgId) as Pupil[];
  const full = new Map<string, Pupil[]>();
  const short = new Map<string, Pupil[]>();
  const put = (m: Map<string, Pupil[]>, k: string, p: Pupil) => {
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  };
  for (const p of rows) {
    put(full, `${p.surname_norm}|${p.name_norm}|${p.patronymic_norm}`, p);
    put(short, `${p.surname_norm}|${p.name_norm}`, p);
  }
  return { full, short, count: rows.length };
}

export interface LinkedJournal {
  result: AttendanceImportResult;
  entries: AttendanceEntry[];
}

/** Where a problem is, in Russian, for the person who will open the file. */
function issueText(fileName: string, i: JournalIssue): string {
  const where = [`Файл «${fileName}»`, i.row > 0 ? `строка ${i.row}` : '', i.column ? `столбец ${i.column}` : ''].filter(Boolean).join(', ');
  return `${where}: ${i.message}`;
}

/** Links the report's rows to the pupils and says, row by row, what applying would do. Writes nothing. */
export function linkJournal(sqlite: Database.Database, orgId: number, month: string, file: JournalFile): LinkedJournal {
  const pupils = pupilsOf(sqlite, orgId);
  const inForce = sqlite.prepare(
    `SELECT lessons_held, missed_total, missed_unexcused FROM attendance WHERE child_id IN ${recordCardsSql('?')} AND org_id = ? AND month = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1`,
  );
  const issues: JournalIssue[] = [...file.fileIssues];
  const rows: AttendanceImportResult['rows'] = [];
  const entries: AttendanceEntry[] = [];
  const seen = new Map<number, number>();
  const fioColumn = file.columnLabels.fio ?? file.columnLabels.surname ?? '«ФИО»';
  for (const r of file.rows) {
    const rowIssues = [...r.issues];
    let childId: number | null = null;
    if (r.surname && r.name) {
      const s = normalizeName(r.surname);
      const n = normalizeName(r.name);
      const p = normalizeName(r.patronymic);
      let found = p ? (pupils.full.get(`${s}|${n}|${p}`) ?? []) : (pupils.short.get(`${s}|${n}`) ?? []);
      if (found.length > 1 && r.classLabel) {
        const k = classKey(r.classLabel);
        const same = found.filter((x) => classKey(x.cur_class) === k);
        if (same.length > 0) found = same;
      }
      const birth = birthIso(r.birthDate);
      if (found.length > 1 && birth) {
        const same = found.filter((x) => x.birth_date === birth);
        if (same.length > 0) found = same;
      }
      if (found.length === 0) {
        rowIssues.push({
          row: r.fileRowNo,
          column: fioColumn,
          message: `ученик «${r.fioText}»${r.classLabel ? ` (${r.classLabel} класс)` : ''} не найден среди обучающихся школы — проверьте ФИО или внесите ученика в реестр`,
        });
      } else if (found.length > 1) {
        rowIssues.push({
          row: r.fileRowNo,
          column: fioColumn,
          message: `учеников «${r.fioText}» в школе ${found.length}${birth ? ` с датой рождения ${formatRuDate(birth)}` : ''} — добавьте в отчёт класс или дату рождения, чтобы различить их`,
        });
      } else {
        childId = found[0]!.id;
        const before = seen.get(childId);
        if (before !== undefined) {
          rowIssues.push({ row: r.fileRowNo, column: fioColumn, message: `ученик «${r.fioText}» уже есть в строке ${before}` });
          childId = null;
        } else seen.set(childId, r.fileRowNo);
      }
    }
    const figures =
      r.lessonsHeld !== null && r.missedTotal !== null && r.missedUnexcused !== null
        ? { lessonsHeld: r.lessonsHeld, missedTotal: r.missedTotal, missedUnexcused: r.missedUnexcused }
        : null;
    if (figures && rowIssues.length === 0) {
      for (const b of figuresIssues(figures)) rowIssues.push({ row: r.fileRowNo, column: '', message: b.message });
    }
    const ok = rowIssues.length === 0 && childId !== null && figures !== null;
    let change: 'new' | 'changed' | 'same' | null = null;
    if (ok) {
      const old = inForce.get(childId, orgId, month) as { lessons_held: number; missed_total: number; missed_unexcused: number } | undefined;
      change = !old
        ? 'new'
        : old.lessons_held === figures.lessonsHeld && old.missed_total === figures.missedTotal && old.missed_unexcused === figures.missedUnexcused
          ? 'same'
          : 'changed';
      entries.push({ childId: childId!, ...figures });
    }
    issues.push(...rowIssues);
    rows.push({
      fileRow: r.fileRowNo,
      fio: r.fioText,
      classLabel: r.classLabel,
      childId,
      lessonsHeld: r.lessonsHeld,
      missedTotal: r.missedTotal,
      missedUnexcused: r.missedUnexcused,
      percent: figures ? unexcusedPercent(figures) : null,
      change,
      ok,
    });
  }
  return {
    entries,
    result: {
      fileName: file.fileName,
      month,
      rowsRead: file.rows.length,
      rowsWithErrors: rows.filter((x) => !x.ok).length,
      issues: issues.map((i) => ({ ...i, text: issueText(file.fileName, i) })),
      rows,
      applied: false,
      saved: 0,
      unchanged: 0,
    },
  };
}

/**
 * Applies a linked report: all rows or none. A report with any problem is refused as a whole (the result lists
 * them); otherwise the month's figures of its pupils are replaced in one transaction, the old ones kept in history.
 */
export function applyJournal(
  sqlite: Database.Database,
  orgId: number,
  month: string,
  file: JournalFile,
  userLogin: string,
): AttendanceImportResult {
  const linked = linkJournal(sqlite, orgId, month, file);
  if (linked.result.issues.length > 0 || linked.entries.length === 0) return linked.result;
  const sourceId = Number(
    sqlite
      .prepare("INSERT INTO sources (kind, user_login, org_id, title, as_of) VALUES ('attendance', ?, ?, ?, ?)")
      .run(userLogin, orgId, `Посещаемость за ${month}: ${file.fileName}`, `${month}-01`).lastInsertRowid,
  );
  const r = saveAttendance(sqlite, { orgId, month, entries: linked.entries, origin: 'file', fileName: file.fileName, sourceId, userLogin });
  return { ...linked.result, applied: true, saved: r.saved, unchanged: r.unchanged };
}
