import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new verification code, `JIPP-XXXX-XXXX-XXXX` (60 random bits). */
export function newVerificationCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return `JIPP-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/**
 * The stored form of a code someone typed: upper case, the look-alikes Crockford folds
 * (O→0, I/L→1), dashes and spaces where they were; null when it cannot be a code.
 */
export function normaliseVerificationCode(input: string): string | null {
  const raw = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const body = raw.startsWith('J1PP') ? raw.slice(4) : raw.startsWith('JIPP') ? raw.slice(4) : null;
  if (body === null || body.length !== 12 || [...body].some((ch) => !ALPHABET.includes(ch))) return null;
  return `JIPP-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}
