import { parseIsoTime } from './iso-time';

describe('parseIsoTime', () => {
  it('takes dates and date-times that exist', () => {
    expect(parseIsoTime('2026-12-01')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseIsoTime('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseIsoTime('2026-12-01T10:00:00Z')?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseIsoTime('2026-12-01T10:00Z')?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseIsoTime('2026-12-01T10:00:00.123+07:00')?.toISOString()).toBe('2026-12-01T03:00:00.123Z');
  });

  it('refuses lenient forms and impossible days', () => {
    for (const bad of [
      '20261201',
      '2026-W01',
      '2026-W01-1',
      '2026-335',
      '0000-01-01',
      '-000001-01-01',
      '+275760-09-13',
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-12-01T24:00:00Z',
      '2026-12-01T10:60:00Z',
      '2026-12-01T10:00:00+25:00',
      '2026-12-01 10:00',
      '2026-12-01T10:00:00',
      'now',
      'infinity',
      '',
      'x'.repeat(100),
    ]) {
      expect([bad, parseIsoTime(bad)]).toEqual([bad, null]);
    }
    expect(parseIsoTime(20261201)).toBeNull();
  });
});
