/**
 * The table layout behind the PDF, as pure functions (tested without a PDF): wrapping text into a cell,
 * column widths, and pagination that never cuts a row, repeats the table header on every page the table
 * continues on, and keeps together what must stay together (a group heading with its first row, the last row
 * with the totals and the signature block). pdf-lib draws what this decides (pdf.ts).
 */

/** Width of a text at font size 1, regular or bold. */
export type Measure = (text: string, bold: boolean) => number;

/**
 * Lines of a text wrapped to a width: at spaces, and inside a word only when the word alone is wider than the
 * cell (then at the last character that fits). Explicit line breaks are kept; runs of spaces collapse.
 */
export function wrapText(text: string, width: number, size: number, bold: boolean, measure: Measure): string[] {
  const lines: string[] = [];
  const max = width / size;
  const spaceW = measure(' ', bold);
  for (const paragraph of text.split(/\r?\n/u)) {
    const words = paragraph.split(/\s+/u).filter(Boolean);
    let line = '';
    let lineW = 0;
    for (let word of words) {
      let w = measure(word, bold);
      if (line && lineW + spaceW + w <= max) {
        line += ` ${word}`;
        lineW += spaceW + w;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the cell is broken where it stops fitting.
      while (w > max && word.length > 1) {
        let cut = 1;
        let cutW = measure(word[0]!, bold);
        while (cut < word.length) {
          const next = cutW + measure(word[cut]!, bold);
          if (next > max) break;
          cutW = next;
          cut++;
        }
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
        w = measure(word, bold);
      }
      line = word;
      lineW = w;
    }
    lines.push(line);
  }
  return lines;
}

/** Relative widths scaled to the table's width (points), rounded to 0.01 pt, the last taking the remainder. */
export function columnWidths(relative: readonly number[], total: number): number[] {
  const sum = relative.reduce((s, w) => s + w, 0) || 1;
  const out = relative.map((w) => Math.round((w / sum) * total * 100) / 100);
  const used = out.slice(0, -1).reduce((s, w) => s + w, 0);
  if (out.length) out[out.length - 1] = Math.round((total - used) * 100) / 100;
  return out;
}

/** A block of the flow: its height, whether it must be on the same page as the next block, which table it is in. */
export interface FlowBlock {
  height: number;
  keepWithNext: boolean;
  /** The table (section) the block is a row of; a continuation page repeats that table's header. */
  section: number | null;
  /** This block is the table header of its section (not repeated above itself). */
  isHeader: boolean;
}

/** On a page: the index of a block, or the repeated header of a section (`repeat`). */
export interface PlacedBlock {
  index: number;
  repeat: boolean;
}

export interface PaginateOptions {
  /** Height available for the flow on every page. */
  pageHeight: number;
  /** Height already used on the first page (the title block). */
  firstPageUsed: number;
  /** Index of the header block of each section (for the repeated header). */
  headerOf: (section: number) => number;
}

/**
 * Places blocks on pages. A chain of blocks joined by keepWithNext moves to the next page as a whole when it
 * does not fit (and is broken only when it is taller than a whole page); a row is never split; a page on which
 * a table continues starts with that table's header.
 */
export function paginate(blocks: readonly FlowBlock[], options: PaginateOptions): PlacedBlock[][] {
  const pages: PlacedBlock[][] = [[]];
  let used = options.firstPageUsed;
  let contentOnPage = false; // anything besides a repeated header
  const newPage = (continuing: FlowBlock | undefined) => {
    pages.push([]);
    used = 0;
    contentOnPage = false;
    if (continuing && continuing.section !== null && !continuing.isHeader) {
      const h = options.headerOf(continuing.section);
      pages.at(-1)!.push({ index: h, repeat: true });
      used += blocks[h]!.height;
    }
  };
  const headerExtra = (b: FlowBlock) => (b.section !== null && !b.isHeader ? blocks[options.headerOf(b.section)]!.height : 0);
  let i = 0;
  while (i < blocks.length) {
    let j = i;
    while (j < blocks.length - 1 && blocks[j]!.keepWithNext) j++;
    let chainH = 0;
    for (let k = i; k <= j; k++) chainH += blocks[k]!.height;
    const first = blocks[i]!;
    if (used + chainH <= options.pageHeight + 1e-6) {
      for (let k = i; k <= j; k++) pages.at(-1)!.push({ index: k, repeat: false });
      used += chainH;
      contentOnPage = true;
      i = j + 1;
      continue;
    }
    const fitsFresh = chainH + headerExtra(first) <= options.pageHeight + 1e-6;
    if (contentOnPage && fitsFresh) {
      newPage(first);
      continue;
    }
    // Taller than a page (or the page is already empty): place block by block, breaking between blocks.
    for (let k = i; k <= j; k++) {
      const b = blocks[k]!;
      if (used + b.height > options.pageHeight + 1e-6 && contentOnPage) newPage(b);
      pages.at(-1)!.push({ index: k, repeat: false });
      used += b.height;
      contentOnPage = true;
    }
    i = j + 1;
  }
  return pages;
}
