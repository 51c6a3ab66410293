import { draEntry, entry, fallbackEntry, type ConfEntry } from "./ConfigEntry.js";
import { DECOMMISSION_ENTRIES } from "./decommissionEntries.js";
import { LOCALITY_CONFIG } from "./localityEntries.js";
import { BOOLEAN, DOUBLE, INT, MEBIBYTES, MILLISECONDS, SECONDS } from "./syntax.js";

export type { ConfValueType } from "./syntax.js";
export type { ConfCheck, ConfEntry, ConfigEntry, ConfValue } from "./ConfigEntry.js";

const TIMEOUT_CHECK = { valid: (v: number) => v >= 0, message: "Timeout must be >= 0." };
/** Int.MaxValue: no practical bound. */
const INT_MAX = 2147483647;

const DYN_ALLOCATION_MIN_EXECUTORS = draEntry({
  key: "spark.dynamicAllocation.minExecutors",
  syntax: INT,
  default: 0,
  since: "1.2.0",
  doc: "Lower bound on the number of executors.",
});

const DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT = draEntry({
  key: "spark.dynamicAllocation.schedulerBacklogTimeout",
  syntax: SECONDS,
  default: 1000,
  since: "1.2.0",
  doc: "Backlog duration before the first executor request.",
});

/**
 * Every Spark configuration key the model reads, declared once as a typed entry (as Spark's
 * `internal/config/package.scala` does): value syntax, default per version, fallback entry,
 * the `checkValue` condition with Spark's message, and the release that introduced the key.
 * Code reads a key through its entry (`config.DYN_ALLOCATION_MAX_EXECUTORS`), so a misspelt
 * key or a value of the wrong type does not compile. Keys, `since` versions and defaults as
 * Spark 3.5.7's own `ConfigEntry.findEntry(key)` reports them (the model's time unit is ms).
 * Listed in the order Spark's problems are reported.
 */
export const config = {
  DYN_ALLOCATION_ENABLED: entry({
    key: "spark.dynamicAllocation.enabled",
    syntax: BOOLEAN,
    default: false,
    since: "1.2.0",
    doc: "Scale the number of executors with the workload.",
  }),
  DYN_ALLOCATION_TESTING: draEntry({
    key: "spark.dynamicAllocation.testing",
    syntax: BOOLEAN,
    default: false,
    since: "1.2.0",
    doc: "Internal: skips the shuffle-data requirement check.",
  }),
  DYN_ALLOCATION_MIN_EXECUTORS,
  DYN_ALLOCATION_MAX_EXECUTORS: draEntry({
    key: "spark.dynamicAllocation.maxExecutors",
    syntax: INT,
    default: INT_MAX,
    since: "1.2.0",
    doc: "Upper bound on the number of executors.",
  }),
  DYN_ALLOCATION_INITIAL_EXECUTORS: fallbackEntry(
    {
      key: "spark.dynamicAllocation.initialExecutors",
      syntax: INT,
      since: "1.3.0",
      doc: "Executors requested at start; effective value is max(initial, min, spark.executor.instances).",
    },
    DYN_ALLOCATION_MIN_EXECUTORS,
  ),
  DYN_ALLOCATION_EXECUTOR_ALLOCATION_RATIO: draEntry({
    key: "spark.dynamicAllocation.executorAllocationRatio",
    syntax: DOUBLE,
    default: 1.0,
    since: "2.4.0",
    doc: "Fraction of full parallelism to request executors for, in (0, 1].",
  }),
  DYN_ALLOCATION_EXECUTOR_IDLE_TIMEOUT: draEntry({
    key: "spark.dynamicAllocation.executorIdleTimeout",
    syntax: SECONDS,
    default: 60_000,
    check: TIMEOUT_CHECK,
    since: "1.2.0",
    doc: "Idle time after which an executor without cached or shuffle data is removed.",
  }),
  DYN_ALLOCATION_CACHED_EXECUTOR_IDLE_TIMEOUT: draEntry({
    key: "spark.dynamicAllocation.cachedExecutorIdleTimeout",
    syntax: SECONDS,
    // Integer.MAX_VALUE seconds: never.
    default: Infinity,
    check: TIMEOUT_CHECK,
    since: "1.4.0",
    doc: "Idle time after which an executor holding cached blocks is removed.",
  }),
  DYN_ALLOCATION_SHUFFLE_TRACKING_ENABLED: draEntry({
    key: "spark.dynamicAllocation.shuffleTracking.enabled",
    syntax: BOOLEAN,
    default: (f) => f.shuffleTrackingDefault,
    since: "3.0.0",
    doc: "Track shuffle data on executors so DRA works without an external shuffle service (default true from 3.4).",
  }),
  DYN_ALLOCATION_SHUFFLE_TRACKING_TIMEOUT: draEntry({
    key: "spark.dynamicAllocation.shuffleTracking.timeout",
    syntax: MILLISECONDS,
    // Long.MaxValue ms: rely on the ContextCleaner.
    default: Infinity,
    check: TIMEOUT_CHECK,
    since: "3.0.0",
    doc: "Idle time after which an executor holding inactive shuffle data is removed.",
  }),
  DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT,
  DYN_ALLOCATION_SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT: fallbackEntry(
    {
      key: "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout",
      syntax: SECONDS,
      since: "1.2.0",
      doc: "Backlog duration between subsequent (doubling) requests.",
    },
    DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT,
  ),
  EXECUTOR_CORES: entry({ key: "spark.executor.cores", syntax: INT, default: 1, since: "1.0.0", doc: "Cores per executor." }),
  CPUS_PER_TASK: entry({
    key: "spark.task.cpus",
    syntax: INT,
    default: 1,
    since: "0.5.0",
    doc: "Cores per task; task slots per executor = floor(executor cores / task cpus).",
  }),
  EXECUTOR_INSTANCES: entry<number | undefined>({
    key: "spark.executor.instances",
    syntax: INT,
    default: undefined,
    since: "1.0.0",
    doc: "Static executor count (2 when unset and DRA is off); with DRA it raises the initial count.",
  }),
  EXECUTOR_MEMORY: entry({ key: "spark.executor.memory", syntax: MEBIBYTES, default: 1024, since: "0.7.0", doc: "Executor heap; used for memory cost." }),
  EXECUTOR_MEMORY_OVERHEAD: entry<number | undefined>({
    key: "spark.executor.memoryOverhead",
    syntax: MEBIBYTES,
    default: undefined,
    since: "2.3.0",
    doc: "Non-heap memory per executor; unset means max(384 MiB, memoryOverheadFactor x memory).",
  }),
  EXECUTOR_MEMORY_OVERHEAD_FACTOR: entry({
    key: "spark.executor.memoryOverheadFactor",
    syntax: DOUBLE,
    default: 0.1,
    since: "3.3.0",
    doc: "Fraction of executor memory added as overhead when memoryOverhead is unset.",
  }),
  EXECUTOR_GPU_AMOUNT: entry({
    key: "spark.executor.resource.gpu.amount",
    syntax: INT,
    default: 0,
    check: { valid: (v) => v >= 0, message: "GPUs per executor must be >= 0" },
    since: "3.0.0",
    doc: "GPUs per executor: with cluster.nodes' gpus, how many executors fit on a node.",
  }),
  CORES_MAX: entry<number | undefined>({
    key: "spark.cores.max",
    syntax: INT,
    default: undefined,
    check: { valid: (v) => v > 0, message: "spark.cores.max must be a positive number of cores" },
    since: "1.0.0",
    doc: "Standalone: cores the Master gives the application in all (cluster.manager: standalone); unset: no limit.",
  }),
  SHUFFLE_SERVICE_ENABLED: entry({
    key: "spark.shuffle.service.enabled",
    syntax: BOOLEAN,
    default: false,
    since: "1.2.0",
    doc: "External shuffle service: shuffle data outlives executors and never pins them.",
  }),
  SHUFFLE_SERVICE_FETCH_RDD_ENABLED: entry({
    key: "spark.shuffle.service.fetch.rdd.enabled",
    syntax: BOOLEAN,
    default: false,
    since: "3.0.0",
    doc: "With the shuffle service, disk-persisted RDD blocks no longer keep executors.",
  }),
  CLEANER_PERIODIC_GC_INTERVAL: entry({
    key: "spark.cleaner.periodicGC.interval",
    syntax: SECONDS,
    default: 1_800_000,
    // ContextCleaner passes it to scheduleAtFixedRate, which throws on a period <= 0 at start-up.
    check: { valid: (v: number) => v > 0, message: "The period of ContextCleaner's periodic GC must be > 0 (ScheduledExecutorService.scheduleAtFixedRate throws IllegalArgumentException)." },
    since: "1.6.0",
    doc: "Driver GC cadence; unreferenced shuffles are cleaned (and stop pinning) at these GCs.",
  }),
  CLEANER_REFERENCE_TRACKING: entry({
    key: "spark.cleaner.referenceTracking",
    syntax: BOOLEAN,
    default: true,
    since: "1.0.0",
    doc: "ContextCleaner on; off means shuffles are never cleaned.",
  }),
  SPECULATION_ENABLED: entry({
    key: "spark.speculation",
    syntax: BOOLEAN,
    default: false,
    since: "0.6.0",
    doc: "Speculative task copies (not modelled: a run with it on says so).",
  }),
  TASK_MAX_FAILURES: entry({
    key: "spark.task.maxFailures",
    syntax: INT,
    default: 4,
    since: "0.8.0",
    doc: "A task failing this many times (failures its executor's loss caused by the app count) aborts its job.",
  }),
  SCHEDULER_MIN_REGISTERED_RESOURCES_RATIO: entry({
    key: "spark.scheduler.minRegisteredResourcesRatio",
    syntax: DOUBLE,
    // Optional in Spark; the YARN and Kubernetes backends use 0.8 when unset.
    default: 0.8,
    since: "1.1.1",
    doc: "The driver program waits until this fraction of the initial executors registered...",
  }),
  SCHEDULER_MAX_REGISTERED_RESOURCE_WAITING_TIME: entry({
    key: "spark.scheduler.maxRegisteredResourcesWaitingTime",
    syntax: MILLISECONDS,
    default: 30_000,
    since: "1.1.1",
    doc: "...or until this much time has passed.",
  }),
  KUBERNETES_ALLOCATION_BATCH_SIZE: entry({
    key: "spark.kubernetes.allocation.batch.size",
    syntax: INT,
    default: (f) => f.kubernetesBatchSizeDefault,
    check: { valid: (v) => v > 0, message: "Allocation batch size should be a positive integer" },
    since: "2.3.0",
    doc: "Kubernetes: pods created per allocation round (cluster.manager: kubernetes).",
  }),
  KUBERNETES_ALLOCATION_BATCH_DELAY: entry({
    key: "spark.kubernetes.allocation.batch.delay",
    syntax: MILLISECONDS,
    default: 1000,
    check: (f) =>
      f.kubernetesBatchDelayMinExclusiveMs > 0
        ? { valid: (v) => v > 100, message: "Allocation batch delay must be greater than 0.1s." }
        : { valid: (v) => v > 0, message: "Allocation batch delay must be a positive time value." },
    since: "2.3.0",
    doc: "Kubernetes: time between allocation rounds.",
  }),
  KUBERNETES_MAX_PENDING_PODS: entry({
    key: "spark.kubernetes.allocation.maxPendingPods",
    syntax: INT,
    default: INT_MAX,
    check: { valid: (v) => v > 0, message: "Maximum number of pending pods should be a positive integer" },
    since: "3.2.0",
    doc: "Kubernetes (3.2+): cap on pods created but not running.",
  }),
  KUBERNETES_DYN_ALLOC_KILL_GRACE_PERIOD: entry({
    key: "spark.kubernetes.dynamicAllocation.deleteGracePeriod",
    syntax: MILLISECONDS,
    default: 5000,
    check: { valid: (v) => v >= 0, message: "deleteGracePeriod must be >= 0" },
    since: "3.0.0",
    doc: "Kubernetes: a killed executor's pod still running this long after the kill is deleted (KubernetesClusterSchedulerBackend.doKillExecutors).",
  }),
  RM_HEARTBEAT_INTERVAL: entry({
    key: "spark.yarn.scheduler.heartbeat.interval-ms",
    syntax: MILLISECONDS,
    default: 3000,
    since: "0.8.1",
    doc: "YARN: the ApplicationMaster's allocation heartbeat while nothing is pending (cluster.manager: yarn).",
  }),
  INITIAL_HEARTBEAT_INTERVAL: entry({
    key: "spark.yarn.scheduler.initial-allocation.interval",
    syntax: MILLISECONDS,
    default: 200,
    since: "1.4.0",
    doc: "YARN: the first heartbeat interval while container requests are pending; it doubles up to the heartbeat interval.",
  }),
  ...DECOMMISSION_ENTRIES,
  ...LOCALITY_CONFIG,
} as const;

export const CONF_ENTRIES: readonly ConfEntry[] = Object.values(config);

export const CONF_ENTRY_BY_KEY: ReadonlyMap<string, ConfEntry> = new Map(CONF_ENTRIES.map((e) => [e.key, e]));
