import { safeParseConf } from "../../sim/conf/parseConf.js";
import { executorFootprint, type ExecutorFootprint } from "../../sim/spark/NodeResources.js";
import type { SparkConf } from "../../sim/conf/SparkConf.js";
import { DEFAULT_STATIC_EXECUTORS } from "../../sim/spark/SparkApplication.js";
import type { SparkVersion } from "../../sim/conf/SparkVersion.js";

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
  // A corrupt 0 is no executor shape (decoding already refused negative and fractional counts).
  const logged = executorCores.filter((c) => c > 0);
  if (conf["spark.executor.cores"] === undefined && logged.length > 0) {
    const cores = mostCommon(logged);
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

/** `SparkMasterRegex.LOCAL_CLUSTER_REGEX`: `local-cluster[workers, coresPerWorker, memoryPerWorkerMb]`. */
const LOCAL_CLUSTER = /^local-cluster\[\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)\s*\]$/;

/** The workers of a `local-cluster[N, cores, memory]` master: N nodes of those cores and MiB. */
export function localClusterWorkers(master: string | undefined): { count: number; cores: number; memoryMiB: number } | undefined {
  const m = LOCAL_CLUSTER.exec((master ?? "").trim());
  return m === null ? undefined : { count: Number(m[1]), cores: Number(m[2]), memoryMiB: Number(m[3]) };
}

/** The executors a static log shows: alive when its first job started, and the most alive at once. */
export interface StaticExecutorCounts {
  readonly aliveAtFirstJob: number;
  readonly peak: number;
}

/**
 * `spark.executor.instances` for a log that ran without dynamic allocation and does not set
 * it. Spark's default of 2 (`DEFAULT_STATIC_EXECUTORS`) is what YARN and Kubernetes request;
 * a standalone or Mesos master gives the application an executor on every worker with room
 * (up to spark.cores.max), and `local-cluster[N,...]` starts one on each of its N workers. So
 * for those the count that really ran is simulated: N, else the executors alive when the
 * first job started, else the most alive at once. Undefined when nothing is to be set (an
 * unlogged master keeps Spark's default: the cluster manager is not known).
 */
export function staticExecutorInstances(
  conf: Readonly<Record<string, string>>,
  dynamicAllocation: boolean,
  executors: StaticExecutorCounts,
): { instances: number; message: string } | undefined {
  const master = conf["spark.master"];
  if (conf["spark.executor.instances"] !== undefined || dynamicAllocation || master === undefined) return undefined;
  if (isLocalMaster(master) || master.startsWith("yarn") || master.startsWith("k8s://")) return undefined;
  const why = "spark.executor.instances is not in the logged properties and dynamic allocation is off";
  const notDefault = `not Spark's YARN/Kubernetes default of ${DEFAULT_STATIC_EXECUTORS}`;
  const local = localClusterWorkers(master);
  if (local !== undefined) {
    const n = local.count;
    return { instances: n, message: `${why}: set to ${n}, the workers of spark.master=${master} (one executor each), ${notDefault}` };
  }
  if (executors.aliveAtFirstJob > 0) {
    const n = executors.aliveAtFirstJob;
    return {
      instances: n,
      message: `${why}: set to ${n}, the executors registered when the first job started (a non-YARN, non-Kubernetes master gives the application what its workers have room for, ${notDefault})`,
    };
  }
  if (executors.peak > 0) {
    const n = executors.peak;
    return {
      instances: n,
      message: `${why}: set to ${n}, the most executors alive at once (none had registered when the first job started; a non-YARN, non-Kubernetes master gives the application what its workers have room for, ${notDefault})`,
    };
  }
  return undefined;
}

/** What the estimates need from the conf, read the way the engine will read it. */
export interface ConfFacts {
  readonly dynamicAllocation: boolean;
  /** Executors requested at start: DRA's max(min, initial, instances), else instances or Spark's static default. */
  readonly initialExecutors: number;
  readonly schedulerBacklogTimeoutMs: number;
  readonly minRegisteredResourcesRatio: number;
  readonly maxRegisteredResourcesWaitingTimeMs: number;
  readonly minExecutors: number;
  readonly maxExecutors: number;
  readonly executorIdleTimeoutMs: number;
  readonly tasksPerExecutor: number;
  readonly yarnHeartbeatIntervalMs: number;
  readonly yarnInitialAllocationIntervalMs: number;
  /** One executor as the standalone Master sizes it (cores, heap, GPUs). */
  readonly standaloneFootprint: ExecutorFootprint;
}

/**
 * Reads the conf with the model's parser. Values Spark could not read are left out here
 * (with a message) so the estimates can still be made; the simulation itself will then
 * refuse the conf with Spark's own error, as Spark would have.
 */
export function confFacts(conf: Readonly<Record<string, string>>, v: SparkVersion): { facts: ConfFacts; messages: string[] } {
  const messages: string[] = [];
  let parsed = safeParseConf(conf, v);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const bad = new Set(issues.map((i) => i.key));
    for (const i of issues) messages.push(`${i.key}=${i.value} cannot be read (${i.message}); the estimates use Spark's default for it`);
    parsed = safeParseConf(Object.fromEntries(Object.entries(conf).filter(([k]) => !bad.has(k))), v);
    if (!parsed.success) throw new Error(`internal: conf still unreadable without ${[...bad].join(", ")}`);
  }
  return { facts: factsOf(parsed.data.conf), messages };
}

function factsOf(c: SparkConf): ConfFacts {
  return {
    dynamicAllocation: c.dynamicAllocationEnabled,
    initialExecutors: c.dynamicAllocationEnabled ? c.initialExecutors : (c.executorInstances ?? DEFAULT_STATIC_EXECUTORS),
    schedulerBacklogTimeoutMs: c.schedulerBacklogTimeoutMs,
    minRegisteredResourcesRatio: c.minRegisteredResourcesRatio,
    maxRegisteredResourcesWaitingTimeMs: c.maxRegisteredResourcesWaitingTimeMs,
    minExecutors: c.minExecutors,
    maxExecutors: c.maxExecutors,
    executorIdleTimeoutMs: c.executorIdleTimeoutMs,
    tasksPerExecutor: c.tasksPerExecutor,
    yarnHeartbeatIntervalMs: c.yarnHeartbeatIntervalMs,
    yarnInitialAllocationIntervalMs: c.yarnInitialAllocationIntervalMs,
    standaloneFootprint: executorFootprint(c, "standalone"),
  };
}
