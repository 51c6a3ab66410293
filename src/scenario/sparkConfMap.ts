import { describeValue, isPlainObject } from "./fieldReaders.js";
import type { IssueCollector, IssuePath } from "./IssueCollector.js";

/** Spark reads every property as a string; these are the scalars that convert without loss. */
export function confValueText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function confValueMessage(value: unknown): string {
  const list = Array.isArray(value) ? ` (Spark lists are comma-separated strings: write "a,b")` : "";
  return `must be a string, a finite number or a boolean (Spark reads every property as a string), got ${describeValue(value)}${list}`;
}

/**
 * A map of Spark properties, keys verbatim. Nested maps are flattened with dots, so YAML's
 * `spark: {dynamicAllocation: {enabled: true}}` is `spark.dynamicAllocation.enabled: "true"`;
 * a key reached twice (nested and dotted) is an issue, not a silent override.
 * Values: strings as written, booleans as "true"/"false", numbers as JavaScript prints them
 * (`20` -> "20", `0.5` -> "0.5"); null, lists and other values are issues.
 */
/** How deep nested conf maps may go (spark.a.b.c... as maps): far more than any Spark key has parts. */
export const MAX_CONF_NESTING = 16;

export function readSparkConf(c: IssueCollector, path: IssuePath, value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) {
    c.add(path, "invalid-type", `must be a map of Spark properties (key: value), got ${describeValue(value)}`, value);
    return undefined;
  }
  const out = new Map<string, string>();
  const seenAt = new Map<string, IssuePath>();
  let ok = true;
  const visit = (obj: Record<string, unknown>, prefix: string, at: IssuePath): void => {
    if (at.length - path.length > MAX_CONF_NESTING) {
      c.add(at, "over-limit", `conf maps nest deeper than ${MAX_CONF_NESTING} levels; Spark property names have far fewer parts: write the key dotted`);
      ok = false;
      return;
    }
    for (const [key, v] of Object.entries(obj)) {
      const keyPath = [...at, key];
      const flat = prefix === "" ? key : `${prefix}.${key}`;
      if (key.trim() === "") {
        c.add(keyPath, "invalid-value", `a Spark property name must not be empty, got ${describeValue(key)}`, key);
        ok = false;
        continue;
      }
      if (isPlainObject(v)) {
        if (Object.keys(v).length === 0) {
          c.add(keyPath, "invalid-type", `an empty map sets no property: give ${flat} a value (a string, number or boolean), or remove it`, v);
          ok = false;
          continue;
        }
        visit(v, flat, keyPath);
        continue;
      }
      const first = seenAt.get(flat);
      if (first !== undefined) {
        // Both paths print alike (conf.spark.x), so say which forms were used.
        const forms = first.length === keyPath.length ? "" : " once as nested maps and once as a dotted key";
        c.add(keyPath, "duplicate-key", `${JSON.stringify(flat)} is given twice:${forms} (first at ${c.where(first)}); give each property once`, flat);
        ok = false;
        continue;
      }
      seenAt.set(flat, keyPath);
      const text = confValueText(v);
      if (text === undefined) {
        c.add(keyPath, "invalid-type", confValueMessage(v), v);
        ok = false;
        continue;
      }
      out.set(flat, text);
    }
  };
  visit(value, "", path);
  // fromEntries defines own properties, so a key like "__proto__" stays a plain key.
  return ok ? Object.fromEntries(out) : undefined;
}
