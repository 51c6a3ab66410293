/**
 * A scenario as the engine takes it: validated (see `src/scenario`) and with defaults
 * applied. The shape follows the scenario file format, which is a contract with users.
 */

/**
 * Milliseconds: a constant; a list with one value per task (for executors: per executor in
 * request order, the last value repeating beyond the list); or a seeded distribution.
 */
export type DurationSpec =
  | number
  | readonly number[]
  | { readonly distribution: "uniform"; readonly minMs: number; readonly maxMs: number }
  | { readonly distribution: "exponential"; readonly meanMs: number }
  | { readonly distribution: "lognormal"; readonly medianMs: number; readonly p95Ms: number };

/**
 * A stage's task durations: any duration spec, or one value per task in a Float64Array (what a
 * replay extracts from an event log: 8 bytes a task, used by the engine as it is, never written).
 */
export type TaskDurationSpec = DurationSpec | Float64Array;

export interface StageSpec {
  /** Spark stage id, unique in the scenario. */
  readonly id: number;
  readonly name?: string;
  readonly tasks: number;
  readonly taskDurationMs: TaskDurationSpec;
  /** Stage ids this stage reads the shuffle output of (same job or an earlier-listed job). */
  readonly parents: readonly number[];
  /** This stage writes that shuffle (it is a shuffle map stage). */
  readonly shuffleId?: number;
  /** Each task caches one partition of this RDD on the executor that ran it. */
  readonly cacheRddId?: number;
  /** Tasks whose first attempt runs slower (what speculation is for). */
  readonly stragglers?: StragglerSpec;
  /** Task p reads partition p of this cached RDD: it prefers the executor caching it (PROCESS_LOCAL). */
  readonly readsCachedRddId?: number;
  /** The stage reads input stored on the cluster's nodes, each partition on this many nodes (HDFS-style replicas): its tasks prefer them (NODE_LOCAL). Needs `cluster.nodes`. */
  readonly inputReplicas?: number;
  /** Per task index, the hosts holding its input (replays: where the log ran it NODE_LOCAL); before `inputReplicas`. */
  readonly inputHosts?: readonly (readonly string[])[];
  /** The name of the resource profile its tasks need (`rdd.withResources`); absent: the default profile. */
  readonly resourceProfile?: string;
}

/**
 * A resource profile stages can name (stage-level scheduling, `ResourceProfileBuilder`): the
 * executors it asks for and what each task needs. An amount left out is the default profile's
 * (`spark.executor.cores`, `spark.executor.memory`, `spark.executor.memoryOverhead`,
 * `spark.executor.resource.gpu.amount`, `spark.task.cpus`, `spark.task.resource.gpu.amount`),
 * as Spark fills a profile's missing amounts from the conf. Profiles get ids 1, 2, ... in
 * the order listed (the default profile is 0).
 */
export interface ResourceProfileSpec {
  readonly name: string;
  readonly executorCores?: number;
  readonly executorMemoryMiB?: number;
  readonly executorMemoryOverheadMiB?: number;
  readonly executorGpus?: number;
  readonly taskCpus?: number;
  /** GPUs per task; a fraction (<= 0.5) lets several tasks share one GPU. */
  readonly taskGpus?: number;
  /**
   * The cluster side, not Spark's: this profile's executors' start-up, as `cluster.executorStartupMs`
   * (GPU images and resource discovery often start slower); default `cluster.executorStartupMs`.
   */
  readonly executorStartupMs?: DurationSpec;
}

/**
 * Stragglers of a stage: round(fraction x tasks) partitions, chosen by the seed, whose first
 * attempt takes `factor` times its drawn duration (a slow disk or a noisy neighbour where it
 * first ran, not its data): a speculative copy or a retry takes the drawn duration.
 */
export interface StragglerSpec {
  /** In [0, 1]. */
  readonly fraction: number;
  /** >= 1. */
  readonly factor: number;
}

export interface JobSpec {
  readonly name?: string;
  /** Absolute submission time (from application start). */
  readonly submitAtMs?: number;
  /** Driver time after the previous job ended (or after the driver is ready, for the first job). */
  readonly afterPreviousMs?: number;
  readonly stages: readonly StageSpec[];
}

export interface UnpersistSpec {
  readonly rddId: number;
  readonly atMs: number;
}

/**
 * How requested executors arrive. `generic`: each request registers after its start-up
 * latency and a falling target cancels requests at once. `kubernetes`: Spark's
 * `ExecutorPodsAllocator` creates pods in batches (`spark.kubernetes.allocation.batch.size`
 * every `batch.delay`) and deletes excess pending pods only once they are older than
 * `executorIdleTimeout`. `yarn`: Spark's `YarnAllocator` in the ApplicationMaster: container
 * asks go to the ResourceManager on the AM heartbeat and can be cancelled only until a
 * container is allocated; an allocated container is launched and its executor registers.
 * `standalone`: Spark's standalone Master: the requested total is the application's executor
 * limit and the Master launches executors on workers with room, spread out or consolidated.
 */
export const CLUSTER_MANAGER_KINDS = ["generic", "kubernetes", "yarn", "standalone"] as const;

export type ClusterManagerKind = (typeof CLUSTER_MANAGER_KINDS)[number];

/**
 * Why an executor is lost. `failure`: its process died (out of memory, a non-zero exit code):
 * the failure counts toward `spark.task.maxFailures` (`ExecutorLostFailure` with
 * `exitCausedByApp`) and the node's external shuffle service keeps its map output.
 * `interruption`: the node went (spot interruption, preemption, node failure): it does not
 * count, and map output on the node is lost even with the shuffle service.
 */
export const EXECUTOR_LOSS_CAUSES = ["interruption", "failure"] as const;

export type ExecutorLossCause = (typeof EXECUTOR_LOSS_CAUSES)[number];

/**
 * Executors lost during the run (a scenario's `cluster.executorLosses`), each one of: an
 * executor at a time; an executor some time after it registered (or at a time, but not before
 * it has lived that long); a number of live executors
 * (chosen by the seed) at a time; a seeded rate per executor-hour, each executor's lifetime
 * drawn from an exponential distribution. A loss of an executor that is not live then does nothing.
 */
export type ExecutorLossSpec = (
  | { readonly atMs: number; readonly executorId: string; readonly cause: ExecutorLossCause }
  /** With `atMs` too: lost at `atMs`, or later if it has not lived `afterAddedMs` by then (replays use this). */
  | { readonly afterAddedMs: number; readonly atMs?: number; readonly executorId: string; readonly cause: ExecutorLossCause }
  | { readonly atMs: number; readonly count: number; readonly cause: ExecutorLossCause }
  | { readonly ratePerExecutorHour: number; readonly fromMs?: number; readonly untilMs?: number; readonly cause: ExecutorLossCause }
) & {
  /**
   * The notice before the loss (a spot interruption's two minutes, Kubernetes' SIGPWR): with
   * `spark.decommission.enabled` the executor decommissions itself this long before it is lost
   * (no earlier than it registered); without, the notice changes nothing.
   */
  readonly noticeMs?: number;
};

/**
 * How long a decommissioning executor takes to migrate one block (`cluster.decommission`): a
 * shuffle map output to a peer or the fallback storage, a cached RDD partition to a peer.
 */
export interface DecommissionSpec {
  readonly shuffleBlockMigrationMs: DurationSpec;
  readonly rddBlockMigrationMs: DurationSpec;
}

/** About a 100 MiB block over a 100 MiB/s link. */
export const DEFAULT_DECOMMISSION: DecommissionSpec = { shuffleBlockMigrationMs: 1000, rddBlockMigrationMs: 1000 };
/** The ResourceManager and ApplicationMaster side of `cluster.manager: yarn`. */
export interface YarnSpec {
  /**
   * Application start to the AM's first allocation heartbeat (submission, AM container
   * launch, registration). Executors wait for it; 0 = the AM is up when the application starts.
   */
  readonly amStartupMs: number;
  /**
   * An ask reaching the ResourceManager to its container being allocated (the scheduler
   * assigns containers on NodeManager heartbeats). The AM receives it on its next heartbeat.
   */
  readonly containerAllocationMs: number;
}

export const DEFAULT_YARN: YarnSpec = { amStartupMs: 0, containerAllocationMs: 1000 };

/**
 * A Kubernetes executor pod's start-up as stages (`cluster.kubernetes.podStartup`), each drawn
 * per pod: Pending while scheduled, pulling its image and starting its container; Running
 * while the JVM starts and registers.
 */
export interface PodStartupSpec {
  readonly schedulingMs: DurationSpec;
  readonly imagePullMs: DurationSpec;
  readonly containerStartMs: DurationSpec;
  readonly registrationMs: DurationSpec;
}

/** The Kubernetes side of `cluster.manager: kubernetes`. */
export interface KubernetesSpec {
  /** Pod start-up by stage; instead of `executorStartupMs`. */
  readonly podStartup?: PodStartupSpec;
  /**
   * The executor pods' `terminationGracePeriodSeconds` in ms: a killed executor still running
   * `spark.kubernetes.dynamicAllocation.deleteGracePeriod` after the kill is deleted and gone
   * at most this long after. Default 30000 (Kubernetes' default).
   */
  readonly terminationGracePeriodMs: number;
}

export const DEFAULT_TERMINATION_GRACE_PERIOD_MS = 30_000;

/** The standalone Master's side of `cluster.manager: standalone`. */
export interface StandaloneSpec {
  /** `spark.deploy.spreadOut` (a Master setting): spread executors over workers, or fill each worker first. Default true. */
  readonly spreadOut: boolean;
}

/** Nodes the executors run on, and an optional node autoscaler (generic and kubernetes managers). */
export interface NodesSpec {
  readonly count: number;
  /** Executors per node; or the node's resources below, from which it follows (`NodeResources.executorsPerNode`). */
  readonly executorsPerNode?: number;
  /** Cores per node (Kubernetes allocatable, YARN NodeManager vcores, standalone worker cores). */
  readonly cores?: number;
  /** Memory per node in MiB, for executors' heap plus overhead (standalone: heap). */
  readonly memoryMiB?: number;
  /** GPUs per node (`spark.executor.resource.gpu.amount` per executor). */
  readonly gpus?: number;
  readonly autoscaler?: { readonly maxNodes: number; readonly scaleUpDelayMs: number; readonly scaleDownIdleMs: number };
}

export interface ClusterSpec {
  /**
   * Request (pod creation) to registration latency of each executor; on YARN, container
   * launch to registration (the AM heartbeat and allocation come before it).
   */
  readonly executorStartupMs: DurationSpec;
  /** Default `generic`. */
  readonly manager?: ClusterManagerKind;
  /** Default none. */
  readonly executorLosses?: readonly ExecutorLossSpec[];
  /** Block migration times of decommissioning executors; default `DEFAULT_DECOMMISSION`. */
  readonly decommission?: DecommissionSpec;
  /**
   * Kill to gone of each killed executor (the container or pod still runs and is billed).
   * YARN and generic: the driver keeps the executor (no tasks, counted by ExecutorMonitor)
   * until `ExecutorRemoved` at the end of it; Kubernetes: the driver removes it at once and
   * the pod terminates after it. Default 0 (gone at the kill).
   */
  readonly executorRemovalMs?: DurationSpec;
  /** `manager: yarn` only; defaults `DEFAULT_YARN`. */
  readonly yarn?: YarnSpec;
  /** `manager: standalone` only. */
  readonly standalone?: StandaloneSpec;
  /** `manager: kubernetes` only. */
  readonly kubernetes?: KubernetesSpec;
  /**
   * Containers (pods) the cluster can run at once for this application; requests beyond it
   * wait for capacity. Default unlimited.
   */
  readonly maxContainers?: number;
  /** Nodes (count x executors per node is the capacity; standalone: the workers) and an optional autoscaler; default none (unlimited). */
  readonly nodes?: NodesSpec;
}

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly sparkVersion: string;
  /** Spark properties, keys verbatim, values as Spark reads them (strings). */
  readonly conf: Readonly<Record<string, string>>;
  readonly cluster: ClusterSpec;
  readonly workload: {
    readonly jobs: readonly JobSpec[];
    readonly unpersist: readonly UnpersistSpec[];
    /** Resource profiles stages name (default none: every stage uses the default profile). */
    readonly resourceProfiles?: readonly ResourceProfileSpec[];
    /** Driver time after the last job ends before the application stops (default 0). */
    readonly endAfterLastJobMs?: number;
  };
}

/** The default executor start-up latency: about what the YARN and Kubernetes logs in the spec show. */
export const DEFAULT_EXECUTOR_STARTUP_MS = 10_000;
