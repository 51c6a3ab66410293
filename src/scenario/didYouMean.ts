import { editDistance } from "../../sim/conf/editDistance.js";

/**
 * The candidate a misspelt key most likely meant, or undefined when none is close. Case is
 * ignored; a key that is a prefix or suffix of a candidate (`executorStartup`, `startupMs`)
 * or ends in it (`numTasks`) counts as close, since users drop or add a word.
 */
export function suggest(key: string, candidates: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    let score = editDistance(k, c);
    const affix = (x: string, y: string): boolean => y.length >= 4 && (x.startsWith(y) || x.endsWith(y));
    if (affix(k, c) || affix(c, k)) score = Math.min(score, 1.5);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return bestScore <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** `unknown key "taskDuration"; did you mean "taskDurationMs"? (allowed: ...)`. */
export function unknownKeyMessage(key: string, allowed: readonly string[], hint?: string): string {
  const guess = suggest(key, allowed);
  const mean = hint ?? (guess === undefined ? "" : `; did you mean "${guess}"?`);
  return `unknown key ${JSON.stringify(key)}${mean} (allowed keys: ${allowed.join(", ")})`;
}
