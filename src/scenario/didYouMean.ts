import { suggest } from "../../sim/index.js";

/** `unknown key "taskDuration"; did you mean "taskDurationMs"? (allowed: ...)`. */
export function unknownKeyMessage(key: string, allowed: readonly string[], hint?: string): string {
  const guess = suggest(key, allowed);
  const mean = hint ?? (guess === undefined ? "" : `; did you mean "${guess}"?`);
  return `unknown key ${JSON.stringify(key)}${mean} (allowed keys: ${allowed.join(", ")})`;
}
