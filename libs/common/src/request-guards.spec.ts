import { JSON_LIMITS, scanJson } from './request-guards';

const scan = (text: string) => scanJson(Buffer.from(text, 'utf8'));

describe('scanJson', () => {
  it('passes ordinary bodies, strings that look like structure, and escapes that can be stored', () => {
    for (const ok of [
      '{}',
      '[]',
      '{"a":[1,2,{"b":"c"}]}',
      '{"s":"[[[[{{{{,,,,"}',
      '{"e":"\\"\\\\\\n\\u0041\\u00e9"}',
      '{"emoji":"\\ud83d\\ude00"}',
      '"plain"',
      '',
    ]) {
      expect(scan(ok)).toBeNull();
    }
  });

  it('refuses nesting deeper than the limit, at once and without recursion', () => {
    expect(scan('['.repeat(JSON_LIMITS.maxDepth) + ']'.repeat(JSON_LIMITS.maxDepth))).toBeNull();
    expect(scan('['.repeat(JSON_LIMITS.maxDepth + 1))).toMatch(/nested deeper/);
    const started = performance.now();
    expect(scan('{"a":'.repeat(200_000))).toMatch(/nested deeper/);
    expect(scanJson(Buffer.alloc(1_000_000, '['.charCodeAt(0)))).toMatch(/nested deeper/);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses arrays and objects wider than the limits', () => {
    expect(scan(`[${'0,'.repeat(JSON_LIMITS.maxArrayItems - 1)}0]`)).toBeNull();
    expect(scan(`[${'0,'.repeat(JSON_LIMITS.maxArrayItems)}0]`)).toMatch(/array of more than/);
    const keys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":[1,2]`).join(',')}}`;
    expect(scan(keys(JSON_LIMITS.maxObjectKeys))).toBeNull();
    expect(scan(keys(JSON_LIMITS.maxObjectKeys + 1))).toMatch(/object of more than/);
  });

  it('refuses NUL and unpaired surrogates written as escapes, wherever they are', () => {
    expect(scan('{"a":"x\\u0000"}')).toMatch(/NUL/);
    expect(scan('{"\\u0000":1}')).toMatch(/NUL/);
    for (const lone of ['"\\ud800"', '"\\udc00"', '"\\ud800x"', '"\\ud800\\n"', '"\\ud800\\ud800"', '"a\\udfffb"'])
      expect(scan(lone)).toMatch(/surrogate/);
  });
});
