import { versionFeatures, type SparkVersion } from "./SparkVersion.js";
import { CONF_ENTRIES, CONF_ENTRY_BY_KEY, type ConfEntry, type ConfValue } from "./registry.js";
import type { SparkConf } from "./SparkConf.js";
import { parseBoolean, parseDouble, parseInt32, parseMebibytes, parseTimeAs, type Parsed } from "./values.js";
import { editDistance } from "./editDistance.js";

/** A value Spark cannot read: the exception it would throw when it reads the key. */
export interface ConfIssue {
  readonly key: string;
  readonly value: string;
  /** Spark's exception class, as it would print. */
  readonly exception: "java.lang.IllegalArgumentException" | "java.lang.NumberFormatException";
  readonly message: string;
}

export type ParseConfResult =
  | { readonly ok: true; readonly conf: SparkConf; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly issues: readonly ConfIssue[]; readonly warnings: readonly string[] };

function parseValue(entry: ConfEntry, text: string): Parsed<number | boolean> & { exception?: ConfIssue["exception"] } {
  switch (entry.type) {
    case "boolean":
      return parseBoolean(entry.key, text);
    case "int":
      return parseInt32(entry.key, text);
    case "double":
      return parseDouble(entry.key, text);
    case "seconds": {
      const r = parseTimeAs(text, "s");
      return r.ok ? { ok: true, value: r.value * 1000 } : { ...r, exception: "java.lang.NumberFormatException" };
    }
    case "milliseconds": {
      const r = parseTimeAs(text, "ms");
      return r.ok ? r : { ...r, exception: "java.lang.NumberFormatException" };
    }
    case "mebibytes": {
      const r = parseMebibytes(text);
      return r.ok ? r : { ...r, exception: "java.lang.NumberFormatException" };
    }
  }
}

/** Defaults of "seconds" entries are in seconds; values are carried in ms from here on. */
function defaultInUnit(entry: ConfEntry, value: ConfValue): ConfValue {
  if (entry.type === "seconds" && typeof value === "number") return value * 1000;
  return value;
}

/**
 * Second parts of Spark's property names (spark.<part>.*) outside the registry's: a key under
 * one of these is a real Spark key the model does not read (spark.yarn.executor.memoryOverheadFactor),
 * not a typo. Keys under the registry's own parts, or under a part Spark does not have
 * (spark.executorr.cores), are compared with the registry for a did-you-mean.
 */
const OTHER_SPARK_NAMESPACES = new Set(
  ("app archives authenticate barrier blacklist block broadcast buffer checkpoint cleaner closure core cores default deploy driver eventLog " +
    "excludeOnFailure extraListeners files graphx hadoop history io jars kryo kryoserializer local locality log logConf master memory metrics " +
    "network plugins port pyspark python r rdd redaction reducer resources rpc scheduler serializer sql ssl stage standalone storage " +
    "streaming submit task ui unsafe worker yarn").split(" "),
);

/** Whether an unknown key is worth a did-you-mean (see OTHER_SPARK_NAMESPACES). */
function mayBeTypo(key: string): boolean {
  if (!key.startsWith("spark.")) return false;
  if (key.startsWith(DRA_PREFIX) || key.startsWith("spark.executor.") || key.startsWith("spark.shuffle.") || key.startsWith("spark.kubernetes.allocation.")) return true;
  const part = key.split(".")[1] ?? "";
  return part !== "kubernetes" && !OTHER_SPARK_NAMESPACES.has(part);
}

const DRA_PREFIX = "spark.dynamicAllocation.";

/** How many unknown spark.* keys one conf has checked for typos. */
const MAX_TYPO_CHECKS = 200;

export function suggestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const entry of CONF_ENTRIES) {
    const d = editDistance(key.toLowerCase(), entry.key.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = entry.key;
    }
  }
  return bestDistance <= Math.max(3, Math.floor(key.length / 8)) ? best : undefined;
}

/**
 * Reads every registered key from `raw` the way Spark would. Conversion failures and
 * `checkValue` failures are issues (Spark throws when it reads them). Keys of dynamic
 * allocation are read only when it is on, as in Spark; otherwise their problems are warnings.
 * Unknown keys are kept in `raw`; a misspelt `spark.dynamicAllocation.*` key gets a warning.
 */
export function parseConf(raw: Readonly<Record<string, string>>, version: SparkVersion): ParseConfResult {
  const features = versionFeatures(version);
  const issues: ConfIssue[] = [];
  const warnings: string[] = [];

  const draEnabledText = raw["spark.dynamicAllocation.enabled"];
  const draEnabledParsed = draEnabledText === undefined ? undefined : parseBoolean("spark.dynamicAllocation.enabled", draEnabledText);
  const draEnabled = draEnabledParsed?.ok === true ? draEnabledParsed.value : false;

  const values = new Map<string, ConfValue>();
  const read = (entry: ConfEntry): ConfValue => {
    if (values.has(entry.key)) return values.get(entry.key);
    const text = raw[entry.key];
    let value: ConfValue;
    if (text === undefined) {
      value =
        entry.fallbackKey !== undefined
          ? read(CONF_ENTRY_BY_KEY.get(entry.fallbackKey)!)
          : defaultInUnit(entry, entry.defaultValue(features));
    } else {
      const parsed = parseValue(entry, text);
      const lenient = entry.dynamicAllocationOnly && !draEnabled;
      if (!parsed.ok) {
        const issue: ConfIssue = {
          key: entry.key,
          value: text,
          exception: parsed.exception ?? "java.lang.IllegalArgumentException",
          message: parsed.message,
        };
        if (lenient) warnings.push(`${entry.key}=${text} is not valid (${parsed.message}); Spark ignores it because dynamic allocation is off`);
        else issues.push(issue);
        value = defaultInUnit(entry, entry.defaultValue(features));
      } else {
        value = parsed.value;
        const check = typeof entry.check === "function" ? entry.check(features) : entry.check;
        if (check !== undefined && typeof value === "number") {
          // Spark checks the value in the key's own unit.
          const shown = entry.type === "seconds" ? value / 1000 : value;
          if (!check.valid(value)) {
            const message = `'${shown}' in ${entry.key} is invalid. ${check.message}`;
            if (lenient) warnings.push(`${message} (ignored by Spark because dynamic allocation is off)`);
            else issues.push({ key: entry.key, value: text, exception: "java.lang.IllegalArgumentException", message });
          }
        }
      }
    }
    values.set(entry.key, value);
    return value;
  };
  for (const entry of CONF_ENTRIES) read(entry);

  // A near miss of a key the model reads is most likely a typo Spark would silently ignore.
  // spark.executorr.cores is as much a typo as spark.executor.corse. Only the
  // first MAX_TYPO_CHECKS unknown keys are compared (each against every registered key).
  const unknown = Object.keys(raw).filter((k) => !CONF_ENTRY_BY_KEY.has(k) && mayBeTypo(k)).sort();
  for (const key of unknown.slice(0, MAX_TYPO_CHECKS)) {
    const suggestion = suggestKey(key);
    if (suggestion !== undefined) warnings.push(`${key} is not a key Spark knows here; did you mean ${suggestion}? (Spark ignores unknown keys)`);
  }
  if (unknown.length > MAX_TYPO_CHECKS) warnings.push(`${unknown.length - MAX_TYPO_CHECKS} more spark.* keys the model does not read were not checked for typos`);

  const num = (key: string): number => values.get(key) as number;
  const bool = (key: string): boolean => values.get(key) as boolean;
  const optNum = (key: string): number | undefined => values.get(key) as number | undefined;

  const minExecutors = num("spark.dynamicAllocation.minExecutors");
  const initialSetting = num("spark.dynamicAllocation.initialExecutors");
  const instances = optNum("spark.executor.instances");
  if (draEnabled) {
    // Utils.getDynamicAllocationInitialExecutors logs these and changes nothing.
    if (initialSetting < minExecutors) {
      warnings.push(
        `spark.dynamicAllocation.initialExecutors less than spark.dynamicAllocation.minExecutors is invalid, ignoring its setting, please update your configs.`,
      );
    }
    if (instances !== undefined && instances < minExecutors) {
      warnings.push(
        `spark.executor.instances less than spark.dynamicAllocation.minExecutors is invalid, ignoring its setting, please update your configs.`,
      );
    }
  }
  const initialExecutors = Math.max(minExecutors, initialSetting, instances ?? 0);

  const executorCores = num("spark.executor.cores");
  const taskCpus = num("spark.task.cpus");
  const memoryMiB = num("spark.executor.memory");
  const overheadSetting = optNum("spark.executor.memoryOverhead");
  const overheadMiB = overheadSetting ?? Math.max(384, Math.floor(num("spark.executor.memoryOverheadFactor") * memoryMiB));
  const shuffleServiceEnabled = bool("spark.shuffle.service.enabled");
  const trackingSetting = bool("spark.dynamicAllocation.shuffleTracking.enabled");

  if (bool("spark.speculation")) {
    warnings.push("spark.speculation=true: speculative task copies are not modelled; demand counts original tasks only");
  }
  if (shuffleServiceEnabled && bool("spark.shuffle.service.fetch.rdd.enabled")) {
    warnings.push("spark.shuffle.service.fetch.rdd.enabled=true: cached blocks are modelled as memory-only (RDD.cache()), so this key changes nothing here");
  }
  if (draEnabled && bool("spark.decommission.enabled")) {
    warnings.push("spark.decommission.enabled=true: decommissioning is not modelled; scaled-down executors are killed instead");
  }

  if (issues.length > 0) return { ok: false, issues, warnings };

  const conf: SparkConf = {
    sparkVersion: version,
    features,
    dynamicAllocationEnabled: draEnabled,
    testing: bool("spark.dynamicAllocation.testing"),
    minExecutors,
    maxExecutors: num("spark.dynamicAllocation.maxExecutors"),
    initialExecutorsSetting: initialSetting,
    initialExecutors,
    executorAllocationRatio: num("spark.dynamicAllocation.executorAllocationRatio"),
    executorIdleTimeoutMs: num("spark.dynamicAllocation.executorIdleTimeout"),
    cachedExecutorIdleTimeoutMs: num("spark.dynamicAllocation.cachedExecutorIdleTimeout"),
    shuffleTrackingEnabledSetting: trackingSetting,
    shuffleTrackingActive: trackingSetting && !shuffleServiceEnabled,
    shuffleTrackingTimeoutMs: num("spark.dynamicAllocation.shuffleTracking.timeout"),
    schedulerBacklogTimeoutMs: num("spark.dynamicAllocation.schedulerBacklogTimeout"),
    sustainedSchedulerBacklogTimeoutMs: num("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout"),
    executorCores,
    taskCpus,
    tasksPerExecutor: taskCpus > 0 ? Math.floor(executorCores / taskCpus) : 0,
    executorInstances: instances,
    executorMemoryMiB: memoryMiB,
    executorContainerMemoryMiB: memoryMiB + overheadMiB,
    shuffleServiceEnabled,
    shuffleServiceFetchRddEnabled: bool("spark.shuffle.service.fetch.rdd.enabled"),
    cleanerPeriodicGcIntervalMs: num("spark.cleaner.periodicGC.interval"),
    cleanerReferenceTracking: bool("spark.cleaner.referenceTracking"),
    speculation: bool("spark.speculation"),
    taskMaxFailures: num("spark.task.maxFailures"),
    minRegisteredResourcesRatio: Math.min(1, num("spark.scheduler.minRegisteredResourcesRatio")),
    maxRegisteredResourcesWaitingTimeMs: num("spark.scheduler.maxRegisteredResourcesWaitingTime"),
    decommissionEnabled: bool("spark.decommission.enabled"),
    storageDecommissionShuffleBlocksEnabled: bool("spark.storage.decommission.shuffleBlocks.enabled"),
    kubernetesAllocationBatchSize: num("spark.kubernetes.allocation.batch.size"),
    kubernetesAllocationBatchDelayMs: num("spark.kubernetes.allocation.batch.delay"),
    kubernetesMaxPendingPods: num("spark.kubernetes.allocation.maxPendingPods"),
    yarnHeartbeatIntervalMs: num("spark.yarn.scheduler.heartbeat.interval-ms"),
    yarnInitialAllocationIntervalMs: num("spark.yarn.scheduler.initial-allocation.interval"),
    raw: Object.freeze({ ...raw }),
  };
  return { ok: true, conf: Object.freeze(conf), warnings };
}
