import type { NextFunction, Request, Response } from 'express';
import { AppError } from './errors';

/**
 * Bounds on a JSON body, checked on the raw bytes before JSON.parse: recursion in the parser's
 * callers (class-transformer, class-validator) and PostgreSQL's jsonb refuse what these allow.
 * No DTO nests deeper than a few levels or takes more than a few hundred items.
 */
export interface JsonLimits {
  maxDepth: number;
  maxArrayItems: number;
  maxObjectKeys: number;
}

export const JSON_LIMITS: JsonLimits = { maxDepth: 32, maxArrayItems: 10_000, maxObjectKeys: 1_000 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const hex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/**
 * One linear pass over the raw JSON bytes (no recursion, no allocation per value): nesting depth,
 * items per array and keys per object, and `\u` escapes that PostgreSQL cannot store — NUL and
 * lone UTF-16 surrogates. (A raw NUL byte or a raw surrogate cannot appear: the first is invalid
 * JSON, the second invalid UTF-8, which decodes to U+FFFD.) Returns the problem, or null.
 * Invalid JSON is left to JSON.parse.
 */
export function scanJson(buf: Uint8Array, limits: JsonLimits = JSON_LIMITS): string | null {
  const kinds: number[] = []; // 1 array, 2 object, per open level
  const counts: number[] = []; // items so far, per open level
  let inString = false;
  let pendingHigh = false; // a high surrogate escape was just read: a low one must follow
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === BACKSLASH) {
        const next = buf[i + 1];
        if (next === 0x75 /* u */ && hex(buf[i + 2]) && hex(buf[i + 3]) && hex(buf[i + 4]) && hex(buf[i + 5])) {
          const code = parseInt(String.fromCharCode(buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5]), 16);
          if (code === 0) return 'contains a NUL character (\\u0000), which cannot be stored';
          const high = code >= 0xd800 && code <= 0xdbff;
          const low = code >= 0xdc00 && code <= 0xdfff;
          if (pendingHigh !== low) return 'contains an unpaired UTF-16 surrogate, which cannot be stored';
          pendingHigh = high;
          i += 5;
          continue;
        }
        if (pendingHigh) return 'contains an unpaired UTF-16 surrogate, which cannot be stored';
        i++; // the escaped character
        continue;
      }
      if (pendingHigh) return 'contains an unpaired UTF-16 surrogate, which cannot be stored';
      if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) {
      inString = true;
    } else if (b === 0x5b /* [ */ || b === 0x7b /* { */) {
      kinds.push(b === 0x5b ? 1 : 2);
      counts.push(1); // items = commas + 1 (an empty container never reaches a comparison)
      if (kinds.length > limits.maxDepth) return `is nested deeper than ${limits.maxDepth} levels`;
    } else if (b === 0x5d /* ] */ || b === 0x7d /* } */) {
      kinds.pop();
      counts.pop();
    } else if (b === COMMA && kinds.length) {
      const n = ++counts[counts.length - 1];
      if (kinds[kinds.length - 1] === 1 && n > limits.maxArrayItems) return `has an array of more than ${limits.maxArrayItems} items`;
      if (kinds[kinds.length - 1] === 2 && n > limits.maxObjectKeys) return `has an object of more than ${limits.maxObjectKeys} keys`;
    }
  }
  return null;
}

/** For express.json's `verify`: refuses the body before it is parsed (400 VALIDATION_FAILED). */
export function verifyJsonBody(_req: unknown, _res: unknown, buf: Buffer): void {
  const found = scanJson(buf);
  if (found) throw new AppError('VALIDATION_FAILED', `Request body ${found}`, [{ field: 'body', problems: [found] }]);
}

/** `%00` (any case) in a URL: a NUL once decoded. */
const ENCODED_NUL = /%00/i;

/**
 * The URL half of the one rule for strings: a NUL in the path or in any query parameter is
 * refused with 400 naming where it was, before routing, guards or pipes run. (Percent-decoding
 * never yields a lone surrogate: invalid UTF-8 decodes to U+FFFD.)
 */
export function refuseUnstorableUrl(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  if (!ENCODED_NUL.test(url)) return next();
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  let field = 'path';
  if (!ENCODED_NUL.test(path)) {
    field = 'query';
    for (const pair of url.slice(q + 1).split('&')) {
      if (!ENCODED_NUL.test(pair)) continue;
      const name = pair.split('=')[0];
      field = ENCODED_NUL.test(name) ? 'query parameter name' : safeDecode(name);
      break;
    }
  }
  const problem = 'contains a NUL character (%00), which cannot be stored';
  next(new AppError('VALIDATION_FAILED', `${field}: ${problem}`, [{ field, problems: [problem] }]));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' ')).slice(0, 100);
  } catch {
    return s.slice(0, 100);
  }
}
