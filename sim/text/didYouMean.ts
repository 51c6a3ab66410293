/**
 * The one "did you mean" ranker: scenario fields, distribution names, spark-submit options and
 * Spark conf keys all ask it. Pure (sim/ may use it, and src/ imports it from sim/index.ts).
 */

/** Levenshtein distance (insert, delete, substitute) in one row. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** How close a guess must be, by kind of name. */
export interface SuggestPolicy {
  /** A key that starts or ends with a candidate of 4+ letters (or the reverse) scores 1.5. */
  readonly affixes: boolean;
  /** The largest score still suggested, for a key of this length. */
  readonly maxScore: (keyLength: number) => number;
}

/**
 * Short camelCase names (scenario fields, distribution names, spark-submit options): users
 * drop or add a word (`executorStartup`, `numTasks`), so affixes count, and a third of the
 * key may be wrong.
 */
export const SHORT_NAMES: SuggestPolicy = { affixes: true, maxScore: (n) => Math.max(2, Math.floor(n / 3)) };

/**
 * Dotted Spark conf keys (`spark.dynamicAllocation.maxExecutors`): every key shares the long
 * `spark.dynamicAllocation.` prefix, so affixes would match everything; only a few edits
 * (at most an eighth of the key) are a typo.
 */
export const CONF_KEYS: SuggestPolicy = { affixes: false, maxScore: (n) => Math.max(3, Math.floor(n / 8)) };

/**
 * The candidate a misspelt key most likely meant, or undefined when none is close enough.
 * Case is ignored; the first of equally close candidates wins.
 */
export function suggest(key: string, candidates: readonly string[], policy: SuggestPolicy = SHORT_NAMES): string | undefined {
  const k = key.toLowerCase();
  const maxScore = policy.maxScore(key.length);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    let score = policy.affixes && (isAffix(k, c) || isAffix(c, k)) ? 1.5 : Infinity;
    // The distance is at least the difference in length: when that could neither beat the best
    // so far nor be suggested, the distance cannot change the answer and is not computed.
    if (Math.abs(k.length - c.length) < Math.min(bestScore, maxScore + 1)) score = Math.min(score, editDistance(k, c));
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return bestScore <= maxScore ? best : undefined;
}

function isAffix(x: string, y: string): boolean {
  return y.length >= 4 && (x.startsWith(y) || x.endsWith(y));
}
