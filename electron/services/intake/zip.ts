/**
 * A ZIP container read for what it says about itself before anything is unpacked: the central directory
 * (entry names, methods, declared sizes), then one entry at a time inflated as a stream with a byte budget,
 * so a file that lies about its sizes (a «zip bomb») is stopped at the limit instead of filling the memory.
 */
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  flags: number;
  compressedSize: number;
  /** As the central directory declares it: checked against the limits before unpacking, and enforced while unpacking. */
  size: number;
  localOffset: number;
}

/** The container is not a ZIP this reader can read (cut short, ZIP64, encrypted entries): the caller says «damaged». */
export class ZipDamaged extends Error {}

/** Unpacking went past a limit: `declared` when the directory admits it, `actual` when an entry inflates past what it declared. */
export class ZipTooLarge extends Error {
  constructor(readonly stage: 'declared' | 'actual') {
    super(`unpacked size over the limit (${stage})`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The end-of-directory record sits in the last 22 bytes plus a comment of at most 65,535. */
function findEndOfDirectory(b: Buffer): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) if (b.readUInt32LE(i) === EOCD) return i;
  return -1;
}

export function readCentralDirectory(b: Buffer, maxEntries: number): ZipEntry[] {
  const end = findEndOfDirectory(b);
  if (end < 0) throw new ZipDamaged('no end of central directory');
  const count = b.readUInt16LE(end + 10);
  const dirSize = b.readUInt32LE(end + 12);
  const dirOffset = b.readUInt32LE(end + 16);
  // ZIP64 marks these with all-ones; no list is that big.
  if (count === 0xffff || dirOffset === 0xffffffff || dirOffset + dirSize > end) throw new ZipDamaged('zip64 or bad directory');
  if (count > maxEntries) throw new ZipTooLarge('declared');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || b.readUInt32LE(p) !== CENTRAL) throw new ZipDamaged('bad central header');
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      compressedSize: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
      // Bit 11: UTF-8 names; otherwise the names of the parts of a workbook are ASCII anyway.
      name: b.toString(b.readUInt16LE(p + 8) & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipDamaged('zip64 entry');
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's compressed bytes, located through its local header. */
function entryData(b: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > b.length || b.readUInt32LE(p) !== LOCAL) throw new ZipDamaged('bad local header');
  const start = p + 30 + b.readUInt16LE(p + 26) + b.readUInt16LE(p + 28);
  if (start + e.compressedSize > b.length) throw new ZipDamaged('entry cut short');
  return b.subarray(start, start + e.compressedSize);
}

/** What may still be unpacked from one file, over all its entries. */
export class UnpackBudget {
  constructor(public remaining: number) {}
  take(n: number): void {
    this.remaining -= n;
    if (this.remaining < 0) throw new ZipTooLarge('actual');
  }
}

/**
 * The entry's bytes in chunks, inflated as they are consumed: never more than a chunk in memory. Stops with
 * ZipTooLarge as soon as the entry gives more than it declared or the file's budget is spent.
 */
export async function* inflateEntry(b: Buffer, e: ZipEntry, budget: UnpackBudget): AsyncGenerator<Buffer> {
  if (e.flags & 0x1) throw new ZipDamaged('encrypted entry');
  const data = entryData(b, e);
  if (e.method === 0) {
    if (data.length > e.size) throw new ZipTooLarge('actual');
    budget.take(data.length);
    for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, i + (1 << 20));
    return;
  }
  if (e.method !== 8) throw new ZipDamaged(`method ${e.method}`);
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  inflate.end(data);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > e.size) throw new ZipTooLarge('actual');
      budget.take(chunk.length);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipTooLarge) throw err;
    throw new ZipDamaged((err as Error).message);
  } finally {
    inflate.destroy();
  }
}
