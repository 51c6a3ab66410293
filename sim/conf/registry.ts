import type { VersionFeatures } from "./SparkVersion.js";

/**
 * Every Spark configuration key the model reads, declared once (as Spark's
 * `internal/config/package.scala` does): value type, unit, default per version, fallback key
 * and the `checkValue` condition with Spark's message.
 */
export type ConfValueType =
  | "boolean"
  | "int"
  | "double"
  /** `timeConf(TimeUnit.SECONDS)`: a bare number is seconds; sub-second values truncate. */
  | "seconds"
  /** `timeConf(TimeUnit.MILLISECONDS)`. */
  | "milliseconds"
  /** `bytesConf(ByteUnit.MiB)`. */
  | "mebibytes";

export type ConfValue = boolean | number | undefined;

export interface ConfCheck {
  readonly valid: (v: number) => boolean;
  readonly message: string;
}

export interface ConfEntry {
  readonly key: string;
  readonly type: ConfValueType;
  /** Spark's default, in the entry's unit; `Infinity` for Spark's "effectively never" maxima. */
  readonly defaultValue: (features: VersionFeatures) => ConfValue;
  /** `fallbackConf`: unset means the value of this key. */
  readonly fallbackKey?: string;
  /** `checkValue(valid, message)`: Spark throws "'<v>' in <key> is invalid. <message>". */
  readonly check?: ConfCheck | ((features: VersionFeatures) => ConfCheck);
  /** Read only when dynamic allocation is on (the EAM and ExecutorMonitor read them). */
  readonly dynamicAllocationOnly: boolean;
  readonly doc: string;
}

const always = (v: ConfValue) => (): ConfValue => v;
const TIMEOUT_CHECK = { valid: (v: number) => v >= 0, message: "Timeout must be >= 0." };

export const CONF_ENTRIES: readonly ConfEntry[] = [
  {
    key: "spark.dynamicAllocation.enabled",
    type: "boolean",
    defaultValue: always(false),
    dynamicAllocationOnly: false,
    doc: "Scale the number of executors with the workload.",
  },
  {
    key: "spark.dynamicAllocation.testing",
    type: "boolean",
    defaultValue: always(false),
    dynamicAllocationOnly: true,
    doc: "Internal: skips the shuffle-data requirement check.",
  },
  {
    key: "spark.dynamicAllocation.minExecutors",
    type: "int",
    defaultValue: always(0),
    dynamicAllocationOnly: true,
    doc: "Lower bound on the number of executors.",
  },
  {
    key: "spark.dynamicAllocation.maxExecutors",
    // Int.MaxValue: no practical bound.
    type: "int",
    defaultValue: always(2147483647),
    dynamicAllocationOnly: true,
    doc: "Upper bound on the number of executors.",
  },
  {
    key: "spark.dynamicAllocation.initialExecutors",
    type: "int",
    defaultValue: always(undefined),
    fallbackKey: "spark.dynamicAllocation.minExecutors",
    dynamicAllocationOnly: true,
    doc: "Executors requested at start; effective value is max(initial, min, spark.executor.instances).",
  },
  {
    key: "spark.dynamicAllocation.executorAllocationRatio",
    type: "double",
    defaultValue: always(1.0),
    dynamicAllocationOnly: true,
    doc: "Fraction of full parallelism to request executors for, in (0, 1].",
  },
  {
    key: "spark.dynamicAllocation.executorIdleTimeout",
    type: "seconds",
    defaultValue: always(60),
    check: TIMEOUT_CHECK,
    dynamicAllocationOnly: true,
    doc: "Idle time after which an executor without cached or shuffle data is removed.",
  },
  {
    key: "spark.dynamicAllocation.cachedExecutorIdleTimeout",
    // Integer.MAX_VALUE seconds: never.
    type: "seconds",
    defaultValue: always(Infinity),
    check: TIMEOUT_CHECK,
    dynamicAllocationOnly: true,
    doc: "Idle time after which an executor holding cached blocks is removed.",
  },
  {
    key: "spark.dynamicAllocation.shuffleTracking.enabled",
    type: "boolean",
    defaultValue: (f) => f.shuffleTrackingDefault,
    dynamicAllocationOnly: true,
    doc: "Track shuffle data on executors so DRA works without an external shuffle service (default true from 3.4).",
  },
  {
    key: "spark.dynamicAllocation.shuffleTracking.timeout",
    // Long.MaxValue ms: rely on the ContextCleaner.
    type: "milliseconds",
    defaultValue: always(Infinity),
    check: TIMEOUT_CHECK,
    dynamicAllocationOnly: true,
    doc: "Idle time after which an executor holding inactive shuffle data is removed.",
  },
  {
    key: "spark.dynamicAllocation.schedulerBacklogTimeout",
    type: "seconds",
    defaultValue: always(1),
    dynamicAllocationOnly: true,
    doc: "Backlog duration before the first executor request.",
  },
  {
    key: "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout",
    type: "seconds",
    defaultValue: always(undefined),
    fallbackKey: "spark.dynamicAllocation.schedulerBacklogTimeout",
    dynamicAllocationOnly: true,
    doc: "Backlog duration between subsequent (doubling) requests.",
  },
  {
    key: "spark.executor.cores",
    type: "int",
    defaultValue: always(1),
    dynamicAllocationOnly: false,
    doc: "Cores per executor.",
  },
  {
    key: "spark.task.cpus",
    type: "int",
    defaultValue: always(1),
    dynamicAllocationOnly: false,
    doc: "Cores per task; task slots per executor = floor(executor cores / task cpus).",
  },
  {
    key: "spark.executor.instances",
    type: "int",
    defaultValue: always(undefined),
    dynamicAllocationOnly: false,
    doc: "Static executor count (2 when unset and DRA is off); with DRA it raises the initial count.",
  },
  {
    key: "spark.executor.memory",
    type: "mebibytes",
    defaultValue: always(1024),
    dynamicAllocationOnly: false,
    doc: "Executor heap; used for memory cost.",
  },
  {
    key: "spark.executor.memoryOverhead",
    type: "mebibytes",
    defaultValue: always(undefined),
    dynamicAllocationOnly: false,
    doc: "Non-heap memory per executor; unset means max(384 MiB, memoryOverheadFactor x memory).",
  },
  {
    key: "spark.executor.memoryOverheadFactor",
    type: "double",
    defaultValue: always(0.1),
    dynamicAllocationOnly: false,
    doc: "Fraction of executor memory added as overhead when memoryOverhead is unset.",
  },
  {
    key: "spark.shuffle.service.enabled",
    type: "boolean",
    defaultValue: always(false),
    dynamicAllocationOnly: false,
    doc: "External shuffle service: shuffle data outlives executors and never pins them.",
  },
  {
    key: "spark.shuffle.service.fetch.rdd.enabled",
    type: "boolean",
    defaultValue: always(false),
    dynamicAllocationOnly: false,
    doc: "With the shuffle service, disk-persisted RDD blocks no longer keep executors.",
  },
  {
    key: "spark.cleaner.periodicGC.interval",
    type: "seconds",
    defaultValue: always(1800),
    // ContextCleaner passes it to scheduleAtFixedRate, which throws on a period <= 0 at start-up.
    check: { valid: (v: number) => v > 0, message: "The period of ContextCleaner's periodic GC must be > 0 (ScheduledExecutorService.scheduleAtFixedRate throws IllegalArgumentException)." },
    dynamicAllocationOnly: false,
    doc: "Driver GC cadence; unreferenced shuffles are cleaned (and stop pinning) at these GCs.",
  },
  {
    key: "spark.cleaner.referenceTracking",
    type: "boolean",
    defaultValue: always(true),
    dynamicAllocationOnly: false,
    doc: "ContextCleaner on; off means shuffles are never cleaned.",
  },
  {
    key: "spark.speculation",
    type: "boolean",
    defaultValue: always(false),
    dynamicAllocationOnly: false,
    doc: "Speculative task copies (not modelled: a run with it on says so).",
  },
  {
    key: "spark.task.maxFailures",
    type: "int",
    defaultValue: always(4),
    dynamicAllocationOnly: false,
    doc: "A task failing this many times (failures its executor's loss caused by the app count) aborts its job.",
  },
  {
    key: "spark.scheduler.minRegisteredResourcesRatio",
    // YARN and Kubernetes backends use 0.8 when unset.
    type: "double",
    defaultValue: always(0.8),
    dynamicAllocationOnly: false,
    doc: "The driver program waits until this fraction of the initial executors registered...",
  },
  {
    key: "spark.scheduler.maxRegisteredResourcesWaitingTime",
    type: "milliseconds",
    defaultValue: always(30000),
    dynamicAllocationOnly: false,
    doc: "...or until this much time has passed.",
  },
  {
    key: "spark.kubernetes.allocation.batch.size",
    type: "int",
    defaultValue: (f) => f.kubernetesBatchSizeDefault,
    check: { valid: (v) => v > 0, message: "Allocation batch size should be a positive integer" },
    dynamicAllocationOnly: false,
    doc: "Kubernetes: pods created per allocation round (cluster.manager: kubernetes).",
  },
  {
    key: "spark.kubernetes.allocation.batch.delay",
    type: "milliseconds",
    defaultValue: always(1000),
    check: (f) =>
      f.kubernetesBatchDelayMinExclusiveMs > 0
        ? { valid: (v) => v > 100, message: "Allocation batch delay must be greater than 0.1s." }
        : { valid: (v) => v > 0, message: "Allocation batch delay must be a positive time value." },
    dynamicAllocationOnly: false,
    doc: "Kubernetes: time between allocation rounds.",
  },
  {
    key: "spark.kubernetes.allocation.maxPendingPods",
    type: "int",
    defaultValue: always(2147483647),
    check: { valid: (v) => v > 0, message: "Maximum number of pending pods should be a positive integer" },
    dynamicAllocationOnly: false,
    doc: "Kubernetes (3.2+): cap on pods created but not running.",
  },
  {
    key: "spark.yarn.scheduler.heartbeat.interval-ms",
    type: "milliseconds",
    defaultValue: always(3000),
    dynamicAllocationOnly: false,
    doc: "YARN: the ApplicationMaster's allocation heartbeat while nothing is pending (cluster.manager: yarn).",
  },
  {
    key: "spark.yarn.scheduler.initial-allocation.interval",
    type: "milliseconds",
    defaultValue: always(200),
    dynamicAllocationOnly: false,
    doc: "YARN: the first heartbeat interval while container requests are pending; it doubles up to the heartbeat interval.",
  },
  {
    key: "spark.decommission.enabled",
    type: "boolean",
    defaultValue: always(false),
    dynamicAllocationOnly: false,
    doc: "Decommission instead of kill on scale-down (not modelled; only its validation role is).",
  },
  {
    key: "spark.storage.decommission.shuffleBlocks.enabled",
    type: "boolean",
    defaultValue: (f) => f.storageDecommissionBlocksDefault,
    dynamicAllocationOnly: false,
    doc: "Migrate shuffle blocks when decommissioning (default true from 3.4).",
  },
];

export const CONF_ENTRY_BY_KEY: ReadonlyMap<string, ConfEntry> = new Map(CONF_ENTRIES.map((e) => [e.key, e]));
