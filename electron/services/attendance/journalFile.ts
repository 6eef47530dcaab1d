/**
 * The attendance report of an electronic class journal (XLSX or CSV): read by the intake reader (readFile.ts, its
 * format detection and limits) in the intake worker, its columns recognized by their headers — ФИО (or surname,
 * name, patronymic), class, birth date as intake knows them (shared/intake/headers.ts), and the journal's own
 * «уроков проведено», «пропущено всего», «по уважительной», «по неуважительной причине», including a two-row
 * header («Пропущено уроков» over «всего | по уважительной | по неуважительной»).
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { cellText, classifyDataRow, normalizeHeaderText, recognizeHeader } from '../../../shared/intake/headers';
import { readListFile } from '../intake/readFile';

export type JournalField = 'fio' | 'surname' | 'name' | 'patronymic' | 'birthDate' | 'classLabel' | 'lessonsHeld' | 'missedTotal' | 'missedExcused' | 'missedUnexcused';

export const JOURNAL_FIELD_LABELS: Record<JournalField, string> = {
  fio: 'ФИО',
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  classLabel: 'Класс',
  lessonsHeld: 'Уроков проведено',
  missedTotal: 'Пропущено всего',
  missedExcused: 'По уважительной причине',
  missedUnexcused: 'По неуважительной причине',
};

export interface AttendanceReadJob {
  kind: 'attendance';
  fileName: string;
  base64: string;
}

export interface JournalIssue {
  /** Row of the file (1-based), 0 for the file as a whole. */
  row: number;
  /** Column letter and header, or '' for the whole row. */
  column: string;
  message: string;
}

export interface JournalRow {
  fileRowNo: number;
  /** As written, for the person reading the preview. */
  fioText: string;
  surname: string;
  name: string;
  patronymic: string;
  classLabel: string | null;
  birthDate: string | null;
  lessonsHeld: number | null;
  missedTotal: number | null;
  missedUnexcused: number | null;
  issues: JournalIssue[];
}

export interface JournalFile {
  fileName: string;
  sha256: string;
  headers: Partial<Record<JournalField, string>>;
  /** Column letter and header, as messages name a column: «A «ФИО»». */
  columnLabels: Partial<Record<JournalField, string>>;
  rows: JournalRow[];
  /** Problems with the file as a whole (no header, a column missing). */
  fileIssues: JournalIssue[];
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The journal's own columns; null for anything else. Narrower rules first (unexcused before excused). */
export function journalField(text: string): JournalField | null {
  const norm = normalizeHeaderText(text);
  if (norm === '') return null;
  const words = norm.split(' ');
  const has = (stem: string) => words.some((w) => w.startsWith(stem));
  const word = (w: string) => words.includes(w);
  if (has('неуважит') || (word('без') && has('уважит')) || has('прогул')) return 'missedUnexcused';
  if (has('уважит')) return 'missedExcused';
  if (has('пропущ') || has('пропуск') || has('пропущен')) return 'missedTotal';
  if (has('провед') || (has('урок') && (word('всего') || has('колич') || has('числ'))) || (has('занят') && has('всего'))) return 'lessonsHeld';
  return null;
}

function fieldOf(text: string): JournalField | null {
  const own = journalField(text);
  if (own) return own;
  switch (recognizeHeader(text)) {
    case 'fio':
      return 'fio';
    case 'surname':
      return 'surname';
    case 'name':
      return 'name';
    case 'patronymic':
      return 'patronymic';
    case 'birthDate':
      return 'birthDate';
    case 'classOrGroup':
      return 'classLabel';
    default:
      return null;
  }
}

interface HeaderFound {
  rowIndex: number;
  rowCount: number;
  columns: Partial<Record<JournalField, number>>;
  texts: string[];
}

const texts = (row: readonly unknown[] | undefined): string[] => (row ?? []).map((v) => cellText(v).replace(/\s+/gu, ' ').trim());

function mapRow(cols: string[][]): { columns: Partial<Record<JournalField, number>>; score: number; texts: string[] } {
  const columns: Partial<Record<JournalField, number>> = {};
  cols.forEach((parts, c) => {
    if (parts.length === 0) return;
    // The most specific text first («Пропущено уроков | всего»: the sub-header with its group).
    const f = fieldOf(parts.join(' ')) ?? fieldOf(parts.at(-1)!);
    if (f !== null && columns[f] === undefined) columns[f] = c;
  });
  const person = columns.fio !== undefined || (columns.surname !== undefined && columns.name !== undefined);
  const numbers = ['lessonsHeld', 'missedTotal', 'missedExcused', 'missedUnexcused'].filter((k) => columns[k as JournalField] !== undefined).length;
  return { columns, score: person && numbers > 0 ? numbers * 10 + Object.keys(columns).length : 0, texts: cols.map((p) => p.join(' | ')) };
}

/** The header among the first 60 rows: one row, or two (a group header carried over the sub-headers under it). */
export function findJournalHeader(rows: readonly (readonly unknown[])[]): HeaderFound | null {
  let best: (HeaderFound & { score: number }) | null = null;
  for (let i = 0; i < Math.min(rows.length, 60); i++) {
    const top = texts(rows[i]);
    if (top.filter((t) => t !== '').length < 2) continue;
    const one = mapRow(top.map((t) => (t ? [t] : [])));
    if (one.score > 0 && (!best || one.score > best.score)) best = { rowIndex: i, rowCount: 1, columns: one.columns, texts: one.texts, score: one.score };
    const below = texts(rows[i + 1]);
    if (below.some((t) => /\d/u.test(t))) continue;
    let carried = '';
    const width = Math.max(top.length, below.length);
    const cols: string[][] = [];
    for (let c = 0; c < width; c++) {
      const own = top[c] ?? '';
      const sub = below[c] ?? '';
      if (own !== '') carried = own;
      else if (sub === '') carried = '';
      const head = own !== '' ? own : sub !== '' ? carried : '';
      cols.push([head, sub].filter((t, k, a) => t !== '' && a.indexOf(t) === k));
    }
    const two = mapRow(cols);
    if (two.score > 0 && (!best || two.score > best.score)) best = { rowIndex: i, rowCount: 2, columns: two.columns, texts: two.texts, score: two.score };
  }
  if (!best) return null;
  const { score: _s, ...found } = best;
  return found;
}

function wholeNumber(v: unknown): number | null | 'bad' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : 'bad';
  const t = cellText(v).trim().replace(/\s+/gu, '');
  if (t === '' || t === '-' || t === '–' || t === '—') return null;
  return /^\d{1,5}$/u.test(t) ? Number(t) : 'bad';
}

function splitFio(text: string): { surname: string; name: string; patronymic: string } {
  const parts = text.replace(/\s+/gu, ' ').trim().split(' ');
  return { surname: parts[0] ?? '', name: parts[1] ?? '', patronymic: parts.slice(2).join(' ') };
}

/** Reads the rows of the report (after the header, skipping blank, total and signature lines). */
export function extractJournal(rows: readonly (readonly unknown[])[], fileName: string, sha256: string): JournalFile {
  const header = findJournalHeader(rows);
  const fileIssues: JournalIssue[] = [];
  if (!header) {
    return {
      fileName,
      sha256,
      headers: {},
      columnLabels: {},
      rows: [],
      fileIssues: [{ row: 0, column: '', message: 'Не найдена строка заголовков отчёта о посещаемости: нужны «ФИО» (или «Фамилия», «Имя»), «Уроков проведено» и «Пропущено … по неуважительной причине»' }],
    };
  }
  const col = header.columns;
  const headers: Partial<Record<JournalField, string>> = {};
  for (const [f, c] of Object.entries(col) as [JournalField, number][]) headers[f] = header.texts[c] ?? '';
  if (col.lessonsHeld === undefined) fileIssues.push({ row: 0, column: '', message: 'В отчёте нет столбца «Уроков проведено»' });
  if (col.missedUnexcused === undefined && (col.missedTotal === undefined || col.missedExcused === undefined)) {
    fileIssues.push({ row: 0, column: '', message: 'В отчёте нет столбца «Пропущено по неуважительной причине» (или «Пропущено всего» и «По уважительной причине»)' });
  }
  const label = (f: JournalField): string => `${columnLetter(col[f]!)} «${headers[f] || JOURNAL_FIELD_LABELS[f]}»`;
  const out: JournalRow[] = [];
  for (let i = header.rowIndex + header.rowCount; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (classifyDataRow(row) !== 'data') continue;
    const at = (f: JournalField): unknown => (col[f] === undefined ? null : row[col[f]!]);
    const issues: JournalIssue[] = [];
    const fileRowNo = i + 1;
    let person = { surname: '', name: '', patronymic: '' };
    if (col.fio !== undefined) person = splitFio(cellText(at('fio')));
    else person = { surname: cellText(at('surname')).trim(), name: cellText(at('name')).trim(), patronymic: cellText(at('patronymic')).trim() };
    const fioText = [person.surname, person.name, person.patronymic].filter(Boolean).join(' ');
    // A row without a name and without figures is a line of the layout (a class heading, a note): not a pupil.
    const num = (f: JournalField): number | null => {
      if (col[f] === undefined) return null;
      const n = wholeNumber(at(f));
      if (n === 'bad') {
        issues.push({ row: fileRowNo, column: label(f), message: `не целое неотрицательное число: «${cellText(at(f)).trim()}»` });
        return null;
      }
      return n;
    };
    const held = num('lessonsHeld');
    let total = num('missedTotal');
    const excused = num('missedExcused');
    let unexcused = num('missedUnexcused');
    const noFigures = held === null && total === null && unexcused === null && excused === null && !issues.length;
    // A signature line under the table («Классный руководитель ______»): not a pupil.
    if (noFigures && /_{2,}|руководител|подпис|учител|директор/iu.test(fioText)) continue;
    if (!person.surname && !person.name) {
      if (noFigures) continue;
      issues.push({ row: fileRowNo, column: label(col.fio !== undefined ? 'fio' : 'surname'), message: 'не указаны фамилия и имя ученика' });
    } else if (!person.name) {
      issues.push({ row: fileRowNo, column: label(col.fio !== undefined ? 'fio' : 'name'), message: `в ФИО «${fioText}» нет имени` });
    }
    if (col.lessonsHeld !== undefined && held === null && !issues.some((x) => x.column === label('lessonsHeld'))) {
      issues.push({ row: fileRowNo, column: label('lessonsHeld'), message: 'не указано число проведённых уроков' });
    }
    // Missing figures follow from the others: total = excused + unexcused; unexcused = total − excused.
    if (unexcused === null && total !== null && excused !== null) unexcused = total - excused;
    if (total === null && unexcused !== null) total = unexcused + (excused ?? 0);
    if (unexcused === null && total !== null && col.missedUnexcused === undefined && col.missedExcused === undefined) unexcused = total;
    if (total === null && col.missedTotal === undefined && col.missedUnexcused === undefined) total = null;
    if (unexcused !== null && unexcused < 0) {
      issues.push({ row: fileRowNo, column: label('missedExcused'), message: `по уважительной причине (${excused}) больше, чем пропущено всего (${total})` });
      unexcused = null;
    }
    if (total !== null && unexcused !== null && excused !== null && col.missedTotal !== undefined && col.missedUnexcused !== undefined && excused + unexcused !== total) {
      issues.push({ row: fileRowNo, column: label('missedTotal'), message: `пропущено всего ${total}, а по уважительной ${excused} и по неуважительной ${unexcused} — в сумме ${excused + unexcused}` });
    }
    if (held !== null && total !== null && total > held) issues.push({ row: fileRowNo, column: label(col.missedTotal !== undefined ? 'missedTotal' : 'missedUnexcused'), message: `пропущено (${total}) больше, чем проведено уроков (${held})` });
    if (total !== null && unexcused !== null && unexcused > total) issues.push({ row: fileRowNo, column: label('missedUnexcused'), message: `без уважительной причины (${unexcused}) больше, чем пропущено всего (${total})` });
    if (total === null && held !== null && !issues.length) issues.push({ row: fileRowNo, column: label(col.missedTotal !== undefined ? 'missedTotal' : 'missedUnexcused'), message: 'не указано, сколько уроков пропущено (0, если пропусков нет)' });
    const cls = cellText(at('classLabel')).trim();
    const birth = at('birthDate');
    out.push({
      fileRowNo,
      fioText,
      ...person,
      classLabel: cls || null,
      birthDate: birth instanceof Date ? birth.toISOString().slice(0, 10) : cellText(birth).trim() || null,
      lessonsHeld: held,
      missedTotal: total,
      missedUnexcused: unexcused,
      issues,
    });
  }
  if (out.length === 0 && fileIssues.length === 0) fileIssues.push({ row: 0, column: '', message: 'Под заголовком отчёта нет ни одной строки с учеником' });
  const columnLabels: Partial<Record<JournalField, string>> = {};
  for (const f of Object.keys(col) as JournalField[]) columnLabels[f] = label(f);
  return { fileName, sha256, headers, columnLabels, rows: out, fileIssues };
}

/** Runs in the intake worker (prepareWorker.ts): the file's bytes through readFile.ts, then the report's rows. */
export async function readJournalFile(job: AttendanceReadJob): Promise<JournalFile> {
  const bytes = Buffer.from(job.base64, 'base64');
  if (bytes.length === 0) throw new ApiError('VALIDATION', `Файл «${job.fileName}» пустой.`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = await readListFile(bytes, job.fileName);
  return extractJournal(file.rows, job.fileName, sha256);
}
