/** Relative change from `before` to `after` in percent, one decimal; null when `before` is 0 (undefined). */
export function changePercent(before: number, after: number): number | null {
  if (before === 0) return null;
  return Math.round(((after - before) / Math.abs(before)) * 1000) / 10;
}

/** Did the figure move the good way? null when it did not move or cannot tell. */
export function improved(direction: string, before: number, after: number): boolean | null {
  if (after === before) return null;
  return direction === 'lower' ? after < before : after > before;
}

/** The median of the values (mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const m = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return Math.round(m * 10) / 10;
}
