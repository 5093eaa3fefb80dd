import type { PmNode } from './prosemirror';

export interface BlockDiff {
  /** In the current content, not in the version (index in the current content). */
  added: { index: number; node: PmNode }[];
  /** In the version, not in the current content (index in the version). */
  removed: { index: number; node: PmNode }[];
  /** At the same place in both, with different content. */
  changed: { versionIndex: number; currentIndex: number; before: PmNode; after: PmNode }[];
  unchanged: number;
}

/** Above this many cells the middle is compared position by position instead of by LCS. */
const LCS_CELLS = 1_000_000;

/**
 * Top-level blocks from `version` to `current`: equal blocks are matched (longest common
 * subsequence of their JSON), and in each gap between matches the blocks are paired in order as
 * changed, the rest being removed (version side) or added (current side).
 */
export function diffBlocks(version: PmNode[], current: PmNode[]): BlockDiff {
  const a = version.map((n) => JSON.stringify(n));
  const b = current.map((n) => JSON.stringify(n));
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const n = a.length - start - end;
  const m = b.length - start - end;
  // Matched pairs [i, j] inside the middle, in order.
  const matches: [number, number][] = [];
  if (n && m && n * m <= LCS_CELLS) {
    const dp = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[at(i, j)] = a[start + i] === b[start + j] ? dp[at(i + 1, j + 1)]! + 1 : Math.max(dp[at(i + 1, j)]!, dp[at(i, j + 1)]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        matches.push([i, j]);
        i++;
        j++;
      } else if (dp[at(i + 1, j)]! >= dp[at(i, j + 1)]!) i++;
      else j++;
    }
  }
  const out: BlockDiff = { added: [], removed: [], changed: [], unchanged: start + end + matches.length };
  let pi = 0;
  let pj = 0;
  for (const [mi, mj] of [...matches, [n, m] as [number, number]]) {
    const gapA = mi - pi;
    const gapB = mj - pj;
    const paired = Math.min(gapA, gapB);
    for (let k = 0; k < paired; k++) {
      const vi = start + pi + k;
      const ci = start + pj + k;
      out.changed.push({ versionIndex: vi, currentIndex: ci, before: version[vi]!, after: current[ci]! });
    }
    for (let k = paired; k < gapA; k++) out.removed.push({ index: start + pi + k, node: version[start + pi + k]! });
    for (let k = paired; k < gapB; k++) out.added.push({ index: start + pj + k, node: current[start + pj + k]! });
    pi = mi + 1;
    pj = mj + 1;
  }
  return out;
}
