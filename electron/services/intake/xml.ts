/**
 * A streaming scanner for the XML of a workbook's parts: start tags with their attributes, end tags and
 * text, fed in chunks as they are unpacked, so a sheet of any size is read with a chunk in memory. Enough
 * for SpreadsheetML (no DTD, no custom entities — which also means no entity expansion); namespace prefixes
 * are dropped from element names («x:c» is «c»).
 */
import { StringDecoder } from 'node:string_decoder';

export interface XmlHandler {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

export class XmlMalformed extends Error {}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** A tag longer than this that does not close is not a tag of a workbook. */
const MAX_TAG = 1 << 20;

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named] as string;
    const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const localName = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

export class XmlScanner {
  private buf = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly h: XmlHandler) {}

  write(chunk: Buffer): void {
    this.buf += this.decoder.write(chunk);
    this.scan(false);
  }

  end(): void {
    this.buf += this.decoder.end();
    this.scan(true);
    if (this.buf.trim() !== '') throw new XmlMalformed('unfinished markup');
  }

  private scan(final: boolean): void {
    const s = this.buf;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        // An entity cut by the chunk's end («&am» + «p;») waits for the rest.
        const amp = s.lastIndexOf('&');
        const end = !final && amp >= pos && s.length - amp < 12 && s.indexOf(';', amp) < 0 ? amp : s.length;
        if (pos < end) this.h.text(decodeEntities(s.slice(pos, end)));
        pos = end;
        break;
      }
      if (lt > pos) this.h.text(decodeEntities(s.slice(pos, lt)));
      pos = lt;
      const next = this.markup(s, lt);
      if (next < 0) {
        // The markup goes on in the next chunk.
        if (final || s.length - lt > MAX_TAG) throw new XmlMalformed('bad markup');
        break;
      }
      pos = next;
    }
    this.buf = s.slice(pos);
  }

  /** Handles the markup at `lt`; returns where it ends, or -1 when it is not complete in the buffer. */
  private markup(s: string, lt: number): number {
    const c = s.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) return -1;
        this.h.text(s.slice(lt + 9, end));
        return end + 3;
      }
      const close = s.startsWith('<!--', lt) ? '-->' : '>';
      const end = s.indexOf(close, lt + 2);
      return end < 0 ? -1 : end + close.length;
    }
    if (c === 0x3f /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(s);
    if (!m) {
      if (s.indexOf('>', lt) < 0 || Number.isNaN(c)) return -1;
      // A '>' inside a quoted attribute may still be followed by the real end in the next chunk.
      if (s.length - lt < MAX_TAG && !s.slice(lt + 1).includes('<')) return -1;
      throw new XmlMalformed('bad tag');
    }
    const name = localName(m[2] as string);
    if (m[1]) {
      this.h.close(name);
      return TAG.lastIndex;
    }
    const attrs: Record<string, string> = {};
    const raw = m[3] as string;
    if (raw) for (const a of raw.matchAll(ATTR)) attrs[a[1] as string] = decodeEntities(a[2] ?? a[3] ?? '');
    const selfClosing = m[4] === '/';
    this.h.open(name, attrs, selfClosing);
    if (selfClosing) this.h.close(name);
    return TAG.lastIndex;
  }
}

/** Feeds chunks to a handler; the scanner's errors come out as XmlMalformed. */
export async function scanXml(chunks: AsyncIterable<Buffer>, h: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(h);
  for await (const chunk of chunks) scanner.write(chunk);
  scanner.end();
}
