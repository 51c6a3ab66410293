import { suggest } from "../../sim/index.js";
import { unknownKeyMessage } from "./didYouMean.js";
import type { NumberRange } from "./format/vocabulary.js";
import type { IssueCollector, IssuePath } from "./IssueCollector.js";

/** A parsed map: what YAML and JSON give for `{...}`. */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The entries whose value is defined, as an object with the keys in the order given. An object
 * literal that spreads `{}` or `{ key }` for its optional keys gets a hidden class of its own in
 * V8 (about 170 bytes: one per stage and job of a replayed log); objects built by assignment,
 * key by key in the same order, share one.
 */
export function definedEntries<T extends object>(entries: { readonly [K in keyof T]-?: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const key in entries) {
    const value: unknown = entries[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** A bad value as a message shows it: strings quoted (and cut), containers by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  if (isPlainObject(value)) return "a map";
  if (typeof value === "object") return `a ${value.constructor?.name ?? "non-plain"} object`;
  return String(value);
}

/** A map, or an issue saying what was found instead. */
export function readObject(c: IssueCollector, path: IssuePath, value: unknown, what: string): PlainObject | undefined {
  if (isPlainObject(value)) return value;
  c.add(path, "invalid-type", `must be ${what}, got ${describeValue(value)}`, value);
  return undefined;
}

/**
 * Reports every key not in `allowed`, with a did-you-mean. `hints` gives a fixed message
 * for keys that are known to belong elsewhere (`jobs` at the top level).
 */
export function checkKeys(
  c: IssueCollector,
  path: IssuePath,
  obj: PlainObject,
  allowed: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = Object.hasOwn(hints, key) ? `; ${hints[key]}` : undefined;
    c.add([...path, key], "unknown-key", unknownKeyMessage(key, allowed, hint), key);
  }
}

export interface IntegerRule {
  readonly min: number;
  readonly max?: number;
  /** Why the maximum, said when it is exceeded. */
  readonly maxReason?: string;
  /** Milliseconds: messages say "whole number of milliseconds" (house rule: integer ms). */
  readonly ms?: boolean;
}

/** Why a string that looks numeric is still wrong where a number belongs. */
export function numberTextHint(value: unknown): string {
  if (typeof value !== "string") return "";
  // "5" in YAML is a string: say so, since the quotes are easy to miss.
  if (value.trim() !== "" && Number.isFinite(Number(value))) return " (a string: remove the quotes)";
  if (/^\s*\d+(\.\d+)?\s*(ms|s|m|min|h)\s*$/i.test(value)) return " (units are not read here: write the number of milliseconds)";
  return "";
}

/** Whether `readInteger` takes `value` as it is (no issue). */
export function isIntegerIn(value: unknown, rule: IntegerRule): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= rule.min && (rule.max === undefined || value <= rule.max) && value <= Number.MAX_SAFE_INTEGER;
}

/** An integer in range, or an issue naming the bad value and the range. */
export function readInteger(c: IssueCollector, path: IssuePath, value: unknown, rule: IntegerRule): number | undefined {
  // The messages are built only for a bad value (a workload's task list holds one per task).
  if (isIntegerIn(value, rule)) return value;
  const noun = rule.ms === true ? "a whole number of milliseconds" : "an integer";
  const must = `must be ${noun} ${rule.ms === true && rule.min === 1 ? "> 0" : `>= ${rule.min}`}`;
  if (typeof value !== "number") {
    c.add(path, "invalid-type", `${must}, got ${describeValue(value)}${numberTextHint(value)}`, value);
    return undefined;
  }
  if (!Number.isInteger(value)) {
    c.add(path, "not-integer", `${must}, got ${String(value)}`, value);
    return undefined;
  }
  if (value < rule.min) {
    c.add(path, "too-small", `${must}, got ${value}`, value);
    return undefined;
  }
  if (rule.max !== undefined && value > rule.max) {
    const why = rule.maxReason === undefined ? "" : ` (${rule.maxReason})`;
    c.add(path, "too-big", `must be ${noun} <= ${rule.max}${why}, got ${value}`, value);
    return undefined;
  }
  if (value > Number.MAX_SAFE_INTEGER) {
    // Past 2^53 a JSON/YAML number no longer holds the integer that was written.
    c.add(path, "too-big", `must be ${noun} <= ${Number.MAX_SAFE_INTEGER} (larger numbers lose digits), got ${value}`, value);
    return undefined;
  }
  return value;
}

/** A finite number in its range, or an issue naming the bad value, what the number is and the range. */
export function readNumberInRange(c: IssueCollector, path: IssuePath, value: unknown, rule: NumberRange): number | undefined {
  const range = rule.max === undefined ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`;
  const must = `must be a number ${range} (${rule.what})`;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    c.add(path, "invalid-type", `${must}, got ${describeValue(value)}${numberTextHint(value)}`, value);
    return undefined;
  }
  if (value < rule.min) {
    c.add(path, "too-small", `${must}, got ${value}`, value);
    return undefined;
  }
  if (rule.max !== undefined && value > rule.max) {
    c.add(path, "too-big", `${must}, got ${value}`, value);
    return undefined;
  }
  return value;
}

/**
 * A key that must be present: an issue when missing, unless a misspelt key already got a
 * did-you-mean pointing at it (one typo, one issue). Returns the raw value.
 */
export function required(c: IssueCollector, obj: PlainObject, path: IssuePath, key: string, allowed: readonly string[], what: string): unknown {
  if (obj[key] !== undefined) return obj[key];
  const typo = Object.keys(obj).some((k) => !allowed.includes(k) && suggest(k, allowed) === key);
  if (!typo) c.add([...path, key], "required", `is required: ${what}`);
  return undefined;
}

/** A string (non-empty unless allowed), or an issue. */
export function readString(c: IssueCollector, path: IssuePath, value: unknown, opts: { allowEmpty?: boolean } = {}): string | undefined {
  if (typeof value !== "string") {
    c.add(path, "invalid-type", `must be a string, got ${describeValue(value)}`, value);
    return undefined;
  }
  if (opts.allowEmpty !== true && value.trim() === "") {
    c.add(path, "invalid-value", `must not be empty, got ${describeValue(value)}`, value);
    return undefined;
  }
  return value;
}
