import { newVerificationCode, normaliseVerificationCode } from './verification-code';

describe('verification codes', () => {
  it('have the printed shape and differ', () => {
    const codes = new Set(Array.from({ length: 200 }, newVerificationCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^JIPP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
  it('typed codes are normalised; anything else is not a code', () => {
    const c = newVerificationCode();
    expect(normaliseVerificationCode(c.toLowerCase())).toBe(c);
    expect(normaliseVerificationCode(` ${c.replace(/-/g, ' ')} `)).toBe(c);
    expect(normaliseVerificationCode('jipp-0o00-1l11-2222')).toBe('JIPP-0000-1111-2222');
    for (const bad of ['', 'JIPP', 'JIPP-0000-0000-000', 'JIPP-0000-0000-0000-0', 'ABCD-0000-0000-0000', 'JIPP-UUUU-0000-0000', '../etc/passwd']) {
      expect(normaliseVerificationCode(bad)).toBeNull();
    }
  });
});
