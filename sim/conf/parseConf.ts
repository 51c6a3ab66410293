import type { SparkVersion, VersionFeatures } from "./SparkVersion.js";
import { CONF_ENTRIES, CONF_ENTRY_BY_KEY, config, type ConfigEntry, type ConfValue } from "./registry.js";
import type { LocalityConf, SparkConf } from "./SparkConf.js";
import { decommissionSettings } from "./decommissionEntries.js";
import { SparkConfigError } from "./SparkConfigError.js";
import { unwrap, type SafeParseResult } from "../errors.js";
import type { ConfException } from "./syntax.js";
import { CONF_KEYS, suggest } from "../text/didYouMean.js";

/** A value Spark cannot read: the exception it would throw when it reads the key. */
export interface ConfIssue {
  readonly key: string;
  readonly value: string;
  /** Spark's exception class, as it would print. */
  readonly exception: ConfException;
  readonly message: string;
}

/** A conf Spark can read: the resolved values, and what it would warn about. */
export interface ParsedConf {
  readonly conf: SparkConf;
  readonly warnings: readonly string[];
}

export type ParseConfResult = SafeParseResult<ParsedConf, SparkConfigError>;

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
  if (key.startsWith("spark.dynamicAllocation.") || key.startsWith("spark.executor.") || key.startsWith("spark.shuffle.") || key.startsWith("spark.kubernetes.allocation.")) return true;
  const part = key.split(".")[1] ?? "";
  return part !== "kubernetes" && !OTHER_SPARK_NAMESPACES.has(part);
}

/** How many unknown spark.* keys one conf has checked for typos. */
const MAX_TYPO_CHECKS = 200;

const CONF_KEY_NAMES: readonly string[] = CONF_ENTRIES.map((e) => e.key);

export function suggestKey(key: string): string | undefined {
  return suggest(key, CONF_KEY_NAMES, CONF_KEYS);
}

/**
 * A near miss of a key the model reads is most likely a typo Spark would silently ignore.
 * spark.executorr.cores is as much a typo as spark.executor.corse. Only the first
 * MAX_TYPO_CHECKS unknown keys are compared (each against every registered key).
 */
function typoWarnings(raw: Readonly<Record<string, string>>): string[] {
  const warnings: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !CONF_ENTRY_BY_KEY.has(k) && mayBeTypo(k)).sort();
  for (const key of unknown.slice(0, MAX_TYPO_CHECKS)) {
    const suggestion = suggestKey(key);
    if (suggestion !== undefined) warnings.push(`${key} is not a key Spark knows here; did you mean ${suggestion}? (Spark ignores unknown keys)`);
  }
  if (unknown.length > MAX_TYPO_CHECKS) warnings.push(`${unknown.length - MAX_TYPO_CHECKS} more spark.* keys the model does not read were not checked for typos`);
  return warnings;
}

interface ReadContext {
  readonly raw: Readonly<Record<string, string>>;
  readonly features: VersionFeatures;
  readonly draEnabled: boolean;
  /** Where the value's problems go; absent when they were reported already. */
  readonly problems?: { readonly issues: ConfIssue[]; readonly warnings: string[] };
}

/** The value of an unset key, or of one Spark cannot read: the default, or the fallback key's value. */
function defaultOf<T extends ConfValue>(entry: ConfigEntry<T>, context: ReadContext): T {
  // The fallback key comes first in the registry, so its problems are reported already.
  if (entry.fallback !== undefined) return readEntry(entry.fallback, { raw: context.raw, features: context.features, draEnabled: context.draEnabled });
  return entry.defaultValue(context.features);
}

/**
 * One key read as Spark reads it: its syntax, then its `checkValue`. A dynamic allocation key
 * read while dynamic allocation is off only warns (Spark never reads it).
 */
function readEntry<T extends ConfValue>(entry: ConfigEntry<T>, context: ReadContext): T {
  const text = context.raw[entry.key];
  if (text === undefined) return defaultOf(entry, context);
  const problems = context.problems;
  const lenient = entry.dynamicAllocationOnly && !context.draEnabled;
  const parsed = entry.syntax.parse(entry.key, text);
  if (!parsed.ok) {
    if (lenient) problems?.warnings.push(`${entry.key}=${text} is not valid (${parsed.message}); Spark ignores it because dynamic allocation is off`);
    else problems?.issues.push({ key: entry.key, value: text, exception: parsed.exception, message: parsed.message });
    return defaultOf(entry, context);
  }
  const value = parsed.value;
  const check = typeof entry.check === "function" ? entry.check(context.features) : entry.check;
  if (problems !== undefined && check !== undefined && typeof value === "number" && !check.valid(value)) {
    // Spark checks the value in the key's own unit.
    const message = `'${entry.syntax.inKeyUnit(value)}' in ${entry.key} is invalid. ${check.message}`;
    if (lenient) problems.warnings.push(`${message} (ignored by Spark because dynamic allocation is off)`);
    else problems.issues.push({ key: entry.key, value: text, exception: "java.lang.IllegalArgumentException", message });
  }
  return value;
}

/**
 * Reads every registered key from `raw` the way Spark would. Conversion failures and
 * `checkValue` failures are issues (Spark throws when it reads them). Keys of dynamic
 * allocation are read only when it is on, as in Spark; otherwise their problems are warnings.
 * Unknown keys are kept in `raw`; a misspelt `spark.dynamicAllocation.*` key gets a warning.
 */
export function safeParseConf(raw: Readonly<Record<string, string>>, version: SparkVersion): ParseConfResult {
  const issues: ConfIssue[] = [];
  const warnings: string[] = [];
  const features = version.features;
  const draEnabled = readEntry(config.DYN_ALLOCATION_ENABLED, { raw, features, draEnabled: false });
  const context: ReadContext = { raw, features, draEnabled };
  // One context for the loop: a spread per entry made parseConf 7x slower (45 us, not 6 us, per conf).
  const reporting: ReadContext = { raw, features, draEnabled, problems: { issues, warnings } };
  for (const entry of CONF_ENTRIES) readEntry(entry, reporting);
  // Each entry's problems were reported by the loop above.
  const get: Read = (entry) => readEntry(entry, context);
  warnings.push(...typoWarnings(raw), ...settingWarnings(get, draEnabled, features));
  if (issues.length > 0) return { success: false, error: new SparkConfigError(issues, []) };
  return { success: true, data: { conf: resolvedConf(get, raw, version, draEnabled), warnings } };
}

/** `safeParseConf`, throwing its `SparkConfigError` (the values Spark cannot read, as Spark words them). */
export function parseConf(raw: Readonly<Record<string, string>>, version: SparkVersion): ParsedConf {
  return unwrap(safeParseConf(raw, version));
}

/** An entry's value, read as `safeParseConf` reads it. */
type Read = <T extends ConfValue>(entry: ConfigEntry<T>) => T;

/** What Spark logs about settings it reads, and settings the model reads but does not act on. */
function settingWarnings(get: Read, draEnabled: boolean, features: VersionFeatures): string[] {
  const warnings: string[] = [];
  const minExecutors = get(config.DYN_ALLOCATION_MIN_EXECUTORS);
  const instances = get(config.EXECUTOR_INSTANCES);
  if (draEnabled) {
    // Utils.getDynamicAllocationInitialExecutors logs these and changes nothing.
    if (get(config.DYN_ALLOCATION_INITIAL_EXECUTORS) < minExecutors) {
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
  if (get(config.SPECULATION_ENABLED)) {
    warnings.push("spark.speculation=true: speculative task copies are not modelled; demand counts original tasks only");
  }
  if (get(config.SHUFFLE_SERVICE_ENABLED) && get(config.SHUFFLE_SERVICE_FETCH_RDD_ENABLED)) {
    warnings.push("spark.shuffle.service.fetch.rdd.enabled=true: cached blocks are modelled as memory-only (RDD.cache()), so this key changes nothing here");
  }
  if (get(config.DECOMMISSION_ENABLED) && !features.executorDecommission) {
    warnings.push("spark.decommission.enabled=true: Spark 3.0 has no executor decommissioning (3.1+); executors are killed");
  }
  return warnings;
}

/** The frozen conf the model runs with: every entry's value, and the values derived from several. */
function resolvedConf(get: Read, raw: Readonly<Record<string, string>>, version: SparkVersion, draEnabled: boolean): SparkConf {
  const minExecutors = get(config.DYN_ALLOCATION_MIN_EXECUTORS);
  const initialSetting = get(config.DYN_ALLOCATION_INITIAL_EXECUTORS);
  const instances = get(config.EXECUTOR_INSTANCES);
  const executorCores = get(config.EXECUTOR_CORES);
  const taskCpus = get(config.CPUS_PER_TASK);
  const memoryMiB = get(config.EXECUTOR_MEMORY);
  const overheadMiB = get(config.EXECUTOR_MEMORY_OVERHEAD) ?? Math.max(384, Math.floor(get(config.EXECUTOR_MEMORY_OVERHEAD_FACTOR) * memoryMiB));
  const shuffleServiceEnabled = get(config.SHUFFLE_SERVICE_ENABLED);
  const trackingSetting = get(config.DYN_ALLOCATION_SHUFFLE_TRACKING_ENABLED);
  const conf: SparkConf = {
    sparkVersion: version,
    features: version.features,
    dynamicAllocationEnabled: draEnabled,
    testing: get(config.DYN_ALLOCATION_TESTING),
    minExecutors,
    maxExecutors: get(config.DYN_ALLOCATION_MAX_EXECUTORS),
    initialExecutorsSetting: initialSetting,
    initialExecutors: Math.max(minExecutors, initialSetting, instances ?? 0),
    executorAllocationRatio: get(config.DYN_ALLOCATION_EXECUTOR_ALLOCATION_RATIO),
    executorIdleTimeoutMs: get(config.DYN_ALLOCATION_EXECUTOR_IDLE_TIMEOUT),
    cachedExecutorIdleTimeoutMs: get(config.DYN_ALLOCATION_CACHED_EXECUTOR_IDLE_TIMEOUT),
    shuffleTrackingEnabledSetting: trackingSetting,
    shuffleTrackingActive: trackingSetting && !shuffleServiceEnabled,
    shuffleTrackingTimeoutMs: get(config.DYN_ALLOCATION_SHUFFLE_TRACKING_TIMEOUT),
    schedulerBacklogTimeoutMs: get(config.DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT),
    sustainedSchedulerBacklogTimeoutMs: get(config.DYN_ALLOCATION_SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT),
    executorCores,
    taskCpus,
    tasksPerExecutor: taskCpus > 0 ? Math.floor(executorCores / taskCpus) : 0,
    executorInstances: instances,
    executorMemoryMiB: memoryMiB,
    executorContainerMemoryMiB: memoryMiB + overheadMiB,
    shuffleServiceEnabled,
    shuffleServiceFetchRddEnabled: get(config.SHUFFLE_SERVICE_FETCH_RDD_ENABLED),
    cleanerPeriodicGcIntervalMs: get(config.CLEANER_PERIODIC_GC_INTERVAL),
    cleanerReferenceTracking: get(config.CLEANER_REFERENCE_TRACKING),
    speculation: get(config.SPECULATION_ENABLED),
    taskMaxFailures: get(config.TASK_MAX_FAILURES),
    minRegisteredResourcesRatio: Math.min(1, get(config.SCHEDULER_MIN_REGISTERED_RESOURCES_RATIO)),
    maxRegisteredResourcesWaitingTimeMs: get(config.SCHEDULER_MAX_REGISTERED_RESOURCE_WAITING_TIME),
    decommissionEnabled: get(config.DECOMMISSION_ENABLED),
    storageDecommissionShuffleBlocksEnabled: get(config.STORAGE_DECOMMISSION_SHUFFLE_BLOCKS_ENABLED),
    decommission: Object.freeze(decommissionSettings(get, version.features)),
    kubernetesAllocationBatchSize: get(config.KUBERNETES_ALLOCATION_BATCH_SIZE),
    kubernetesAllocationBatchDelayMs: get(config.KUBERNETES_ALLOCATION_BATCH_DELAY),
    kubernetesMaxPendingPods: get(config.KUBERNETES_MAX_PENDING_PODS),
    kubernetesDeleteGracePeriodMs: get(config.KUBERNETES_DYN_ALLOC_KILL_GRACE_PERIOD),
    executorGpus: get(config.EXECUTOR_GPU_AMOUNT),
    coresMax: get(config.CORES_MAX),
    yarnHeartbeatIntervalMs: get(config.RM_HEARTBEAT_INTERVAL),
    yarnInitialAllocationIntervalMs: get(config.INITIAL_HEARTBEAT_INTERVAL),
    locality: localityConf(get, version.features),
    raw: Object.freeze({ ...raw }),
  };
  return Object.freeze(conf);
}

function localityConf(get: Read, features: VersionFeatures): LocalityConf {
  return Object.freeze({
    processWaitMs: get(config.LOCALITY_WAIT_PROCESS),
    nodeWaitMs: get(config.LOCALITY_WAIT_NODE),
    rackWaitMs: get(config.LOCALITY_WAIT_RACK),
    legacyResetOnTaskLaunch: !features.delaySchedulingResetOnNoRejects || get(config.LEGACY_LOCALITY_WAIT_RESET),
    shiftToNewLevelOnRecompute: features.delaySchedulingResetOnNoRejects,
    reviveIntervalMs: get(config.SCHEDULER_REVIVE_INTERVAL),
    shuffleReduceLocalityEnabled: get(config.SHUFFLE_REDUCE_LOCALITY_ENABLE),
  });
}
