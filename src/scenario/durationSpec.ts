import { type DurationSpec, suggest, type TaskDurationSpec } from "../../sim/index.js";
import { DISTRIBUTION_PARAMS } from "./format/scenarioFormat.js";
import type { IntegerType } from "./format/vocabulary.js";
import { checkKeys, describeValue, isPlainObject, numberTextHint, isIntegerIn, readInteger, required } from "./fieldReaders.js";
import type { IssueCollector, IssuePath } from "./IssueCollector.js";

/** What a duration list is indexed by: a stage's tasks, or executors in request order. */
export type DurationListRule = { readonly per: "task"; readonly tasks: number | undefined } | { readonly per: "executor" };

// Parameter names and ranges come from the format's description (format/scenarioFormat.ts).
const PARAMS = {
  uniform: Object.keys(DISTRIBUTION_PARAMS.uniform),
  exponential: Object.keys(DISTRIBUTION_PARAMS.exponential),
  lognormal: Object.keys(DISTRIBUTION_PARAMS.lognormal),
} as const;
type DistributionName = keyof typeof DISTRIBUTION_PARAMS;
const DISTRIBUTIONS = Object.keys(PARAMS) as DistributionName[];

const SPEC_FORMS =
  "a whole number of milliseconds, a list of them, or a map {distribution: uniform|exponential|lognormal, ...}";

const MS = DISTRIBUTION_PARAMS.uniform.minMs;

function readDistribution(c: IssueCollector, path: IssuePath, obj: Record<string, unknown>): DurationSpec | undefined {
  const name = obj["distribution"];
  if (name === undefined) {
    c.add([...path, "distribution"], "required", `is required in a distribution map: one of ${DISTRIBUTIONS.join(", ")}`);
    return undefined;
  }
  if (typeof name !== "string" || !Object.hasOwn(PARAMS, name)) {
    const guess = typeof name === "string" ? suggest(name, DISTRIBUTIONS) : undefined;
    const mean = guess === undefined ? "" : `; did you mean "${guess}"?`;
    c.add([...path, "distribution"], "invalid-value", `must be one of ${DISTRIBUTIONS.join(", ")}, got ${describeValue(name)}${mean}`, name);
    return undefined;
  }
  const dist = name as DistributionName;
  const allowed = ["distribution", ...PARAMS[dist]];
  checkKeys(c, path, obj, allowed);
  const rules: Readonly<Record<string, IntegerType>> = DISTRIBUTION_PARAMS[dist];
  const param = (key: string): number | undefined => {
    const raw = required(c, obj, path, key, allowed, `the ${dist} distribution takes ${PARAMS[dist].join(", ")}`);
    const rule = rules[key];
    return raw === undefined || rule === undefined ? undefined : readInteger(c, [...path, key], raw, rule);
  };
  switch (dist) {
    case "uniform": {
      const minMs = param("minMs");
      const maxMs = param("maxMs");
      if (minMs === undefined || maxMs === undefined) return undefined;
      if (maxMs < minMs) {
        c.add([...path, "maxMs"], "too-small", `must be >= minMs (${minMs}), got ${maxMs}`, maxMs);
        return undefined;
      }
      return { distribution: "uniform", minMs, maxMs };
    }
    case "exponential": {
      const meanMs = param("meanMs");
      return meanMs === undefined ? undefined : { distribution: "exponential", meanMs };
    }
    case "lognormal": {
      const medianMs = param("medianMs");
      const p95Ms = param("p95Ms");
      if (medianMs === undefined || p95Ms === undefined) return undefined;
      if (p95Ms < medianMs) {
        c.add([...path, "p95Ms"], "too-small", `must be >= medianMs (${medianMs}): the 95th percentile cannot be below the median, got ${p95Ms}`, p95Ms);
        return undefined;
      }
      return { distribution: "lognormal", medianMs, p95Ms };
    }
  }
}

/** A per-task list's length against the stage's task count (an issue when they differ). */
function hasOnePerTask(c: IssueCollector, path: IssuePath, value: ArrayLike<unknown>, tasks: number | undefined): boolean {
  if (tasks === undefined || value.length === tasks) return true;
  c.add(path, "length-mismatch", `a list must have exactly one duration per task (tasks: ${tasks}), got ${value.length} entries; or give one number for all tasks`, value);
  return false;
}

/**
 * A stage's `taskDurationMs`: a duration spec, or (a workload built in memory, as a replay
 * extracts it) a Float64Array with one whole ms value per task, checked and kept as it is.
 */
export function readTaskDurationSpec(c: IssueCollector, path: IssuePath, value: unknown, tasks: number | undefined): TaskDurationSpec | undefined {
  if (!(value instanceof Float64Array)) return readDurationSpec(c, path, value, { per: "task", tasks });
  let ok = true;
  for (let i = 0; i < value.length; i++) {
    if (isIntegerIn(value[i], MS)) continue;
    readInteger(c, [...path, i], value[i], MS);
    ok = false;
  }
  return hasOnePerTask(c, path, value, tasks) && ok ? value : undefined;
}

/**
 * A duration spec as the engine samples it (`sim/scenario/durations.ts`): a constant, a
 * list (one per task, or per executor in request order with the last value repeating), or a seeded distribution.
 */
export function readDurationSpec(c: IssueCollector, path: IssuePath, value: unknown, rule: DurationListRule): DurationSpec | undefined {
  if (typeof value === "number") return readInteger(c, path, value, MS);
  if (Array.isArray(value)) {
    const list: number[] = [];
    let ok = true;
    value.forEach((v: unknown, i) => {
      // A good entry needs no path of its own (one per task in a replayed workload).
      const ms = isIntegerIn(v, MS) ? v : readInteger(c, [...path, i], v, MS);
      if (ms === undefined) ok = false;
      else list.push(ms);
    });
    if (rule.per === "executor" && value.length === 0) {
      c.add(path, "too-small", "must have at least one entry (one per executor in request order; the last repeats), got an empty list", value);
      return undefined;
    }
    if (rule.per === "task" && !hasOnePerTask(c, path, value, rule.tasks)) return undefined;
    return ok ? list : undefined;
  }
  if (isPlainObject(value)) return readDistribution(c, path, value);
  c.add(path, "invalid-type", `must be ${SPEC_FORMS}, got ${describeValue(value)}${numberTextHint(value)}`, value);
  return undefined;
}
