import { ApiError } from '../../../shared/api/errors';
import { cellText, classifyDataRow, normalizeHeaderText } from '../../../shared/intake/headers';

// A spreadsheet that is not a children's list (organizations, school territories): its header found among the first
// rows the way shared/intake/headers.ts finds a list's (word stems of the normalized header text, title lines above it
// skipped), its rows numbered as a person counts them, blank lines, «Итого» and signature lines skipped.

export interface ColumnRule<F extends string> {
  field: F;
  /** The column's name in messages. */
  label: string;
  /** Words of the normalized header (normalizeHeaderText); stems are tested with startsWith. */
  match(h: { words: readonly string[]; has(stem: string): boolean; word(w: string): boolean }): boolean;
}

export interface TableRow<F extends string> {
  /** Number under the header, as a person counts (1 = the first row below it). */
  rowNo: number;
  /** Row of the sheet, as Excel numbers it. */
  fileRowNo: number;
  get(field: F): string;
}

export interface FoundTable<F extends string> {
  headers: string[];
  /** field → its column's header as written in the file (for messages). */
  columnName: Partial<Record<F, string>>;
  rows: TableRow<F>[];
}

const MAX_HEADER_SCAN_ROWS = 30;

function words(text: string) {
  const norm = normalizeHeaderText(text);
  const w = norm === '' ? [] : norm.split(' ');
  return { words: w, has: (stem: string) => w.some((x) => x.startsWith(stem)), word: (x: string) => w.includes(x) };
}

/**
 * The header row: the first of the top rows that names the most fields (at least `required`'s all); each field to
 * the first column naming it. A Russian error naming the file and the missing columns otherwise.
 */
export function findTable<F extends string>(fileName: string, rows: readonly (readonly unknown[])[], rules: readonly ColumnRule<F>[], required: readonly F[]): FoundTable<F> {
  let best: { index: number; cols: Map<F, number>; headers: string[] } | null = null;
  for (let i = 0; i < Math.min(rows.length, MAX_HEADER_SCAN_ROWS); i++) {
    const texts = (rows[i] ?? []).map((v) => cellText(v).replace(/\s+/gu, ' ').trim());
    const cols = new Map<F, number>();
    texts.forEach((t, c) => {
      if (t === '') return;
      const h = words(t);
      const rule = rules.find((r) => !cols.has(r.field) && r.match(h));
      if (rule) cols.set(rule.field, c);
    });
    if (cols.size >= 2 && (best === null || cols.size > best.cols.size)) best = { index: i, cols, headers: texts };
  }
  const missing = required.filter((f) => !best?.cols.has(f));
  if (best === null || missing.length > 0) {
    const labels = (missing.length > 0 ? missing : required).map((f) => `«${rules.find((r) => r.field === f)?.label ?? f}»`).join(', ');
    throw new ApiError('VALIDATION', `В файле «${fileName}» не найдена строка заголовка со столбцами ${labels}. Проверьте, что таблица начинается со строки с названиями столбцов, и загрузите файл снова.`);
  }
  const { index, cols, headers } = best;
  const columnName: Partial<Record<F, string>> = {};
  for (const [f, c] of cols) columnName[f] = headers[c] ?? '';
  const out: TableRow<F>[] = [];
  for (let i = index + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const kind = classifyDataRow(row);
    if (kind === 'signature') break;
    if (kind !== 'data') continue;
    out.push({
      rowNo: i - index,
      fileRowNo: i + 1,
      get: (f: F) => {
        const c = cols.get(f);
        return c === undefined ? '' : cellText(row[c]).replace(/\s+/gu, ' ').trim();
      },
    });
  }
  return { headers, columnName, rows: out };
}
