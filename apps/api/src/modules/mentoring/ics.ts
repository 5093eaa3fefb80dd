/**
 * A minimal RFC 5545 writer for one event: CRLF line ends, content lines folded at 75 octets
 * (never inside a UTF-8 sequence), TEXT values escaped.
 */

export interface IcsEvent {
  uid: string;
  /** When this version of the event was written. */
  stamp: Date;
  start: Date;
  durationMinutes: number;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  sequence?: number;
  /** Who runs the event (RFC 5546 wants an ORGANIZER in PUBLISH and CANCEL): the lead mentor. */
  organizer?: { name: string; email: string } | null;
  /** CANCELLED also makes the calendar's METHOD CANCEL, so clients that imported it remove it. */
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (RFC 5545 §3.2): quoted when it holds `:;,`; DQUOTE and controls cannot appear. */
export function paramValue(value: string): string {
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** UTC DATE-TIME in basic format, e.g. 20261201T020000Z. */
export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds one content line into chunks of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75; // the first line holds 75 octets; the others 74 plus the leading space
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is split.
    while (end < bytes.length && end > start && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74;
  }
  return parts.join('\r\n ');
}

/**
 * A VCALENDAR holding exactly one VEVENT. A cancelled event goes out as METHOD:CANCEL with
 * STATUS:CANCELLED (RFC 5546 §3.2.5); the caller bumps its SEQUENCE so it supersedes the last copy.
 */
export function buildIcs(event: IcsEvent, prodId = '-//JIPPNas Kolaborasi//Mentoring//ID'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${prodId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${event.status === 'CANCELLED' ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DURATION:PT${Math.max(1, Math.round(event.durationMinutes))}M`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `STATUS:${event.status ?? 'CONFIRMED'}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.organizer)
    lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email.replace(/[\s\u0000-\u001f\u007f]/g, '')}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  // URL is a URI value, not TEXT: no escaping, only control characters removed.
  if (event.url) lines.push(`URL:${event.url.replace(/[\u0000-\u001f\u007f]/g, '')}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
