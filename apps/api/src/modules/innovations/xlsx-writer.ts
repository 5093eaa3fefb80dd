import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

type Cell = string | number | boolean | null | undefined;

/** XML 1.0 forbids most control characters; they are dropped, the rest escaped. */
const xmlText = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

const column = (n: number) => {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** One `<row>`: strings inline (no shared-string table to keep), numbers and booleans typed. */
export function rowXml(r: number, cells: Cell[]): string {
  let x = `<row r="${r}">`;
  cells.forEach((v, k) => {
    if (v === null || v === undefined || v === '') return;
    const ref = `${column(k)}${r}`;
    if (typeof v === 'number' && Number.isFinite(v)) x += `<c r="${ref}"><v>${v}</v></c>`;
    else if (typeof v === 'boolean') x += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    else x += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`;
  });
  return `${x}</row>`;
}

const STATIC: [string, string][] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ],
];

const workbookXml = (sheet: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheet.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

interface Entry {
  name: Buffer;
  crc: number;
  csize: number;
  size: number;
  offset: number;
}

/**
 * A one-sheet XLSX written straight to a stream: the sheet XML is produced row by row and
 * deflated into a ZIP entry with a data descriptor (sizes after the data), so memory is one
 * row plus zlib's window, whatever the row count. Waits for `out` when its buffer is full.
 * (exceljs' streaming writer makes many short-lived objects and Buffers per cell; measured
 * ~30 MB of RSS growth for 20,000 rows, this writer far less: docs/performance.md, P8.)
 */
export async function writeXlsx(out: Writable, sheet: string, header: string[], rows: AsyncIterable<Cell[]>): Promise<void> {
  const entries: Entry[] = [];
  let offset = 0;
  const put = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b) && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  };
  const entry = async (name: string, parts: AsyncIterable<string> | string[]) => {
    const nameBuf = Buffer.from(name, 'utf8');
    const e: Entry = { name: nameBuf, crc: 0, csize: 0, size: 0, offset };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt16LE(nameBuf.length, 26);
    await put(Buffer.concat([local, nameBuf]));
    const deflate = createDeflateRaw({ level: 6 });
    const pending: Buffer[] = [];
    deflate.on('data', (b: Buffer) => pending.push(b));
    const flushOut = async () => {
      while (pending.length) {
        const b = pending.shift()!;
        e.csize += b.length;
        await put(b);
      }
    };
    let chunk = '';
    const feed = async (s: string) => {
      const buf = Buffer.from(s, 'utf8');
      e.crc = crc32(buf, e.crc);
      e.size += buf.length;
      if (!deflate.write(buf)) await once(deflate, 'drain');
      await flushOut();
    };
    for await (const part of parts) {
      chunk += part;
      if (chunk.length >= 16 * 1024) {
        await feed(chunk);
        chunk = '';
      }
    }
    if (chunk) await feed(chunk);
    deflate.end();
    await once(deflate, 'end');
    await flushOut();
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(e.crc >>> 0, 4);
    desc.writeUInt32LE(e.csize, 8);
    desc.writeUInt32LE(e.size, 12);
    await put(desc);
    entries.push(e);
  };

  for (const [name, xml] of STATIC) await entry(name, [xml]);
  await entry('xl/workbook.xml', [workbookXml(sheet)]);
  async function* sheetXml(): AsyncGenerator<string> {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    yield rowXml(1, header);
    let r = 1;
    for await (const cells of rows) {
      if (out.destroyed) break;
      yield rowXml(++r, cells);
    }
    yield '</sheetData></worksheet>';
  }
  await entry('xl/worksheets/sheet1.xml', sheetXml());

  const cdStart = offset;
  for (const e of entries) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0808, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.csize, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(e.offset, 42);
    await put(Buffer.concat([c, e.name]));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  out.write(end);
}
