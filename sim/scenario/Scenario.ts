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

export interface StageSpec {
  /** Spark stage id, unique in the scenario. */
  readonly id: number;
  readonly name?: string;
  readonly tasks: number;
  readonly taskDurationMs: DurationSpec;
  /** Stage ids this stage reads the shuffle output of (same job or an earlier-listed job). */
  readonly parents: readonly number[];
  /** This stage writes that shuffle (it is a shuffle map stage). */
  readonly shuffleId?: number;
  /** Each task caches one partition of this RDD on the executor that ran it. */
  readonly cacheRddId?: number;
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
 * `executorIdleTimeout`.
 */
export const CLUSTER_MANAGER_KINDS = ["generic", "kubernetes"] as const;

export type ClusterManagerKind = (typeof CLUSTER_MANAGER_KINDS)[number];

export interface ClusterSpec {
  /** Request (pod creation) to registration latency of each executor. */
  readonly executorStartupMs: DurationSpec;
  /** Default `generic`. */
  readonly manager?: ClusterManagerKind;
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
    /** Driver time after the last job ends before the application stops (default 0). */
    readonly endAfterLastJobMs?: number;
  };
}

/** The default executor start-up latency: about what the YARN and Kubernetes logs in the spec show. */
export const DEFAULT_EXECUTOR_STARTUP_MS = 10_000;
