/** Part 1's browser-test harness (test/web/support.ts), plus what the part-2 suites add. */
export * from './support';
export const PHONE = { width: 375, height: 780 };

/** Script errors only (a 404 the screens expect, e.g. an optional endpoint, is not a failure). */
export const scriptErrors = (...lists: string[][]) => lists.flat().filter((p) => p.startsWith('pageerror'));
