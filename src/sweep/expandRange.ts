import { BYTE_SUFFIX, TIME_SUFFIX_NS } from "../../sim/index.js";
import type { ValueKind } from "./sweepableKeys.js";

/** At most this many values per axis: a typo such as `1..100000` should fail, not run for a day. */
export const MAX_AXIS_VALUES = 10_000;

export type RangeResult = { readonly ok: true; readonly values: string[] } | { readonly ok: false; readonly message: string };

const RANGE_RE = /^(.+?)\.\.(.+?)(?::(.+))?$/;

/** `start..end[:step]`, as opposed to a plain value (decimals like "0.5" have one dot only). */
export function isRange(item: string): boolean {
  return item.includes("..");
}

// Sizes of each unit in a common integer base: microseconds for time, bytes for sizes.
// Spark's suffixes (`JavaUtils.timeSuffixes`, `byteSuffixes`), as the conf reader has them;
// "m" is minutes for a time and MiB for a size, which is why the key's kind decides.
const TIME_UNITS: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(TIME_SUFFIX_NS).map(([suffix, ns]) => [suffix, ns / 1e3]));
const SIZE_UNITS: Readonly<Record<string, number>> = BYTE_SUFFIX;
/** Units to write mixed-suffix ranges in, coarsest first ("min", not the ambiguous "m"). */
const TIME_OUT: ReadonlyArray<[string, number]> = ["d", "h", "min", "s", "ms", "us"].map((u) => [u, TIME_UNITS[u]!]);
const SIZE_OUT: ReadonlyArray<[string, number]> = ["t", "g", "m", "k", "b"].map((u) => [u, SIZE_UNITS[u]!]);

/** The base-unit size of a bare number: the time unit of the key, or MiB for a size. */
function bareUnit(kind: ValueKind): number {
  return kind.kind === "time" ? TIME_UNITS[kind.bareUnit]! : SIZE_UNITS["m"]!;
}

interface Token {
  /** Magnitude as written (an integer, or a decimal for doubles). */
  readonly text: string;
  /** Suffix as written, lower-cased ("" when bare). */
  readonly suffix: string;
  /** Value in the kind's base unit (µs, bytes; the number itself for int and double). */
  readonly base: number;
}

function readToken(raw: string, kind: ValueKind): Token | string {
  const t = raw.trim().toLowerCase();
  switch (kind.kind) {
    case "int":
      return /^[+-]?\d+$/.test(t) ? { text: t, suffix: "", base: Number(t) } : `"${raw}" is not a whole number`;
    case "double":
      return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? { text: t, suffix: "", base: Number(t) } : `"${raw}" is not a decimal number`;
    case "time":
    case "size": {
      const m = /^(\d+)([a-z]*)$/.exec(t);
      const units = kind.kind === "time" ? TIME_UNITS : SIZE_UNITS;
      if (m === null) return `"${raw}" is not a whole number with an optional unit`;
      const suffix = m[2]!;
      const unit = suffix === "" ? bareUnit(kind) : units[suffix];
      if (unit === undefined) return `"${raw}" has an unknown unit "${suffix}" (${Object.keys(units).join(", ")})`;
      return { text: m[1]!, suffix, base: Number(m[1]) * unit };
    }
    case "boolean":
      return "booleans have no ranges: list the values (true,false)";
  }
}

function decimals(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A decimal written without float noise ("0.30000000000000004" would be a different key value). */
function formatScaled(scaled: number, digits: number): string {
  if (digits === 0) return String(scaled);
  const sign = scaled < 0 ? "-" : "";
  const s = String(Math.abs(scaled)).padStart(digits + 1, "0");
  const text = `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/\.?0+$/, "");
  return sign + text;
}

/**
 * Expands `start..end[:step]` (both ends included when the step lands on `end`) into values
 * written in Spark's syntax for the key: `10..100:10`, `0.25..1:0.25`, `30s..120s:30s`,
 * `2g..8g:2g`. Ends that share a unit keep it ("30s", "60s"); mixed units are written in the
 * coarsest unit that divides every value. An int's step defaults to 1.
 */
export function expandRange(item: string, kind: ValueKind): RangeResult {
  const m = RANGE_RE.exec(item);
  if (m === null) return { ok: false, message: `"${item}" is not a range start..end[:step]` };
  const raw = [m[1]!, m[2]!, m[3]];
  if (raw[2] === undefined && kind.kind !== "int") return { ok: false, message: `"${item}" needs a step, e.g. ${exampleRange(kind)}` };
  const tokens: Token[] = [];
  for (const r of raw) {
    if (r === undefined) continue;
    const t = readToken(r, kind);
    if (typeof t === "string") return { ok: false, message: `range "${item}": ${t}` };
    tokens.push(t);
  }
  const [start, end] = [tokens[0]!, tokens[1]!];
  const step = tokens[2] ?? { text: "1", suffix: "", base: 1 };
  if (!(step.base > 0)) return { ok: false, message: `range "${item}": the step must be greater than 0` };
  if (end.base < start.base) return { ok: false, message: `range "${item}": the end is below the start` };

  // Integer arithmetic throughout: decimals are scaled to whole numbers first.
  const digits = kind.kind === "double" ? Math.max(...tokens.map((t) => decimals(t.text))) : 0;
  const scale = 10 ** digits;
  const [s0, e0, st] = [Math.round(start.base * scale), Math.round(end.base * scale), Math.round(step.base * scale)];
  const count = Math.floor((e0 - s0) / st) + 1;
  if (count > MAX_AXIS_VALUES) return { ok: false, message: `range "${item}" has ${count} values; at most ${MAX_AXIS_VALUES} per key` };
  const scaled = Array.from({ length: count }, (_, i) => s0 + i * st);

  if (kind.kind === "int" || kind.kind === "double") return { ok: true, values: scaled.map((v) => formatScaled(v, digits)) };
  const sameSuffix = tokens.every((t) => t.suffix === start.suffix);
  if (sameSuffix) {
    const unit = start.suffix === "" ? bareUnit(kind) : (kind.kind === "time" ? TIME_UNITS : SIZE_UNITS)[start.suffix]!;
    return { ok: true, values: scaled.map((v) => `${v / unit}${start.suffix}`) };
  }
  const out = kind.kind === "time" ? TIME_OUT : SIZE_OUT;
  const [suffix, unit] = out.find(([, u]) => scaled.every((v) => v % u === 0)) ?? out[out.length - 1]!;
  return { ok: true, values: scaled.map((v) => `${v / unit}${suffix}`) };
}

function exampleRange(kind: ValueKind): string {
  switch (kind.kind) {
    case "time":
      return "30s..120s:30s";
    case "size":
      return "4g..16g:4g";
    case "double":
      return "0.25..1:0.25";
    default:
      return "10..100:10";
  }
}
