import { buildIcs, escapeText, foldLine, utcStamp } from './ics';

/** Unfolds and splits an iCalendar text the way a reader does (RFC 5545 §3.1). */
const unfold = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);

describe('ics', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('writes UTC basic time', () => {
    expect(utcStamp(new Date('2026-12-01T02:03:04.567Z'))).toBe('20261201T020304Z');
  });

  it('folds at 75 octets without splitting UTF-8 characters', () => {
    const line = 'DESCRIPTION:' + 'Pendampingan replikasi – kunjungan lapangan ✓ '.repeat(8);
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('builds one VEVENT with CRLF line ends and the required properties', () => {
    const ics = buildIcs({
      uid: 'abc@x',
      stamp: new Date('2026-01-01T00:00:00Z'),
      start: new Date('2026-02-01T01:30:00Z'),
      durationMinutes: 90,
      summary: 'Sesi 1, pembukaan; awal',
      description: 'Agenda:\n1. Perkenalan',
      location: 'Ruang Rapat, Lt. 2',
      url: 'https://meet.example/abc',
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:abc@x',
        'DTSTAMP:20260101T000000Z',
        'DTSTART:20260201T013000Z',
        'DURATION:PT90M',
        'SUMMARY:Sesi 1\\, pembukaan\\; awal',
        'DESCRIPTION:Agenda:\\n1. Perkenalan',
        'LOCATION:Ruang Rapat\\, Lt. 2',
        'URL:https://meet.example/abc',
      ]),
    );
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('SEQUENCE:0');
  });

  it('writes a cancelled event as METHOD:CANCEL with STATUS:CANCELLED and the SEQUENCE given, same UID', () => {
    const event = {
      uid: 'abc@x',
      stamp: new Date('2026-01-02T00:00:00Z'),
      start: new Date('2026-02-01T01:30:00Z'),
      durationMinutes: 90,
      summary: 'Sesi 1',
    };
    const confirmed = unfold(buildIcs({ ...event, sequence: 2 }));
    const cancelled = unfold(buildIcs({ ...event, sequence: 3, status: 'CANCELLED' }));
    expect(cancelled.filter((l) => l.startsWith('METHOD:'))).toEqual(['METHOD:CANCEL']);
    expect(cancelled.filter((l) => l.startsWith('STATUS:'))).toEqual(['STATUS:CANCELLED']);
    expect(cancelled).toContain('SEQUENCE:3');
    expect(cancelled).toContain('UID:abc@x');
    expect(cancelled.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    // METHOD belongs to the calendar, before the event.
    expect(cancelled.indexOf('METHOD:CANCEL')).toBeLessThan(cancelled.indexOf('BEGIN:VEVENT'));
    expect(confirmed.filter((l) => l.startsWith('METHOD:'))).toEqual(['METHOD:PUBLISH']);
    expect(confirmed).toContain('STATUS:CONFIRMED');
  });

  it('names the organizer, quoting a display name with separators and dropping what cannot be quoted', () => {
    const event = {
      uid: 'abc@x',
      stamp: new Date('2026-01-02T00:00:00Z'),
      start: new Date('2026-02-01T01:30:00Z'),
      durationMinutes: 60,
      summary: 'Sesi',
    };
    expect(unfold(buildIcs({ ...event, organizer: { name: 'Siti Rahma', email: 'siti@contoh.go.id' } }))).toContain(
      'ORGANIZER;CN=Siti Rahma:mailto:siti@contoh.go.id',
    );
    const odd = unfold(buildIcs({ ...event, organizer: { name: 'Rahma, "Kepala"; Dinas:Kesehatan', email: 'r@x.id' } }));
    expect(odd).toContain('ORGANIZER;CN="Rahma, Kepala; Dinas:Kesehatan":mailto:r@x.id');
    expect(unfold(buildIcs(event)).some((l) => l.startsWith('ORGANIZER'))).toBe(false);
  });
});
