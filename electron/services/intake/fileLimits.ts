/**
 * How big an incoming list file may be, in every dimension a file can be made big in, and what the person
 * is told when a file goes past one. The figures leave room for the largest real list — a whole district,
 * 200,000 children, in one file — and stop a file made to fill the memory long before it does.
 */
import { ApiError } from '../../../shared/api/errors';

const MiB = 1024 * 1024;

export const FILE_LIMITS = {
  /** A CSV, in bytes as received: 200,000 rows of a wide form are about 60 MB. */
  csvBytes: 100 * MiB,
  /** All parts of a workbook unpacked together, as declared and as actually inflated. */
  xlsxUnpackedBytes: 256 * MiB,
  /** Parts in the container (a workbook has a dozen or two; each image, comment, style part is one). */
  xlsxEntries: 10_000,
  /** Sheets in a workbook. */
  sheets: 100,
  /** The last row of a sheet that may hold data. */
  rows: 200_000,
  /** Columns read from the left; cells further right are ignored, never kept (the XFD trick). */
  columns: 256,
  /** Filled cells kept from one sheet (rows × columns of the table, with room). */
  cells: 5_000_000,
  /** Cells covered by merged ranges in one sheet, after clipping them to the table. */
  mergedCells: 2_000_000,
} as const;

const ru = (n: number): string => n.toLocaleString('ru-RU');
const mb = (bytes: number): string => ru(Math.round(bytes / MiB));
const SPLIT = 'Если список действительно такой большой, разделите его на несколько файлов и загрузите их по очереди.';

export const LIMIT_ERRORS = {
  csvTooLarge: (f: string, bytes: number) =>
    `Файл «${f}» занимает ${mb(bytes)} МБ — больше предела для CSV (${mb(FILE_LIMITS.csvBytes)} МБ). ${SPLIT}`,
  unpackedTooLarge: (f: string) =>
    `Файл «${f}» в распакованном виде больше ${mb(FILE_LIMITS.xlsxUnpackedBytes)} МБ — в книге со списком столько не бывает (файл повреждён или составлен так, чтобы занять всю память), и он не прочитан. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»; ${SPLIT.charAt(0).toLowerCase()}${SPLIT.slice(1)}`,
  tooManySheets: (f: string, n: number) =>
    `В книге «${f}» ${ru(n)} листов — больше предела (${ru(FILE_LIMITS.sheets)}), и она не прочитана. Оставьте в книге лист со списком и загрузите её снова.`,
  tooManyRows: (f: string, sheet: string) =>
    `На листе «${sheet}» книги «${f}» заполнены строки ниже ${ru(FILE_LIMITS.rows)}-й — больше предела для одного списка, и книга не прочитана. Удалите лишнее внизу листа. ${SPLIT}`,
  tooManyCells: (f: string, sheet: string) =>
    `На листе «${sheet}» книги «${f}» больше ${ru(FILE_LIMITS.cells)} заполненных ячеек — больше предела для одного списка, и книга не прочитана. ${SPLIT}`,
  tooManyMerged: (f: string, sheet: string) =>
    `На листе «${sheet}» книги «${f}» объединено больше ${ru(FILE_LIMITS.mergedCells)} ячеек — больше предела, и книга не прочитана. Снимите объединение ячеек (Главная → Объединить и поместить в центре) и загрузите книгу снова.`,
  outOfMemory: (f: string, limitMb: number) =>
    `Файл «${f}» не прочитан: на его разбор не хватило отведённой памяти (${ru(limitMb)} МБ). ${SPLIT}`,
  crashed: (f: string) => `Файл «${f}» не удалось разобрать: разбор прервался. Откройте файл в Excel, сохраните как «Книга Excel (*.xlsx)» и загрузите снова.`,
} as const;

export const limitError = (message: string): ApiError => new ApiError('VALIDATION', message);
