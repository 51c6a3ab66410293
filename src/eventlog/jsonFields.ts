/**
 * Typed field readers for one parsed event-log line. A required field that is
 * missing or of the wrong type throws a FieldError naming its JSON path; the
 * decoder turns that into a warning and skips the event.
 */

import { DraSimError } from "../../sim/errors.js";

export type JsonObject = Record<string, unknown>;

export class FieldError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "FieldError";
  constructor(
    /** JSON path inside the event, e.g. `"Task Info"."Task ID"`. */
    readonly fieldPath: string,
    readonly found: unknown,
    readonly expected: string,
  ) {
    super(
      found === undefined
        ? `missing ${fieldPath}`
        : `${fieldPath} should be ${expected}, found ${describeValue(found)}`,
    );
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

function pathOf(parent: string, key: string): string {
  return parent === "" ? `"${key}"` : `${parent}."${key}"`;
}

export function reqObject(o: JsonObject, key: string, parent = ""): JsonObject {
  const v = o[key];
  if (isJsonObject(v)) return v;
  throw new FieldError(pathOf(parent, key), v, "an object");
}

export function optObject(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return isJsonObject(v) ? v : undefined;
}

export function reqNumber(o: JsonObject, key: string, parent = ""): number {
  const v = o[key];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw new FieldError(pathOf(parent, key), v, "a number");
}

/** Java's Integer.MAX_VALUE: Spark's stage ids, task counts, task indices and core counts are Java ints. */
const JAVA_INT_MAX = 2 ** 31 - 1;

/**
 * A count, id or index that sizes or indexes storage (`Number of Tasks`, `Index`, ...): a
 * whole number from 0 to `max`. A corrupt `-1`, `2.5` or `1e12` is a FieldError (the event
 * is skipped with a warning), never an allocation of that size.
 */
export function reqCount(o: JsonObject, key: string, parent = "", max = JAVA_INT_MAX): number {
  const v = o[key];
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= max) return v;
  const range = max === JAVA_INT_MAX ? `a whole number from 0 to ${JAVA_INT_MAX} (a Java int)` : `a whole number from 0 to ${max}`;
  throw new FieldError(pathOf(parent, key), v, range);
}

export function optNumber(o: JsonObject, key: string): number | undefined {
  const v = o[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function reqString(o: JsonObject, key: string, parent = ""): string {
  const v = o[key];
  if (typeof v === "string") return v;
  throw new FieldError(pathOf(parent, key), v, "a string");
}

export function optString(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" ? v : undefined;
}

export function optBoolean(o: JsonObject, key: string): boolean | undefined {
  const v = o[key];
  return typeof v === "boolean" ? v : undefined;
}

/** Array of numbers; a missing key gives `[]` (Spark 1.2 has no `Parent IDs`). */
export function numberArray(o: JsonObject, key: string, parent = ""): number[] {
  const v = o[key];
  if (v === undefined) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === "number")) return v as number[];
  throw new FieldError(pathOf(parent, key), v, "an array of numbers");
}

/** Array of objects; a missing key gives `[]`. Non-object items are dropped. */
export function objectArray(o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  if (!Array.isArray(v)) return [];
  return v.filter(isJsonObject);
}
