import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../../electron/demo/random';
import { BOYS, GIRLS, SURNAMES, surnameFor } from '../../electron/demo/russianNames';
import { renderPdf } from '../../electron/services/reports/pdf';
import { renderXlsx } from '../../electron/services/reports/xlsx';
import { formatRuDate } from '../../shared/domain/dates';
import { KSTOVO_FORMS } from '../../shared/reports/forms-kstovo';
import { cellText, pageText, stampText } from '../../shared/reports/format';
import type { Cell, PreparedTable } from '../../shared/reports/types';
import { report } from './report';

// Report forms: the time and peak memory to make the PDF and the XLSX of a long list (Кстово, приложение 1:
// six columns, grouped by year of birth, wrapped addresses), with our pdf-lib layout and with pdfmake 0.3 on the
// same content (headerRows, dontBreakRows, a footer with the page and the printout number). Each case runs in a
// process of its own with the heap a rendering worker gets (1536 MB), so the peak is that case's.
// BENCH_REPORT_ROWS sets the sizes (default 5000,50000).

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const HEAP_MB = 1536;
const STAMP = { number: '2026-000123', date: '2026-12-03' };

type Engine = 'pdf-lib' | 'pdfmake' | 'xlsx';

/** A synthetic prepared list of n children: real-looking names, dates, long addresses, grouped by year of birth. */
export function syntheticTable(n: number): PreparedTable {
  const rng = new Random(20261203);
  const form = KSTOVO_FORMS[0]!;
  const def = form.sections[0]!;
  const byYear = new Map<number, Cell[][]>();
  for (let i = 0; i < n; i++) {
    const female = rng.next() < 0.5;
    const name = (female ? GIRLS : BOYS)[rng.int(0, 20)]![0];
    const surname = surnameFor(SURNAMES[rng.int(0, SURNAMES.length - 1)]![0], female ? 'f' : 'm');
    const year = 2008 + rng.int(0, 13);
    const birth = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const row: Cell[] = [0, `${surname} ${name} ${female ? 'Сергеевна' : 'Сергеевич'}`, birth, `Нижегородская обл., г. Кстово, ул. ${['Ленина', 'Школьная', 'Октябрьская', 'Героев Советского Союза'][i % 4]}, д. ${rng.int(1, 120)}, кв. ${rng.int(1, 300)}`, `МБОУ СШ № ${rng.int(1, 20)} / ${rng.int(1, 11)}А`, 'нет'];
    byYear.set(year, [...(byYear.get(year) ?? []), row]);
  }
  let k = 0;
  const groups = [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, rows]) => ({ heading: `${year} год рождения`, rows: rows.map((r) => ((r[0] = ++k), r)) }));
  const columns = def.columns.map((c) => ({ ...c }));
  const totals: Cell[][] = [[null, `Всего: ${n}`, null, null, null, null]];
  const section = { heading: null, columns, groups, totals, rowCount: n, listsChildren: true };
  return {
    formId: form.id, profileId: 'kstovo', title: form.title, orientation: form.orientation, attachment: [...form.attachment], heading: [...form.heading],
    orgFullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1» г. Кстово', orgCaption: form.orgCaption,
    asOf: '2026-02-01', asOfLine: 'по состоянию на 01.02.2026', params: { orgId: 1, asOf: '2026-02-01', year: null }, periodFrom: null,
    columns, groups, totals, sections: [section], childCount: n,
    signature: { position: 'Директор', name: 'М.И. Петрова', stamp: true, dated: false }, footnotes: [], emptyText: 'Сведений нет',
  };
}

/** The same content through pdfmake 0.3: header row repeated, rows unbreakable, footer with the page and number. */
async function renderPdfmake(table: PreparedTable): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as {
    setFonts(f: unknown): void;
    setUrlAccessPolicy(f: (u: string) => boolean): void;
    setLocalAccessPolicy(f: (p: string) => boolean): void;
    createPdf(def: unknown): { getBuffer(): Promise<Buffer> };
  };
  const fonts = join(root, 'resources', 'fonts');
  pdfmake.setFonts({ Serif: { normal: join(fonts, 'LiberationSerif-Regular.ttf'), bold: join(fonts, 'LiberationSerif-Bold.ttf') } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p.startsWith(fonts));
  const s = table.sections[0]!;
  const n = s.columns.length;
  const body: unknown[][] = [s.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center', fontSize: 9, fillColor: '#eeeeee' }))];
  for (const g of s.groups) {
    if (g.heading) body.push([{ text: g.heading, bold: true, colSpan: n, fillColor: '#f5f5f5' }, ...Array.from({ length: n - 1 }, () => '')]);
    for (const r of g.rows) body.push(s.columns.map((c, i) => ({ text: cellText(r[i] ?? null, c.kind), alignment: c.kind === 'text' ? 'left' : 'center' })));
  }
  body.push([{ text: `Всего: ${s.rowCount}`, bold: true, colSpan: n }, ...Array.from({ length: n - 1 }, () => '')]);
  const sum = s.columns.reduce((a, c) => a + c.width, 0);
  const def = {
    pageSize: 'A4',
    pageOrientation: table.orientation,
    pageMargins: [57, 42, 28, 42],
    defaultStyle: { font: 'Serif', fontSize: 10 },
    footer: (page: number, pages: number) => ({ columns: [`Документ ${stampText(STAMP)}`, { text: pageText(page, pages), alignment: 'right' }], margin: [57, 10, 28, 0], fontSize: 8 }),
    content: [
      { text: table.attachment.join('\n'), fontSize: 9, margin: [430, 0, 0, 10] },
      { text: table.heading.join('\n'), bold: true, fontSize: 12, alignment: 'center' },
      { text: table.orgFullName, alignment: 'center', fontSize: 11, margin: [0, 8, 0, 0] },
      { text: table.asOfLine, alignment: 'center', margin: [0, 6, 0, 8] },
      { table: { headerRows: 1, dontBreakRows: true, widths: s.columns.map((c) => `${((c.width / sum) * 100).toFixed(2)}%`), body } },
      {
        unbreakable: true,
        margin: [0, 22, 0, 0],
        stack: [{ columns: [table.signature.position, { text: '____________________', alignment: 'center' }, table.signature.name] }, { text: '(подпись)', fontSize: 8, alignment: 'center' }, { text: 'М.П.', margin: [0, 10, 0, 0] }, `Дата ${formatRuDate(STAMP.date)}`],
      },
    ],
  };
  return pdfmake.createPdf(def).getBuffer();
}

/** One case, in this process: prints {ms, bytes, rssMb} as the last line. */
async function runCase(engine: Engine, rows: number): Promise<void> {
  const table = syntheticTable(rows);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const bytes = engine === 'pdf-lib' ? await renderPdf(table, STAMP) : engine === 'pdfmake' ? await renderPdfmake(table) : await renderXlsx(table, STAMP);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes: bytes.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

interface CaseResult {
  ms: number;
  cpuMs: number;
  bytes: number;
  rssMb: number;
}

function spawnCase(engine: Engine, rows: number): CaseResult | { error: string } {
  const res = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(here, 'reports.ts'), engine, String(rows)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  if (res.status !== 0) return { error: /heap out of memory|Allocation failed/u.test(res.stderr) ? 'не хватило памяти' : `код ${res.status ?? res.signal}` };
  return JSON.parse(res.stdout.trim().split('\n').at(-1)!) as CaseResult;
}

export async function benchReports(): Promise<void> {
  const sizes = (process.env.BENCH_REPORT_ROWS ?? '5000,50000').split(',').map(Number).filter((n) => n > 0);
  for (const rows of sizes) {
    for (const engine of ['pdf-lib', 'pdfmake', 'xlsx'] as const) {
      const what = `${engine === 'xlsx' ? 'XLSX (exceljs, поток)' : `PDF, ${engine}`}: ${rows.toLocaleString('ru-RU')} строк`;
      const r = spawnCase(engine, rows);
      if ('error' in r) {
        console.log(`${what.padEnd(72, ' ')} ${r.error}`);
        continue;
      }
      report(`${what} — время`, r.ms / 1000, 'с');
      // Processor time as well: on a shared, loaded machine the wall clock says more about the neighbours.
      report(`${what} — процессорное время`, r.cpuMs / 1000, 'с');
      report(`${what} — пиковая память процесса (RSS)`, r.rssMb, 'МиБ');
      report(`${what} — размер файла`, r.bytes / 1024 / 1024, 'МиБ');
    }
  }
}

// Run as a case: `tsx test/bench/reports.ts <engine> <rows>`.
const [engineArg, rowsArg] = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && engineArg) await runCase(engineArg as Engine, Number(rowsArg));
