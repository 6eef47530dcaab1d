import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFNumber, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { formatRuDate, isoParts } from '../../../shared/domain/dates';
import { cellText, pageText, stampText } from '../../../shared/reports/format';
import type { Cell, PreparedColumn, PreparedSection, PreparedTable, PrintStamp } from '../../../shared/reports/types';
import { columnWidths, paginate, wrapText, type FlowBlock, type Measure } from './engine';

/**
 * PDF of a prepared form: A4 (landscape where the form is wide), Liberation Serif embedded as a subset, the
 * title block, the table with its header on every page, the signature block kept together, and on every page
 * the printout's number and date and «Стр. N из M». Takes no database handle, so it runs in a worker thread.
 *
 * Text is written straight into the page's content stream with glyph codes cached per character (pdf-lib's
 * drawText lays out every string with fontkit; for 50,000 rows that was most of the time — README, «Формы»).
 */

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
// ГОСТ Р 7.0.97: left margin 20 mm (for filing), right 10, top and bottom 15 (the footer sits in the bottom one).
const MARGIN = { left: 20 * MM, right: 10 * MM, top: 15 * MM, bottom: 15 * MM };
const SIZE = { body: 10, header: 9, attachment: 9, heading: 12, org: 11, caption: 8, footer: 8, sig: 11, note: 9 };
const LEADING = 1.18;
const PAD_X = 3;
const PAD_Y = 2.5;
const LINE_W = 0.6;
/** A row is never taller than this share of a page: longer cell text is cut with «…» (never happens with registry data). */
const MAX_ROW_SHARE = 0.8;

type Align = 'left' | 'center' | 'right';

function findFontsDir(): string {
  const wanted = 'LiberationSerif-Regular.ttf';
  const candidates: string[] = [];
  if (process.env.UCHET_FONTS_DIR) candidates.push(process.env.UCHET_FONTS_DIR);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'fonts'));
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    candidates.push(join(dir, 'resources', 'fonts'));
    dir = dirname(dir);
  }
  const found = candidates.find((d) => existsSync(join(d, wanted)));
  if (!found) throw new Error(`Не найден шрифт ${wanted} (папка resources/fonts)`);
  return found;
}

let fontBytes: { regular: Uint8Array; bold: Uint8Array } | null = null;
function loadFonts(): { regular: Uint8Array; bold: Uint8Array } {
  if (!fontBytes) {
    const dir = findFontsDir();
    fontBytes = { regular: readFileSync(join(dir, 'LiberationSerif-Regular.ttf')), bold: readFileSync(join(dir, 'LiberationSerif-Bold.ttf')) };
  }
  return fontBytes;
}

/**
 * Per-character glyph codes and widths of one embedded font (no shaping is needed for Russian text), in arrays
 * indexed by UTF-16 code unit: measuring and encoding every cell of a 50,000-row list is the hot loop.
 */
class FontCache {
  private readonly hex: (string | undefined)[] = new Array<string | undefined>(65536);
  private readonly width = new Float64Array(65536).fill(-1);
  constructor(readonly font: PDFFont) {}
  private learn(code: number): void {
    const ch = String.fromCharCode(code);
    // Lone surrogates and control characters have no glyph of their own: drawn as a space would be.
    const printable = code >= 0x20 && (code < 0xd800 || code > 0xdfff) ? ch : ' ';
    this.hex[code] = this.font.encodeText(printable).toString().slice(1, -1);
    this.width[code] = this.font.widthOfTextAtSize(printable, 1);
  }
  encode(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.hex[code] === undefined) this.learn(code);
      out += this.hex[code]!;
    }
    return out;
  }
  measure(text: string): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let cw = this.width[code]!;
      if (cw < 0) {
        this.learn(code);
        cw = this.width[code]!;
      }
      w += cw;
    }
    return w;
  }
}

/** Drawing operators of one page, in three layers: fills, then lines, then text. */
class PageOps {
  fills: string[] = [];
  strokes: string[] = [];
  text: string[] = [];
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

interface Ctx {
  fonts: { regular: FontCache; bold: FontCache; keys: { regular: string; bold: string } };
  measure: Measure;
  contentW: number;
  left: number;
}

function drawText(ops: PageOps, ctx: Ctx, text: string, x: number, baseline: number, size: number, bold: boolean): void {
  if (!text) return;
  const cache = bold ? ctx.fonts.bold : ctx.fonts.regular;
  const key = bold ? ctx.fonts.keys.bold : ctx.fonts.keys.regular;
  ops.text.push(`BT /${key} ${size} Tf ${n2(x)} ${n2(baseline)} Td <${cache.encode(text)}> Tj ET`);
}

function drawLines(ops: PageOps, ctx: Ctx, lines: readonly string[], x: number, top: number, width: number, size: number, bold: boolean, align: Align): void {
  lines.forEach((line, i) => {
    const w = ctx.measure(line, bold) * size;
    const dx = align === 'left' ? 0 : align === 'center' ? (width - w) / 2 : width - w;
    drawText(ops, ctx, line, x + Math.max(0, dx), top - size * (i + 0.85) * LEADING + size * 0.15 * LEADING, size, bold);
  });
}

function lineH(size: number): number {
  return size * LEADING;
}

interface Block extends FlowBlock {
  draw(ops: PageOps, top: number): void;
}

function alignOf(c: PreparedColumn): Align {
  return c.kind === 'text' ? 'left' : 'center';
}

/** Caps the lines of a cell so that a row fits on a page. */
function capLines(lines: string[], maxLines: number): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = `${kept[kept.length - 1]}…`;
  return kept;
}

function tableBlocks(ctx: Ctx, section: PreparedSection, sectionIndex: number, emptyText: string, pageH: number): { blocks: Block[]; headerAt: number } {
  const widths = columnWidths(section.columns.map((c) => c.width), ctx.contentW);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), ctx.left);
  const blocks: Block[] = [];
  const maxLines = Math.floor((pageH * MAX_ROW_SHARE - 2 * PAD_Y) / lineH(SIZE.body));

  // Header: one row, or two where columns share a group label (a spanning cell above them).
  const hs = SIZE.header;
  const wrapH = (text: string, w: number) => wrapText(text, w - 2 * PAD_X, hs, true, ctx.measure);
  const runs: { group: string; from: number; to: number }[] = [];
  section.columns.forEach((c, i) => {
    if (!c.group) return;
    const last = runs.at(-1);
    if (last && last.group === c.group && last.to === i - 1) last.to = i;
    else runs.push({ group: c.group, from: i, to: i });
  });
  const grouped = new Set(runs.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k)));
  const subLines = section.columns.map((c, i) => wrapH(c.header, widths[i]!));
  const runLines = runs.map((r) => wrapH(r.group, widths.slice(r.from, r.to + 1).reduce((s, w) => s + w, 0)));
  const topH = runs.length ? Math.max(...runLines.map((l) => l.length)) * lineH(hs) + 2 * PAD_Y : 0;
  let botH = Math.max(0, ...section.columns.map((_, i) => (grouped.has(i) ? subLines[i]!.length * lineH(hs) + 2 * PAD_Y : 0)));
  const singleH = Math.max(0, ...section.columns.map((_, i) => (grouped.has(i) ? 0 : subLines[i]!.length * lineH(hs) + 2 * PAD_Y)));
  if (topH + botH < singleH) botH = singleH - topH;
  const headerH = topH + botH;
  const headerAt = blocks.length;
  blocks.push({
    height: headerH,
    keepWithNext: true,
    section: sectionIndex,
    isHeader: true,
    draw(ops, top) {
      ops.fills.push(`0.93 g ${n2(ctx.left)} ${n2(top - headerH)} ${n2(ctx.contentW)} ${n2(headerH)} re f 0 g`);
      section.columns.forEach((_, i) => {
        const x = xs[i]!;
        const w = widths[i]!;
        if (grouped.has(i)) {
          ops.strokes.push(`${n2(x)} ${n2(top - headerH)} ${n2(w)} ${n2(botH)} re`);
          const lines = subLines[i]!;
          const textH = lines.length * lineH(hs);
          drawLines(ops, ctx, lines, x + PAD_X, top - topH - (botH - textH) / 2, w - 2 * PAD_X, hs, true, 'center');
        } else {
          ops.strokes.push(`${n2(x)} ${n2(top - headerH)} ${n2(w)} ${n2(headerH)} re`);
          const lines = subLines[i]!;
          const textH = lines.length * lineH(hs);
          drawLines(ops, ctx, lines, x + PAD_X, top - (headerH - textH) / 2, w - 2 * PAD_X, hs, true, 'center');
        }
      });
      runs.forEach((r, k) => {
        const x = xs[r.from]!;
        const w = widths.slice(r.from, r.to + 1).reduce((s, v) => s + v, 0);
        ops.strokes.push(`${n2(x)} ${n2(top - topH)} ${n2(w)} ${n2(topH)} re`);
        const lines = runLines[k]!;
        drawLines(ops, ctx, lines, x + PAD_X, top - (topH - lines.length * lineH(hs)) / 2, w - 2 * PAD_X, hs, true, 'center');
      });
    },
  });

  const rowBlock = (cells: readonly Cell[], bold: boolean): Block => {
    const lines = section.columns.map((c, i) => capLines(wrapText(cellText(cells[i] ?? null, c.kind), widths[i]! - 2 * PAD_X, SIZE.body, bold, ctx.measure), maxLines));
    const h = Math.max(1, ...lines.map((l) => l.length)) * lineH(SIZE.body) + 2 * PAD_Y;
    return {
      height: h,
      keepWithNext: false,
      section: sectionIndex,
      isHeader: false,
      draw(ops, top) {
        section.columns.forEach((c, i) => {
          ops.strokes.push(`${n2(xs[i]!)} ${n2(top - h)} ${n2(widths[i]!)} ${n2(h)} re`);
          drawLines(ops, ctx, lines[i]!, xs[i]! + PAD_X, top - PAD_Y, widths[i]! - 2 * PAD_X, SIZE.body, bold, alignOf(c));
        });
      },
    };
  };
  const spanBlock = (text: string, bold: boolean, align: Align, shade: boolean): Block => {
    const lines = wrapText(text, ctx.contentW - 2 * PAD_X, SIZE.body, bold, ctx.measure);
    const h = lines.length * lineH(SIZE.body) + 2 * PAD_Y;
    return {
      height: h,
      keepWithNext: false,
      section: sectionIndex,
      isHeader: false,
      draw(ops, top) {
        if (shade) ops.fills.push(`0.96 g ${n2(ctx.left)} ${n2(top - h)} ${n2(ctx.contentW)} ${n2(h)} re f 0 g`);
        ops.strokes.push(`${n2(ctx.left)} ${n2(top - h)} ${n2(ctx.contentW)} ${n2(h)} re`);
        drawLines(ops, ctx, lines, ctx.left + PAD_X, top - PAD_Y, ctx.contentW - 2 * PAD_X, SIZE.body, bold, align);
      },
    };
  };

  if (section.rowCount === 0) {
    blocks.push(spanBlock(emptyText, false, 'center', false));
  } else {
    for (const g of section.groups) {
      if (g.heading !== null) blocks.push({ ...spanBlock(g.heading, true, 'left', true), keepWithNext: true });
      for (const r of g.rows) blocks.push(rowBlock(r, false));
    }
    // A totals row that only says how many (a list's «Всего: N») runs across the table; a row of sums keeps its columns.
    for (const t of section.totals) {
      const filled = t.filter((c) => c !== null && c !== '');
      blocks.push(filled.length === 1 && typeof filled[0] === 'string' ? spanBlock(filled[0], true, 'left', false) : rowBlock(t, true));
    }
  }
  return { blocks, headerAt };
}

function textBlock(ctx: Ctx, lines: string[], size: number, bold: boolean, align: Align, gapBefore: number, x = ctx.left, width = ctx.contentW): Block {
  const h = gapBefore + lines.length * lineH(size);
  return {
    height: h,
    keepWithNext: true,
    section: null,
    isHeader: false,
    draw(ops, top) {
      drawLines(ops, ctx, lines, x, top - gapBefore, width, size, bold, align);
    },
  };
}

/** «Директор ____________ И.О. Фамилия», «(подпись)», «М.П.», the date: one block, never split. */
function signatureBlock(ctx: Ctx, table: PreparedTable, stamp: PrintStamp): Block {
  const s = SIZE.sig;
  const posW = ctx.contentW * 0.42;
  const lineX = ctx.left + posW + 10;
  const lineW = Math.min(150, ctx.contentW * 0.22);
  const nameX = lineX + lineW + 12;
  const nameW = ctx.left + ctx.contentW - nameX;
  const posLines = wrapText(table.signature.position, posW, s, false, ctx.measure);
  const nameText = table.signature.name || '';
  const gap = 22;
  const rowH = Math.max(posLines.length, 1) * lineH(s);
  const captionH = lineH(SIZE.caption) + 2;
  const stampH = table.signature.stamp ? lineH(s) + 10 : 0;
  const dateH = table.signature.dated ? lineH(s) + 8 : 0;
  const h = gap + rowH + captionH + stampH + dateH;
  return {
    height: h,
    keepWithNext: false,
    section: null,
    isHeader: false,
    draw(ops, top) {
      let y = top - gap;
      drawLines(ops, ctx, posLines, ctx.left, y, posW, s, false, 'left');
      const base = y - rowH + 2;
      ops.strokes.push(`${n2(lineX)} ${n2(base)} m ${n2(lineX + lineW)} ${n2(base)} l`);
      if (nameText) drawLines(ops, ctx, [nameText], nameX, y - rowH + lineH(s), nameW, s, false, 'left');
      else ops.strokes.push(`${n2(nameX)} ${n2(base)} m ${n2(nameX + Math.min(nameW, 150))} ${n2(base)} l`);
      y = base - 1;
      drawLines(ops, ctx, ['(подпись)'], lineX, y, lineW, SIZE.caption, false, 'center');
      if (!nameText) drawLines(ops, ctx, ['(расшифровка подписи)'], nameX, y, Math.min(nameW, 150), SIZE.caption, false, 'center');
      y -= captionH;
      if (table.signature.stamp) {
        drawLines(ops, ctx, ['М.П.'], ctx.left, y - 10, posW, s, false, 'left');
        y -= stampH;
      }
      if (table.signature.dated) drawLines(ops, ctx, [`Дата ${formatRuDate(stamp.date)}`], ctx.left, y - 8, posW, s, false, 'left');
    },
  };
}

/** The title block of the first page: attachment (right), heading, organization with its caption, «по состоянию на». */
function titleBlocks(ctx: Ctx, table: PreparedTable): Block[] {
  const blocks: Block[] = [];
  const attW = Math.min(ctx.contentW * 0.45, 300);
  const attX = ctx.left + ctx.contentW - attW;
  const attLines = table.attachment.flatMap((t) => wrapText(t, attW, SIZE.attachment, false, ctx.measure));
  blocks.push(textBlock(ctx, attLines, SIZE.attachment, false, 'left', 0, attX, attW));
  const headW = ctx.contentW * 0.86;
  const headX = ctx.left + (ctx.contentW - headW) / 2;
  const headLines = table.heading.flatMap((t) => wrapText(t, headW, SIZE.heading, true, ctx.measure));
  blocks.push(textBlock(ctx, headLines, SIZE.heading, true, 'center', 12, headX, headW));
  if (table.orgFullName !== null || table.orgCaption) {
    const orgW = ctx.contentW * 0.8;
    const orgX = ctx.left + (ctx.contentW - orgW) / 2;
    const orgLines = wrapText(table.orgFullName ?? '', orgW, SIZE.org, false, ctx.measure);
    const caption = table.orgCaption ? (table.orgCaption.startsWith('(') ? table.orgCaption : `(${table.orgCaption.toLowerCase()})`) : null;
    const h = 8 + orgLines.length * lineH(SIZE.org) + 2 + (caption ? lineH(SIZE.caption) : 0);
    blocks.push({
      height: h,
      keepWithNext: true,
      section: null,
      isHeader: false,
      draw(ops, top) {
        const y = top - 8;
        drawLines(ops, ctx, orgLines, orgX, y, orgW, SIZE.org, false, 'center');
        const lineY = y - orgLines.length * lineH(SIZE.org) + 1;
        ops.strokes.push(`${n2(orgX)} ${n2(lineY)} m ${n2(orgX + orgW)} ${n2(lineY)} l`);
        if (caption) drawLines(ops, ctx, [caption], orgX, lineY - 1, orgW, SIZE.caption, false, 'center');
      },
    });
  }
  if (table.asOfLine) blocks.push(textBlock(ctx, [table.asOfLine], SIZE.org, false, 'center', 6));
  const spacer: Block = { height: 8, keepWithNext: true, section: null, isHeader: false, draw() {} };
  blocks.push(spacer);
  return blocks;
}

/**
 * @pdf-lib/fontkit under @cantoo/pdf-lib: the fork calls a subset's `encode()` when it exists, which in
 * @pdf-lib/fontkit is the stream-taking internal one; hiding it sends the fork to `encodeStream()`, which works.
 */
const compatibleFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    type Subset = { includeGlyph(g: unknown): number; cff: unknown; encodeStream(): unknown };
    const font = fontkit.create(data, postscriptName) as unknown as { createSubset(): Subset };
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      return { includeGlyph: (g: unknown) => subset.includeGlyph(g), cff: subset.cff, encodeStream: () => subset.encodeStream() };
    };
    return font;
  },
};

async function embed(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  doc.registerFontkit(compatibleFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const bytes = loadFonts();
  // Fixed subset tags keep the file the same for the same content (the register compares hashes).
  const regular = await doc.embedFont(bytes.regular, { subset: true, customName: 'UCHETA+LiberationSerif' });
  const bold = await doc.embedFont(bytes.bold, { subset: true, customName: 'UCHETB+LiberationSerif-Bold' });
  return { regular, bold };
}

function fontKey(page: PDFPage, font: PDFFont, tag: string): string {
  return page.node.newFontDictionary(tag, font.ref).asString().slice(1);
}

export async function renderPdf(table: PreparedTable, stamp: PrintStamp): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embed(doc);
  const regular = new FontCache(fonts.regular);
  const bold = new FontCache(fonts.bold);
  const [pw, ph] = table.orientation === 'landscape' ? [A4[1], A4[0]] : A4;
  const contentW = pw - MARGIN.left - MARGIN.right;
  const flowH = ph - MARGIN.top - MARGIN.bottom;
  const ctx: Ctx = {
    fonts: { regular, bold, keys: { regular: 'F1', bold: 'F2' } },
    measure: (text, isBold) => (isBold ? bold : regular).measure(text),
    contentW,
    left: MARGIN.left,
  };

  const blocks: Block[] = [];
  const title = titleBlocks(ctx, table);
  const headers = new Map<number, number>();
  table.sections.forEach((section, si) => {
    if (section.heading) blocks.push(textBlock(ctx, wrapText(section.heading, contentW, SIZE.org, true, ctx.measure), SIZE.org, true, 'center', si === 0 ? 0 : 14));
    else if (si > 0) blocks.push({ height: 14, keepWithNext: true, section: null, isHeader: false, draw() {} });
    const t = tableBlocks(ctx, section, si, table.emptyText, flowH);
    headers.set(si, blocks.length + t.headerAt);
    blocks.push(...t.blocks);
  });
  // The signature never stands alone: the last data row, the totals, the footnotes and the signature stay together.
  const lastSection = table.sections.at(-1)!;
  const tail = lastSection.rowCount > 0 ? 1 + lastSection.totals.length : 1;
  for (let k = Math.max(0, blocks.length - tail); k < blocks.length; k++) blocks[k]!.keepWithNext = true;
  for (const note of table.footnotes) {
    blocks.push(textBlock(ctx, wrapText(note, contentW, SIZE.note, false, ctx.measure), SIZE.note, false, 'left', 6));
  }
  blocks.push(signatureBlock(ctx, table, stamp));

  // The title block is drawn above the flow on the first page.
  const titleH = title.reduce((s, b) => s + b.height, 0);
  const pages = paginate(blocks, { pageHeight: flowH, firstPageUsed: titleH, headerOf: (s) => headers.get(s)! });

  const footer = stampText(stamp);
  pages.forEach((placed, pi) => {
    const page = doc.addPage([pw, ph]);
    ctx.fonts.keys = { regular: fontKey(page, fonts.regular, 'F1'), bold: fontKey(page, fonts.bold, 'F2') };
    const ops = new PageOps();
    let top = ph - MARGIN.top;
    if (pi === 0) {
      for (const b of title) {
        b.draw(ops, top);
        top -= b.height;
      }
    }
    for (const p of placed) {
      const b = blocks[p.index]!;
      b.draw(ops, top);
      top -= b.height;
    }
    // Footer: the printout's number and date on the left, the page on the right.
    const fy = MARGIN.bottom - 8 * MM;
    drawText(ops, ctx, `Документ ${footer}`, MARGIN.left, fy, SIZE.footer, false);
    const pageLabel = pageText(pi + 1, pages.length);
    drawText(ops, ctx, pageLabel, pw - MARGIN.right - ctx.measure(pageLabel, false) * SIZE.footer, fy, SIZE.footer, false);
    const content = [...ops.fills, `${LINE_W} w 0 G`, ...ops.strokes, ops.strokes.length ? 'S' : '', ...ops.text].join('\n');
    // Node's own zlib: pdf-lib's JavaScript deflate was a third of the time of a long list.
    const stream = doc.context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' });
    page.node.addContentStream(doc.context.register(stream));
  });

  const at = new Date(Date.UTC(isoParts(stamp.date).year, isoParts(stamp.date).month - 1, isoParts(stamp.date).day));
  doc.setTitle(`${table.title} — ${footer}`, { showInWindowTitleBar: true });
  doc.setSubject(table.orgFullName ?? '');
  doc.setCreator('Учёт детей');
  doc.setProducer('Учёт детей (pdf-lib)');
  doc.setLanguage('ru-RU');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  // Print at actual size: an A4 form scaled by the viewer no longer matches the appendix.
  doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ PrintScaling: PDFName.of('None'), NumCopies: PDFNumber.of(1) }));
  return doc.save({ useObjectStreams: true });
}

/* ───────────── Documents of one pupil: letters, acts, ходатайства, the карта учёта ───────────── */

/** A piece of a document's body: a paragraph, label–value fields, or a small table (its header repeated on every page). */
export type DocumentPart =
  | { kind: 'paragraph'; text: string; bold?: boolean; align?: Align; indent?: boolean; gapBefore?: number; keepWithNext?: boolean }
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  | { kind: 'table'; columns: PreparedColumn[]; rows: Cell[][]; totals?: Cell[][]; emptyText?: string };

/**
 * A document of one person rather than a list: the school's letterhead, the addressee on the right, a heading, the
 * body, and the signatures of those who sign it. Drawn with the forms' fonts, margins, table layout, pagination and
 * footer (the printout's number and date on every page).
 */
export interface PreparedDocument {
  /** Title in the file's metadata and the register. */
  title: string;
  /** Letterhead: the organization's full name and its address. */
  orgFullName: string;
  orgLines: string[];
  /** «Кому»: lines on the right under the letterhead (empty: none). */
  addressee: string[];
  heading: string[];
  body: DocumentPart[];
  /** name null: only the signature line (the position names the signer). */
  signers: { position: string; name: string | null }[];
  /** «М.П.» under the signatures. */
  stampPlace: boolean;
}

const DOC = { body: 12, head: 13, letterhead: 11, small: 9, fields: 11 };

export async function renderDocumentPdf(spec: PreparedDocument, stamp: PrintStamp): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embed(doc);
  const regular = new FontCache(fonts.regular);
  const bold = new FontCache(fonts.bold);
  const [pw, ph] = A4;
  const contentW = pw - MARGIN.left - MARGIN.right;
  const flowH = ph - MARGIN.top - MARGIN.bottom;
  const INDENT = '\u0001';
  const indentW = 12.5 * MM;
  const ctx: Ctx = {
    fonts: { regular, bold, keys: { regular: 'F1', bold: 'F2' } },
    measure: (text, isBold) => (text.includes(INDENT) ? indentW / DOC.body : 0) + (isBold ? bold : regular).measure(text.replaceAll(INDENT, '')),
    contentW,
    left: MARGIN.left,
  };
  const blocks: Block[] = [];
  const headers = new Map<number, number>();
  // Letterhead, with a rule under it.
  const headLines = wrapText(spec.orgFullName, contentW * 0.9, DOC.letterhead, true, ctx.measure);
  const subLines = spec.orgLines.flatMap((l) => wrapText(l, contentW * 0.9, DOC.small, false, ctx.measure));
  const lhH = headLines.length * lineH(DOC.letterhead) + subLines.length * lineH(DOC.small) + 8;
  blocks.push({
    height: lhH,
    keepWithNext: true,
    section: null,
    isHeader: false,
    draw(ops, top) {
      drawLines(ops, ctx, headLines, ctx.left, top, contentW, DOC.letterhead, true, 'center');
      const y = top - headLines.length * lineH(DOC.letterhead);
      drawLines(ops, ctx, subLines, ctx.left, y, contentW, DOC.small, false, 'center');
      const ruleY = y - subLines.length * lineH(DOC.small) - 3;
      ops.strokes.push(`${n2(ctx.left)} ${n2(ruleY)} m ${n2(ctx.left + contentW)} ${n2(ruleY)} l`);
    },
  });
  if (spec.addressee.length) {
    const w = contentW * 0.48;
    const lines = spec.addressee.flatMap((l) => wrapText(l, w, DOC.body, false, ctx.measure));
    blocks.push(textBlock(ctx, lines, DOC.body, false, 'left', 14, ctx.left + contentW - w, w));
  }
  const heading = spec.heading.flatMap((h) => wrapText(h, contentW * 0.9, DOC.head, true, ctx.measure));
  blocks.push(textBlock(ctx, heading, DOC.head, true, 'center', 18, ctx.left + contentW * 0.05, contentW * 0.9));
  blocks.push({ height: 8, keepWithNext: true, section: null, isHeader: false, draw() {} });

  let sections = 0;
  for (const part of spec.body) {
    if (part.kind === 'paragraph') {
      const text = part.indent === false ? part.text : `${INDENT} ${part.text}`;
      const lines = wrapText(text, contentW, DOC.body, part.bold ?? false, ctx.measure);
      const gap = part.gapBefore ?? 4;
      const h = gap + lines.length * lineH(DOC.body);
      const align = part.align ?? 'left';
      blocks.push({
        height: h,
        keepWithNext: part.keepWithNext ?? false,
        section: null,
        isHeader: false,
        draw(ops, top) {
          lines.forEach((line, i) => {
            const indented = line.startsWith(INDENT);
            const shown = indented ? line.slice(INDENT.length).trimStart() : line;
            const x = ctx.left + (indented ? indentW : 0);
            drawLines(ops, ctx, [shown], x, top - gap - i * lineH(DOC.body), contentW - (indented ? indentW : 0), DOC.body, part.bold ?? false, align);
          });
        },
      });
    } else if (part.kind === 'fields') {
      const labelW = contentW * 0.34;
      const valueW = contentW - labelW - 8;
      for (const [label, value] of part.rows) {
        const l = wrapText(label, labelW, DOC.fields, true, ctx.measure);
        const v = wrapText(value || '—', valueW, DOC.fields, false, ctx.measure);
        const h = Math.max(l.length, v.length) * lineH(DOC.fields) + 3;
        blocks.push({
          height: h,
          keepWithNext: false,
          section: null,
          isHeader: false,
          draw(ops, top) {
            drawLines(ops, ctx, l, ctx.left, top - 1.5, labelW, DOC.fields, true, 'left');
            drawLines(ops, ctx, v, ctx.left + labelW + 8, top - 1.5, valueW, DOC.fields, false, 'left');
          },
        });
      }
    } else {
      const section: PreparedSection = {
        heading: null,
        columns: part.columns,
        groups: [{ heading: null, rows: part.rows }],
        totals: part.totals ?? [],
        rowCount: part.rows.length,
        listsChildren: false,
      };
      blocks.push({ height: 6, keepWithNext: true, section: null, isHeader: false, draw() {} });
      const t = tableBlocks(ctx, section, sections, part.emptyText ?? 'Записей нет', flowH);
      headers.set(sections, blocks.length + t.headerAt);
      blocks.push(...t.blocks);
      sections++;
    }
  }

  // Signatures: «Должность ____________ И.О. Фамилия» for each signer, kept together with the last part.
  if (blocks.length) blocks[blocks.length - 1]!.keepWithNext = true;
  const s = SIZE.sig;
  const posW = contentW * 0.42;
  const lineX = ctx.left + posW + 10;
  const lineW = Math.min(130, contentW * 0.22);
  const nameX = lineX + lineW + 12;
  const nameW = ctx.left + contentW - nameX;
  spec.signers.forEach((signer, i) => {
    const posLines = wrapText(signer.position, posW, s, false, ctx.measure);
    const rowH = Math.max(posLines.length, 1) * lineH(s);
    const gap = i === 0 ? 26 : 16;
    const h = gap + rowH + lineH(SIZE.caption) + 2;
    blocks.push({
      height: h,
      keepWithNext: i < spec.signers.length - 1 || spec.stampPlace,
      section: null,
      isHeader: false,
      draw(ops, top) {
        const y = top - gap;
        drawLines(ops, ctx, posLines, ctx.left, y, posW, s, false, 'left');
        const base = y - rowH + 2;
        ops.strokes.push(`${n2(lineX)} ${n2(base)} m ${n2(lineX + lineW)} ${n2(base)} l`);
        if (signer.name) drawLines(ops, ctx, [signer.name], nameX, y - rowH + lineH(s), nameW, s, false, 'left');
        else if (signer.name === '') ops.strokes.push(`${n2(nameX)} ${n2(base)} m ${n2(nameX + Math.min(nameW, 130))} ${n2(base)} l`);
        drawLines(ops, ctx, ['(подпись)'], lineX, base - 1, lineW, SIZE.caption, false, 'center');
        if (signer.name === '') drawLines(ops, ctx, ['(расшифровка подписи)'], nameX, base - 1, Math.min(nameW, 130), SIZE.caption, false, 'center');
      },
    });
  });
  if (spec.stampPlace) blocks.push(textBlock(ctx, ['М.П.'], s, false, 'left', 12));
  blocks.at(-1)!.keepWithNext = false;

  const pages = paginate(blocks, { pageHeight: flowH, firstPageUsed: 0, headerOf: (sec) => headers.get(sec)! });
  const footer = stampText(stamp);
  pages.forEach((placed, pi) => {
    const page = doc.addPage([pw, ph]);
    ctx.fonts.keys = { regular: fontKey(page, fonts.regular, 'F1'), bold: fontKey(page, fonts.bold, 'F2') };
    const ops = new PageOps();
    let top = ph - MARGIN.top;
    for (const p of placed) {
      const b = blocks[p.index]!;
      b.draw(ops, top);
      top -= b.height;
    }
    const fy = MARGIN.bottom - 8 * MM;
    drawText(ops, ctx, `Документ ${footer}`, MARGIN.left, fy, SIZE.footer, false);
    const pageLabel = pageText(pi + 1, pages.length);
    drawText(ops, ctx, pageLabel, pw - MARGIN.right - ctx.measure(pageLabel, false) * SIZE.footer, fy, SIZE.footer, false);
    const content = [...ops.fills, `${LINE_W} w 0 G`, ...ops.strokes, ops.strokes.length ? 'S' : '', ...ops.text].join('\n');
    const stream = doc.context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' });
    page.node.addContentStream(doc.context.register(stream));
  });
  const { year, month, day } = isoParts(stamp.date);
  const at = new Date(Date.UTC(year, month - 1, day));
  doc.setTitle(`${spec.title} — ${footer}`, { showInWindowTitleBar: true });
  doc.setSubject(spec.orgFullName);
  doc.setKeywords([footer]);
  doc.setCreator('Учёт детей');
  doc.setProducer('Учёт детей (pdf-lib)');
  doc.setLanguage('ru-RU');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ PrintScaling: PDFName.of('None'), NumCopies: PDFNumber.of(1) }));
  return doc.save({ useObjectStreams: true });
}
