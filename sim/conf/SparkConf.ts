import type { DecommissionSettings } from "./decommissionEntries.js";
import type { SparkVersion, VersionFeatures } from "./SparkVersion.js";

/**
 * The fully resolved configuration the model runs with: every key read once, in its unit,
 * with version defaults applied. Nothing downstream reads raw keys.
 */
export interface SparkConf {
  readonly sparkVersion: SparkVersion;
  readonly features: VersionFeatures;

  readonly dynamicAllocationEnabled: boolean;
  readonly testing: boolean;
  readonly minExecutors: number;
  readonly maxExecutors: number;
  /** The key's own value (falls back to minExecutors). */
  readonly initialExecutorsSetting: number;
  /** `Utils.getDynamicAllocationInitialExecutors`: max(min, initial, spark.executor.instances). */
  readonly initialExecutors: number;
  readonly executorAllocationRatio: number;
  readonly executorIdleTimeoutMs: number;
  readonly cachedExecutorIdleTimeoutMs: number;
  /** The key as set or defaulted. */
  readonly shuffleTrackingEnabledSetting: boolean;
  /** ExecutorMonitor's rule: the key, and no external shuffle service. */
  readonly shuffleTrackingActive: boolean;
  readonly shuffleTrackingTimeoutMs: number;
  readonly schedulerBacklogTimeoutMs: number;
  readonly sustainedSchedulerBacklogTimeoutMs: number;

  readonly executorCores: number;
  readonly taskCpus: number;
  /** floor(executorCores / taskCpus): task slots per executor. */
  readonly tasksPerExecutor: number;
  readonly executorInstances: number | undefined;
  readonly executorMemoryMiB: number;
  /** Heap plus overhead: what a YARN container or a Kubernetes pod is sized at. */
  readonly executorContainerMemoryMiB: number;

  readonly shuffleServiceEnabled: boolean;
  readonly shuffleServiceFetchRddEnabled: boolean;
  readonly cleanerPeriodicGcIntervalMs: number;
  readonly cleanerReferenceTracking: boolean;
  readonly speculation: boolean;
  /** `spark.task.maxFailures`. */
  readonly taskMaxFailures: number;
  readonly minRegisteredResourcesRatio: number;
  readonly maxRegisteredResourcesWaitingTimeMs: number;
  readonly decommissionEnabled: boolean;
  readonly storageDecommissionShuffleBlocksEnabled: boolean;
  /** Decommissioning as the model runs it (off before 3.1 whatever the key says). */
  readonly decommission: DecommissionSettings;
  /** ExecutorPodsAllocator (cluster.manager: kubernetes). */
  readonly kubernetesAllocationBatchSize: number;
  readonly kubernetesAllocationBatchDelayMs: number;
  readonly kubernetesMaxPendingPods: number;
  /** `spark.kubernetes.dynamicAllocation.deleteGracePeriod`. */
  readonly kubernetesDeleteGracePeriodMs: number;
  /** `spark.executor.resource.gpu.amount`. */
  readonly executorGpus: number;
  /** `spark.cores.max` (standalone); undefined: unlimited. */
  readonly coresMax: number | undefined;
  /** ApplicationMaster allocation heartbeat (cluster.manager: yarn). */
  readonly yarnHeartbeatIntervalMs: number;
  readonly yarnInitialAllocationIntervalMs: number;

  /** Delay scheduling and preferred locations. */
  readonly locality: LocalityConf;

  /** The settings as given (after merging sources), for reports. */
  readonly raw: Readonly<Record<string, string>>;
}

/** `spark.locality.wait*` and the preferred-location switches, resolved. */
export interface LocalityConf {
  /** `spark.locality.wait.process` / `.node` / `.rack` (each falling back to `spark.locality.wait`). */
  readonly processWaitMs: number;
  readonly nodeWaitMs: number;
  readonly rackWaitMs: number;
  /**
   * The delay-scheduling timer resets on every launch at a level (`TaskSetManager.resourceOffer`
   * before 3.1, or `spark.locality.wait.legacyResetOnTaskLaunch`); else only after an offer
   * round that launched with no delay rejection (SPARK-18886).
   */
  readonly legacyResetOnTaskLaunch: boolean;
  /** SPARK-31837 (3.1): `recomputeLocality` moves to a newly valid level more local than the current one. */
  readonly shiftToNewLevelOnRecompute: boolean;
  /** `spark.scheduler.revive.interval`: the driver's periodic `ReviveOffers`. */
  readonly reviveIntervalMs: number;
  /** `spark.shuffle.reduceLocality.enabled`. */
  readonly shuffleReduceLocalityEnabled: boolean;
}
