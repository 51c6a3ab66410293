import { parseConf } from "../../sim/spark/conf/parseConf.js";
import type { SparkConf } from "../../sim/spark/conf/SparkConf.js";
import { DEFAULT_STATIC_EXECUTORS } from "../../sim/spark/SparkApplication.js";
import { parseSparkVersion } from "../../sim/spark/SparkVersion.js";

/** `Utils.isLocalMaster`: "local" and "local[...]" (not "local-cluster[...]", which has real executors). */
export function isLocalMaster(master: string | undefined): boolean {
  return master !== undefined && (master === "local" || master.startsWith("local["));
}

/**
 * The scenario's conf: the logged `Spark Properties`, keys and values verbatim, so the
 * simulation runs with what the application ran with (unset keys keep Spark's defaults,
 * as they did in the run). One addition: when `spark.executor.cores` is unset, the most
 * common `Total Cores` of the logged executors, because the cluster manager's default
 * (1 on YARN, all worker cores on standalone) is what the executors really had.
 */
export function loggedConf(
  properties: ReadonlyMap<string, string> | undefined,
  executorCores: readonly number[],
): { conf: Record<string, string>; messages: string[] } {
  const conf: Record<string, string> = {};
  const messages: string[] = [];
  if (properties === undefined) {
    messages.push("the log has no SparkListenerEnvironmentUpdate: simulated with Spark's default configuration");
  } else {
    for (const [key, value] of properties) conf[key] = value;
  }
  if (conf["spark.executor.cores"] === undefined && executorCores.length > 0) {
    const cores = mostCommon(executorCores);
    conf["spark.executor.cores"] = String(cores);
    messages.push(`spark.executor.cores is not in the logged properties: set to ${cores}, the most common Total Cores of the logged executors`);
  }
  return { conf, messages };
}

/** The most frequent value; ties go to the larger value (the bigger executor shape). */
function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0]!;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && v > best)) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** What the estimates need from the conf, read the way the engine will read it. */
export interface ConfFacts {
  readonly dynamicAllocation: boolean;
  /** Executors requested at start: DRA's max(min, initial, instances), else instances or Spark's static default. */
  readonly initialExecutors: number;
  readonly schedulerBacklogTimeoutMs: number;
  readonly minRegisteredResourcesRatio: number;
  readonly maxRegisteredResourcesWaitingTimeMs: number;
}

/**
 * Reads the conf with the model's parser. Values Spark could not read are left out here
 * (with a message) so the estimates can still be made; the simulation itself will then
 * refuse the conf with Spark's own error, as Spark would have.
 */
export function confFacts(conf: Readonly<Record<string, string>>, version: string): { facts: ConfFacts; messages: string[] } {
  const v = parseSparkVersion(version);
  if ("error" in v) throw new Error(`internal: model version ${version} was not checked: ${v.error}`);
  const messages: string[] = [];
  let parsed = parseConf(conf, v);
  if (!parsed.ok) {
    const bad = new Set(parsed.issues.map((i) => i.key));
    for (const i of parsed.issues) messages.push(`${i.key}=${i.value} cannot be read (${i.message}); the estimates use Spark's default for it`);
    parsed = parseConf(Object.fromEntries(Object.entries(conf).filter(([k]) => !bad.has(k))), v);
    if (!parsed.ok) throw new Error(`internal: conf still unreadable without ${[...bad].join(", ")}`);
  }
  return { facts: factsOf(parsed.conf), messages };
}

function factsOf(c: SparkConf): ConfFacts {
  return {
    dynamicAllocation: c.dynamicAllocationEnabled,
    initialExecutors: c.dynamicAllocationEnabled ? c.initialExecutors : (c.executorInstances ?? DEFAULT_STATIC_EXECUTORS),
    schedulerBacklogTimeoutMs: c.schedulerBacklogTimeoutMs,
    minRegisteredResourcesRatio: c.minRegisteredResourcesRatio,
    maxRegisteredResourcesWaitingTimeMs: c.maxRegisteredResourcesWaitingTimeMs,
  };
}
