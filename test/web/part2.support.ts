/** Part 1's browser-test harness (test/web/support.ts), plus what the part-2 suites add. */
export * from './support';
export const PHONE = { width: 375, height: 780 };
