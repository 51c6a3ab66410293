/**
 * The Spark listener events a DRA replay needs, decoded from event-log JSON
 * (`shared/spec/eventlog-format.md` section 2). The discriminant `event` is
 * Spark's own event name. Each event keeps only what the replay uses; times
 * are epoch milliseconds unless a name says otherwise.
 */

/** Where an event came from: the part (file or zip entry) and its 1-based line. */
export interface EventSource {
  readonly part: string;
  readonly line: number;
}

export interface SparkListenerLogStart extends EventSource {
  readonly event: "SparkListenerLogStart";
  readonly sparkVersion: string;
}

export interface SparkListenerApplicationStart extends EventSource {
  readonly event: "SparkListenerApplicationStart";
  readonly appName: string;
  /** Missing in some hand-made fixtures; always set by Spark 1.2+. */
  readonly appId: string | undefined;
  /** Only for YARN cluster mode / multi-attempt apps. */
  readonly appAttemptId: string | undefined;
  readonly timestampMs: number;
  readonly user: string | undefined;
}

export interface SparkListenerApplicationEnd extends EventSource {
  readonly event: "SparkListenerApplicationEnd";
  readonly timestampMs: number;
  /** Spark 4.x logs the driver's exit code. */
  readonly exitCode: number | undefined;
}

export interface SparkListenerEnvironmentUpdate extends EventSource {
  readonly event: "SparkListenerEnvironmentUpdate";
  /** `Spark Properties`, values as Spark wrote them (strings, units not parsed). */
  readonly sparkProperties: ReadonlyMap<string, string>;
}

export interface SparkListenerResourceProfileAdded extends EventSource {
  readonly event: "SparkListenerResourceProfileAdded";
  readonly resourceProfileId: number;
  /** `Executor Resource Requests.<name>.Amount`: cores, memory (MiB), memoryOverhead, gpu, ... */
  readonly executorResources: ReadonlyMap<string, number>;
  /** `Task Resource Requests.<name>.Amount`: cpus, gpu, ... (may be fractional). */
  readonly taskResources: ReadonlyMap<string, number>;
}

export interface SparkListenerExecutorAdded extends EventSource {
  readonly event: "SparkListenerExecutorAdded";
  readonly timestampMs: number;
  /** `"<driver>"` (Spark 1.x) is normalised to `"driver"`. */
  readonly executorId: string;
  readonly host: string;
  readonly totalCores: number;
  /** 0 (the default profile) before Spark 3.1. */
  readonly resourceProfileId: number;
  /** Spark 3.4+. */
  readonly registrationTimeMs: number | undefined;
  /** YARN, Spark 3.0+ (`Attributes.CONTAINER_ID`). */
  readonly containerId: string | undefined;
}

export interface SparkListenerExecutorRemoved extends EventSource {
  readonly event: "SparkListenerExecutorRemoved";
  readonly timestampMs: number;
  readonly executorId: string;
  /** `Removed Reason`; `""` when absent. */
  readonly reason: string;
}

export interface SparkListenerBlockManagerAdded extends EventSource {
  readonly event: "SparkListenerBlockManagerAdded";
  /** Missing only in logs older than any gathered here. */
  readonly timestampMs: number | undefined;
  readonly executorId: string;
  readonly host: string;
  readonly maxMemoryBytes: number;
  /** Spark 2.2+. */
  readonly maxOnHeapMemoryBytes: number | undefined;
  readonly maxOffHeapMemoryBytes: number | undefined;
}

export interface SparkListenerBlockManagerRemoved extends EventSource {
  readonly event: "SparkListenerBlockManagerRemoved";
  readonly timestampMs: number | undefined;
  readonly executorId: string;
}

export interface SparkListenerJobStart extends EventSource {
  readonly event: "SparkListenerJobStart";
  readonly jobId: number;
  /** Missing in Spark 1.2. */
  readonly submissionTimeMs: number | undefined;
  readonly stageIds: readonly number[];
  /**
   * Every stage the job may run, including those that will be skipped because
   * their shuffle output already exists. These carry no submission time.
   */
  readonly stageInfos: readonly StageInfo[];
  readonly jobDescription: string | undefined;
  readonly jobGroupId: string | undefined;
  readonly sqlExecutionId: string | undefined;
}

export interface SparkListenerJobEnd extends EventSource {
  readonly event: "SparkListenerJobEnd";
  readonly jobId: number;
  /** Missing in Spark 1.2 (the job then ends with its last stage). */
  readonly completionTimeMs: number | undefined;
  /** `Job Result.Result`: `"JobSucceeded"` or `"JobFailed"`. */
  readonly result: string;
}

export interface SparkListenerStageSubmitted extends EventSource {
  readonly event: "SparkListenerStageSubmitted";
  readonly stageInfo: StageInfo;
}

export interface SparkListenerStageCompleted extends EventSource {
  readonly event: "SparkListenerStageCompleted";
  readonly stageInfo: StageInfo;
}

export interface SparkListenerTaskStart extends EventSource {
  readonly event: "SparkListenerTaskStart";
  readonly stageId: number;
  readonly stageAttemptId: number;
  readonly task: TaskInfo;
}

export interface SparkListenerTaskEnd extends EventSource {
  readonly event: "SparkListenerTaskEnd";
  readonly stageId: number;
  readonly stageAttemptId: number;
  /** `"ShuffleMapTask"` or `"ResultTask"`. */
  readonly taskType: string;
  readonly reason: TaskEndReason;
  readonly task: FinishedTaskInfo;
  /** Absent for `Resubmitted` and for some failed or lost tasks. */
  readonly metrics: TaskMetrics | undefined;
}

export interface SparkListenerUnpersistRDD extends EventSource {
  readonly event: "SparkListenerUnpersistRDD";
  readonly rddId: number;
}

/** Written only with `spark.eventLog.logBlockUpdates.enabled=true` (none of the gathered logs). */
export interface SparkListenerBlockUpdated extends EventSource {
  readonly event: "SparkListenerBlockUpdated";
  readonly executorId: string;
  readonly host: string;
  readonly block: BlockStatus;
}

export type SparkEvent =
  | SparkListenerLogStart
  | SparkListenerApplicationStart
  | SparkListenerApplicationEnd
  | SparkListenerEnvironmentUpdate
  | SparkListenerResourceProfileAdded
  | SparkListenerExecutorAdded
  | SparkListenerExecutorRemoved
  | SparkListenerBlockManagerAdded
  | SparkListenerBlockManagerRemoved
  | SparkListenerJobStart
  | SparkListenerJobEnd
  | SparkListenerStageSubmitted
  | SparkListenerStageCompleted
  | SparkListenerTaskStart
  | SparkListenerTaskEnd
  | SparkListenerUnpersistRDD
  | SparkListenerBlockUpdated;

export type SparkEventName = SparkEvent["event"];

export interface StageInfo {
  readonly stageId: number;
  readonly stageAttemptId: number;
  readonly name: string;
  /** For a retried attempt this already counts only the partitions still missing. */
  readonly numTasks: number;
  /** `[]` when absent (Spark 1.2). */
  readonly parentIds: readonly number[];
  /** Missing in most StageSubmitted of 1.2-2.2 logs; StageCompleted always has it. */
  readonly submissionTimeMs: number | undefined;
  readonly completionTimeMs: number | undefined;
  /** Set on a failed stage attempt. */
  readonly failureReason: string | undefined;
  /** 0 (the default profile) before Spark 3.1. */
  readonly resourceProfileId: number;
  readonly rddInfos: readonly RddInfo[];
}

export interface RddInfo {
  readonly rddId: number;
  readonly name: string;
  readonly storageLevel: StorageLevel;
  readonly numPartitions: number;
  /** Totals across all executors, not per executor. */
  readonly numCachedPartitions: number;
  readonly memorySizeBytes: number;
  readonly diskSizeBytes: number;
}

export interface StorageLevel {
  readonly useDisk: boolean;
  readonly useMemory: boolean;
  /** `Use Off Heap` (3.4+), `Use ExternalBlockStore` (1.4-1.6) or `Use Tachyon` (1.2). */
  readonly useOffHeap: boolean;
  readonly deserialized: boolean;
  readonly replication: number;
}

export interface TaskInfo {
  readonly taskId: number;
  readonly index: number;
  readonly attempt: number;
  readonly launchTimeMs: number;
  /** `undefined` while the task runs (Spark writes 0 in TaskStart). */
  readonly finishTimeMs: number | undefined;
  readonly executorId: string;
  readonly host: string;
  readonly locality: string | undefined;
  readonly speculative: boolean;
  readonly failed: boolean;
  /** Spark 2.1+; `false` before. */
  readonly killed: boolean;
}

/** The task of a TaskEnd: its finish time is known (a TaskEnd without one is skipped). */
export interface FinishedTaskInfo extends TaskInfo {
  readonly finishTimeMs: number;
}

/** `Task End Reason`, keyed by Spark's `Reason` string. */
export type TaskEndReason =
  | { readonly kind: "Success" }
  | { readonly kind: "Resubmitted" }
  | { readonly kind: "TaskResultLost" }
  | { readonly kind: "TaskCommitDenied" }
  | {
      readonly kind: "ExecutorLostFailure";
      readonly executorId: string | undefined;
      /** `false` when the executor was lost for reasons outside the app (preemption, node loss). */
      readonly exitCausedByApp: boolean;
      readonly lossReason: string | undefined;
    }
  | {
      readonly kind: "FetchFailed";
      /** Executor whose shuffle output could not be fetched. */
      readonly executorId: string | undefined;
      readonly shuffleId: number | undefined;
      readonly message: string | undefined;
    }
  | { readonly kind: "TaskKilled"; readonly killReason: string | undefined }
  | { readonly kind: "ExceptionFailure"; readonly className: string | undefined; readonly description: string | undefined }
  /** Spark's `UnknownReason`, or a reason string this decoder does not know (`sparkReason`). */
  | { readonly kind: "UnknownReason"; readonly sparkReason: string };

export interface TaskMetrics {
  readonly executorRunTimeMs: number;
  readonly executorDeserializeTimeMs: number;
  /** Spark 2.1+. */
  readonly executorCpuTimeNs: number | undefined;
  readonly jvmGcTimeMs: number;
  readonly resultSerializationTimeMs: number;
  readonly peakExecutionMemoryBytes: number | undefined;
  readonly memoryBytesSpilled: number;
  readonly diskBytesSpilled: number;
  /** Left out by 1.x when the task wrote no shuffle data. */
  readonly shuffleWrite: ShuffleWriteMetrics | undefined;
  readonly shuffleRead: ShuffleReadMetrics | undefined;
  readonly inputBytesRead: number | undefined;
  readonly outputBytesWritten: number | undefined;
  /** `Updated Blocks`: filled up to Spark 2.2, empty or absent after (SPARK-20923). */
  readonly updatedBlocks: readonly BlockStatus[];
}

export interface ShuffleWriteMetrics {
  readonly bytesWritten: number;
  readonly writeTimeNs: number;
  /** Missing in 1.2. */
  readonly recordsWritten: number | undefined;
}

export interface ShuffleReadMetrics {
  readonly remoteBlocksFetched: number;
  readonly localBlocksFetched: number;
  readonly remoteBytesRead: number;
  /** Missing in 1.2. */
  readonly localBytesRead: number | undefined;
  readonly fetchWaitTimeMs: number;
  readonly totalRecordsRead: number | undefined;
}

export interface BlockStatus {
  /** e.g. `rdd_1_24`, `broadcast_0`. */
  readonly blockId: string;
  readonly storageLevel: StorageLevel;
  readonly memorySizeBytes: number;
  readonly diskSizeBytes: number;
}

/** Spark 1.x logged the driver as `"<driver>"`; later versions as `"driver"`. */
export function normalizeExecutorId(id: string): string {
  return id === "<driver>" ? "driver" : id;
}

export function isDriverExecutorId(id: string): boolean {
  return id === "driver" || id === "<driver>";
}

/** An RDD (or block) is cached when any of its storage flags is set. */
export function isCachedStorageLevel(level: StorageLevel): boolean {
  return level.useMemory || level.useDisk || level.useOffHeap;
}
