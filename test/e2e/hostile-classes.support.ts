/**
 * Generators for the classes of input the first hostile suite never produced (issue 14): deep
 * and wide JSON, NUL and control characters, impossible dates and cursors. Each class counts
 * the cases it tried and the ones that failed, so a run before a fix shows what it catches.
 */
import fc from 'fast-check';
import type { Operation } from './hostile.support';

/** Per class: cases tried and failed, with the first few failures for the log. */
export class ClassTally {
  readonly counts: Record<string, { tried: number; failed: number; examples: string[] }> = {};

  record(klass: string, failure: string): void {
    const c = (this.counts[klass] ??= { tried: 0, failed: 0, examples: [] });
    c.tried++;
    if (failure) {
      c.failed++;
      if (c.examples.length < 5) c.examples.push(failure);
    }
  }

  failed(klass: string): number {
    return this.counts[klass]?.failed ?? 0;
  }

  summary(): string {
    return Object.entries(this.counts)
      .map(
        ([k, c]) => `${k}: tried ${c.tried}, failed ${c.failed}${c.examples.length ? `\n    e.g. ${c.examples.join('\n    e.g. ')}` : ''}`,
      )
      .join('\n  ');
  }
}

/** JSON text nested `depth` levels, built as text (a value that deep overflows recursive code). */
export function deepJsonText(depth: number, shape: 'array' | 'object' | 'mixed', wrapKey?: string): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    const arr = shape === 'array' || (shape === 'mixed' && i % 2 === 0);
    open.push(arr ? '[' : '{"a":');
    close.push(arr ? ']' : '}');
  }
  const inner = `${open.join('')}1${close.reverse().join('')}`;
  return wrapKey ? `{${JSON.stringify(wrapKey)}:${inner}}` : inner;
}

/** Deep (beyond any DTO) or wide (more elements or keys than any DTO takes) JSON bodies, all under 1 MB. */
export function deepBody(op: Operation) {
  const key = fc.option(fc.constantFrom(...(op.bodyProps.length ? op.bodyProps : ['name'])), { nil: undefined });
  const deep = fc
    .tuple(
      fc.constantFrom(200, 1_000, 20_000, 150_000, 300_000),
      fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>,
      key,
    )
    .map(([depth, shape, k]) => ({
      kind: `deep ${shape} ${depth}`,
      text: deepJsonText(shape === 'array' ? depth : Math.min(depth, 90_000), shape, k),
    }));
  const wideArray = fc
    .tuple(fc.constantFrom(20_000, 200_000), key)
    .map(([n, k]) => ({ kind: `array of ${n}`, text: k ? `{${JSON.stringify(k)}:[${'0,'.repeat(n - 1)}0]}` : `[${'0,'.repeat(n - 1)}0]` }));
  const wideObject = fc.constantFrom(5_000, 40_000).map((n) => ({
    kind: `object of ${n} keys`,
    text: `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`,
  }));
  return fc.oneof(deep, wideArray, wideObject);
}

/** Characters PostgreSQL cannot store in text/jsonb (NUL, lone surrogates), and other controls it can. */
export const unstorable = fc.constantFrom('\u0000', 'a\u0000b', '\u0000'.repeat(20), 'x\uD800', '\uDC00y', 'ok\uDBFF');
export const controlChars = fc.constantFrom('\u0001', '\u0008', '\u001b[31m', '\u007f', '\u2028', '\uFEFF', '\r\n', '\t\u000b\u000c');

/** Where a hostile string goes in a request. */
export type Placement = { where: 'query' | 'body' | 'path'; name: string; value: string };

export function stringPlacement(op: Operation, value: fc.Arbitrary<string>): fc.Arbitrary<Placement> {
  const options: fc.Arbitrary<Placement>[] = [
    fc
      .tuple(fc.constantFrom(...(op.query.length ? op.query : ['q'])), value)
      .map(([name, v]) => ({ where: 'query' as const, name, value: v })),
  ];
  if (op.hasBody)
    options.push(
      fc
        .tuple(fc.constantFrom(...(op.bodyProps.length ? op.bodyProps : ['name'])), value)
        .map(([name, v]) => ({ where: 'body' as const, name, value: v })),
    );
  if (op.params.length)
    options.push(fc.tuple(fc.constantFrom(...op.params), value).map(([name, v]) => ({ where: 'path' as const, name, value: v })));
  return fc.oneof(...options);
}

/** Query and body fields that carry a date, a time or a cursor. */
export const DATE_LIKE = /^(before|after|since|until|from|to|cursor|at|date|dueDate|scheduledAt|heldAt|.*At)$/;

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

/** Dates a lenient parser takes and PostgreSQL refuses, or no date at all; cursors that decode to them. */
export const impossibleDate = fc.oneof(
  fc.constantFrom(
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
    '2026-12-01T24:00:01Z',
    '2026-12-01T25:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-12-01T10:00:00+25:00',
    '2026-12-01 10:00',
    '1e15',
    'now',
    'infinity',
    '-infinity',
    'epoch',
  ),
  fc
    .date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) })
    .filter((d) => d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999)
    .map((d) => d.toISOString()),
);
export const impossibleCursor = fc.oneof(
  fc
    .constantFrom('2026-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-12-01T24:00:00.000Z')
    .map((d) => cursorOf(`${d}|00000000-0000-4000-8000-000000000000`)),
  fc.constantFrom('|', '||', 'x|y', '2026-12-01T00:00:00.000Z|').map(cursorOf),
  impossibleDate,
);
