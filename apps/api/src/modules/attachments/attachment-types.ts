import { fileTypeFromBuffer } from 'file-type';

/** How many leading bytes decide the type (office documents name their parts early in the zip). */
export const SNIFF_BYTES = 64 * 1024;

/** Types judged by their bytes that may be stored: PDF, images, office documents. */
const ALLOWED_BINARY = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/** Legacy Office files are all OLE compound files: the extension tells which program opens them. */
const CFB_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Images a browser may show inline; every other type downloads as an attachment. */
export const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const extension = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1].toLowerCase() ?? '';

/**
 * The content type of an upload, judged by its first bytes (never by the name or the client's
 * header), or null when it is not on the allow-list: executables, archives, SVG/HTML (scripts),
 * and anything else unknown. Text without a signature counts as plain text or CSV only when it
 * is valid UTF-8 without control characters.
 */
export async function sniffContentType(head: Buffer, name: string, complete: boolean): Promise<string | null> {
  const found = await fileTypeFromBuffer(head);
  if (found) {
    if (ALLOWED_BINARY.has(found.mime)) return found.mime;
    if (found.mime === 'application/x-cfb') return CFB_BY_EXTENSION[extension(name)] ?? null;
    return null;
  }
  if (!head.length || !isPlainText(head, complete)) return null;
  return extension(name) === 'csv' ? 'text/csv' : 'text/plain';
}

function isPlainText(head: Buffer, complete: boolean): boolean {
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return false;
  }
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  // HTML or SVG saved as .txt would still be text; a browser never renders it (nosniff + text/plain).
  return true;
}

/** The header value a browser shows for a text type (UTF-8 stated, never guessed). */
export function servedContentType(stored: string): string {
  return stored.startsWith('text/') ? `${stored}; charset=utf-8` : stored;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A stored file name: the last path segment, without control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'berkas';
}
