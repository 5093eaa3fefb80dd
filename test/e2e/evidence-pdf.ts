import { inflateSync } from 'node:zlib';

/**
 * Enough of a PDF reader for tests: checks the file frame, reads the Info dictionary's literal
 * strings, and decodes the text-showing strings of every Flate-compressed content stream
 * (pdfkit writes standard-font text as hex strings) into one searchable string.
 */
export function readPdf(buf: Buffer): { header: string; pages: number; info: Record<string, string>; text: string } {
  const raw = buf.toString('latin1');
  if (!raw.startsWith('%PDF-')) throw new Error('not a PDF: no %PDF- header');
  if (!raw.trimEnd().endsWith('%%EOF')) throw new Error('not a PDF: no %%EOF trailer');
  const info: Record<string, string> = {};
  const literal = (v: string) => v.replace(/\\(.)/g, '$1');
  // Info entries are literal strings, inline or (as pdfkit writes them) indirect objects.
  for (const m of raw.matchAll(/\/(Title|Subject|Keywords|Author|Creator) (?:\(((?:\\.|[^\\)])*)\)|(\d+) 0 R)/g)) {
    if (m[2] !== undefined) info[m[1]] = literal(m[2]);
    else {
      const obj = new RegExp(`(?:^|\\n)${m[3]} 0 obj\\s*\\(((?:\\\\.|[^\\\\)])*)\\)\\s*endobj`).exec(raw);
      if (obj) info[m[1]] = literal(obj[1]);
    }
  }
  let text = '';
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let data: Buffer;
    try {
      data = inflateSync(buf.subarray(start, end));
    } catch {
      continue; // an image or an uncompressed stream
    }
    for (const h of data.toString('latin1').matchAll(/<([0-9a-fA-F]+)>/g)) text += Buffer.from(h[1], 'hex').toString('latin1');
    for (const l of data.toString('latin1').matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) text += l[1];
    text += '\n';
  }
  return { header: raw.slice(0, 8), pages: (raw.match(/\/Type \/Page\b/g) ?? []).length, info, text };
}
