import { parseTimeAs } from "../../sim/conf/values.js";
import { ParseError, unwrap, type SafeParseResult } from "../../sim/errors.js";

/** A run instant as m:ss (h:mm:ss past an hour), with milliseconds only when they are not zero. */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms)) return "never";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  const frac = abs % 1000;
  const s = Math.floor(abs / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  const base = h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
  return sign + base + (frac === 0 ? "" : `.${String(Math.round(frac)).padStart(3, "0")}`);
}

/**
 * An instant from application start: a bare number of ms, Spark's time syntax (`90s`, `2min`,
 * `1500ms`, `1h`) or a clock (`3:59`, `1:02:03.5`). The error says what is accepted.
 */
export function safeParseInstant(text: string): SafeParseResult<number, ParseError> {
  const t = text.trim();
  const clock = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d{1,3})?)$/.exec(t);
  if (clock !== null) {
    const [, h, m, s] = clock;
    return { success: true, data: Math.round(((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000) };
  }
  const parsed = parseTimeAs(t, "ms");
  if (parsed.ok && parsed.value >= 0) return { success: true, data: parsed.value };
  return { success: false, error: new ParseError(`expected a time from application start: ms (90000), Spark's syntax (90s, 2min, 1500ms) or a clock (1:30)`) };
}

/** `safeParseInstant`, throwing its `ParseError`. */
export function parseInstant(text: string): number {
  return unwrap(safeParseInstant(text));
}
