/**
 * What workload extraction decided and what it had to leave out: the facts a user needs to
 * trust (or distrust) a replay. Plain data; `formatReplay` turns it into text.
 */

/** A number of task attempts and the task time they took (launch to finish), in ms. */
export interface TaskTime {
  readonly count: number;
  readonly taskMs: number;
}

/**
 * Task attempts that are not in the extracted workload (each task index keeps the duration of
 * its first successful attempt): work the real run lost. The simulation makes its own
 * failures (replayed executor losses) and copies (when the logged config has spark.speculation on).
 */
export interface DroppedAttempts {
  /** Ended in a failure: exception, lost executor, fetch failure, result lost, commit denied. */
  readonly failed: TaskTime;
  /** `TaskKilled`: mostly the losing copy of a speculative pair. */
  readonly killed: TaskTime;
  /** Succeeded for an index that already had its duration (a second copy, or a recomputation in a later stage attempt). */
  readonly duplicate: TaskTime;
  /** Of all the dropped attempts above, the speculative copies. */
  readonly speculative: TaskTime;
  /** `Resubmitted` task ends: a finished map task whose output died with its executor (no task time of its own). */
  readonly resubmitted: number;
}

/**
 * How `cluster.executorStartupMs` was obtained:
 * - `given`: by the caller;
 * - `initial-executors`: median registration time of the executors requested at start;
 * - `first-request`: first ExecutorAdded minus (first StageSubmitted + schedulerBacklogTimeout);
 * - `requested-executors`: median latency of executors dynamic allocation asked for, with the
 *   requests reconstructed from the log's backlogs (on YARN less the container's arrival);
 * - `default`: the log shows no executor request to measure.
 */
export type StartupMethod = "given" | "initial-executors" | "first-request" | "requested-executors" | "default";

export interface ExecutorStartupEstimate {
  readonly executorStartupMs: number;
  readonly method: StartupMethod;
  /** The measurements (ms from application start) the estimate came from. */
  readonly sampleMs: readonly number[];
  /** One sentence for reports. */
  readonly description: string;
}

export interface ClusterNotes {
  /** One line per estimate, each with the evidence it came from (or "given"). */
  readonly lines: readonly string[];
  /** The log contradicts its own recorded config (more executors than it could ask for). */
  readonly warnings: readonly string[];
}

export interface ExtractionCounts {
  /** Jobs in the scenario (jobs that ran at least one stage). */
  readonly jobs: number;
  /** JobStart events whose job ran no stage of its own (all skipped, or empty): their time is driver time. */
  readonly jobsWithoutStages: number;
  /** Stages in the scenario: distinct submitted stage ids. */
  readonly stages: number;
  /** StageSubmitted events (attempts), including retries. */
  readonly stageAttempts: number;
  /** Tasks in the scenario: `Number of Tasks` of each stage's first attempt. */
  readonly tasks: number;
  /** TaskEnd events read. */
  readonly taskEnds: number;
  /** Tasks whose index never succeeded in the first attempt; duration from a later attempt. */
  readonly tasksFromLaterAttempt: number;
  /** Tasks whose index never succeeded at all (truncated logs): the stage's mean duration. */
  readonly tasksWithMeanDuration: number;
  /** Parent ids dropped because that stage never ran in the log (data from elsewhere). */
  readonly parentsNeverRun: number;
  /** Stages given a shuffle id (parents, or stages of ShuffleMapTasks). */
  readonly shuffleStages: number;
  /** Stages that cache an RDD. */
  readonly cachingStages: number;
  readonly unpersists: number;
  /** UnpersistRDD events for RDDs no stage of the scenario caches (no effect on the model). */
  readonly unpersistsIgnored: number;
}

export interface ExtractionNotes {
  readonly appName: string;
  readonly appId: string | undefined;
  /** As logged by SparkListenerLogStart; undefined when there is none (Spark 1.2, vendor logs). */
  readonly loggedSparkVersion: string | undefined;
  /** The model version the scenario uses. */
  readonly modelSparkVersion: string;
  /** `spark.master` is `local` or `local[...]`: Spark never runs DRA there. */
  readonly localMode: boolean;
  readonly executorStartup: ExecutorStartupEstimate;
  /** The cluster manager and its estimates (removal latency, AM start-up, capacity hint), each line with its evidence. */
  readonly cluster: ClusterNotes;
  /** When the model's driver would have started in the logged run (ms from application start). */
  readonly driverReadyObservedMs: number;
  /** Application end minus the last job's end: driver time the model does not have (its app ends with the last job). */
  readonly driverTimeAfterLastJobMs: number;
  /** Sum over jobs of (first stage submitted - job started): driver time inside jobs, which the model does not have. */
  readonly driverTimeInsideJobsMs: number;
  readonly counts: ExtractionCounts;
  readonly dropped: DroppedAttempts;
  /** Executor losses the log shows, replayed as injected losses (absent when none). */
  readonly lossesReplayed?: number;
  /** The logged config has spark.speculation on: the simulation launches speculative copies. */
  readonly speculationReplayed?: boolean;
  /** Every modelling decision worth telling the user, one sentence each, in the order made. */
  readonly messages: readonly string[];
}
