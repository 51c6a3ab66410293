import type { ListenerBus, TaskEndReason } from "../../sim/spark/SparkListener.js";

/**
 * Builders for the listener events Spark's DRA suites post, named after Spark's own
 * (`createStageInfo`, `createTaskInfo`, `SparkListenerTaskStart(stageId, attempt, info)`, ...),
 * and their delivery through the model's `ListenerBus`. Events carry Spark's vocabulary (task
 * end reasons, storage levels); `postToBus` maps them onto the model's event types.
 */

export const DEFAULT_RESOURCE_PROFILE_ID = 0;
export const UNKNOWN_RESOURCE_PROFILE_ID = -1;

/** `StageInfo`, with the fields the DRA listeners read. */
export interface StageInfo {
  readonly stageId: number;
  readonly attemptId: number;
  readonly numTasks: number;
  /** `shuffleDepId`: the shuffle this stage writes, if any. */
  readonly shuffleDepId: number | undefined;
  /** `resourceProfileId` (the suite's `rp = rprof1`); the default profile when absent. */
  readonly resourceProfileId?: number;
}

/** `createStageInfo(stageId, numTasks, attemptId = 0)` (EAM suite) and `stageInfo(id, shuffleId)` (EM suite). */
export function createStageInfo(
  stageId: number,
  numTasks: number,
  opts: { readonly attemptId?: number; readonly shuffleDepId?: number; readonly rp?: { readonly id: number } } = {},
): StageInfo {
  return { stageId, attemptId: opts.attemptId ?? 0, numTasks, shuffleDepId: opts.shuffleDepId, ...(opts.rp === undefined ? {} : { resourceProfileId: opts.rp.id }) };
}

export interface TaskInfo {
  /** Not read by the model; kept so ports read like the Scala. */
  readonly taskId: number;
  readonly index: number;
  readonly executorId: string;
  readonly speculative: boolean;
}

/** `createTaskInfo(taskId, taskIndex, executorId, speculative = false)`. */
export function createTaskInfo(taskId: number, taskIndex: number, executorId: string, speculative = false): TaskInfo {
  return { taskId, index: taskIndex, executorId, speculative };
}

/** The `TaskEndReason`s the suites use. The model folds every failure into "Failure". */
export type SparkTaskEndReason = "Success" | "TaskKilled" | "TaskResultLost" | "ExceptionFailure" | "UnknownReason";

function toModelReason(reason: SparkTaskEndReason): TaskEndReason {
  switch (reason) {
    case "Success":
    case "TaskKilled":
      return reason;
    case "TaskResultLost":
    case "ExceptionFailure":
    case "UnknownReason":
      return "Failure";
  }
}

/** `StorageLevel`: only `isValid` (memory or disk, replication 1) and `useDisk` matter to the monitor. */
export interface StorageLevel {
  readonly useMemory: boolean;
  readonly useDisk: boolean;
}

export const StorageLevel = {
  NONE: { useMemory: false, useDisk: false },
  MEMORY_ONLY: { useMemory: true, useDisk: false },
  DISK_ONLY: { useMemory: false, useDisk: true },
  MEMORY_AND_DISK: { useMemory: true, useDisk: true },
} as const satisfies Record<string, StorageLevel>;

/** The events the suites post, discriminated by Spark's class name. */
export type SparkListenerEvent =
  | { readonly type: "SparkListenerJobStart"; readonly jobId: number; readonly stageInfos: readonly StageInfo[] }
  | { readonly type: "SparkListenerJobEnd"; readonly jobId: number }
  | { readonly type: "SparkListenerStageSubmitted"; readonly stageInfo: StageInfo }
  | { readonly type: "SparkListenerStageCompleted"; readonly stageInfo: StageInfo }
  | { readonly type: "SparkListenerTaskStart"; readonly stageId: number; readonly stageAttemptId: number; readonly taskInfo: TaskInfo }
  | {
      readonly type: "SparkListenerTaskEnd";
      readonly stageId: number;
      readonly stageAttemptId: number;
      readonly reason: SparkTaskEndReason;
      readonly taskInfo: TaskInfo;
    }
  | { readonly type: "SparkListenerSpeculativeTaskSubmitted"; readonly stageId: number; readonly stageAttemptId: number; readonly taskIndex: number }
  | { readonly type: "SparkListenerUnschedulableTaskSetAdded"; readonly stageId: number; readonly stageAttemptId: number }
  | { readonly type: "SparkListenerUnschedulableTaskSetRemoved"; readonly stageId: number; readonly stageAttemptId: number }
  | { readonly type: "SparkListenerExecutorAdded"; readonly executorId: string; readonly resourceProfileId?: number }
  | { readonly type: "SparkListenerExecutorRemoved"; readonly executorId: string; readonly reason: string | null }
  | {
      readonly type: "SparkListenerBlockUpdated";
      readonly executorId: string;
      readonly rddId: number;
      readonly splitIndex: number;
      readonly level: StorageLevel;
    }
  | { readonly type: "SparkListenerUnpersistRDD"; readonly rddId: number }
  /** `ExecutorMonitor.shuffleCleaned(id)` (a `CleanerListener` callback turned into a bus event). */
  | { readonly type: "ShuffleCleanedEvent"; readonly shuffleId: number };

export const jobStart = (jobId: number, stageInfos: readonly StageInfo[]): SparkListenerEvent => ({ type: "SparkListenerJobStart", jobId, stageInfos });
export const jobEnd = (jobId: number): SparkListenerEvent => ({ type: "SparkListenerJobEnd", jobId });
export const stageSubmitted = (stageInfo: StageInfo): SparkListenerEvent => ({ type: "SparkListenerStageSubmitted", stageInfo });
export const stageCompleted = (stageInfo: StageInfo): SparkListenerEvent => ({ type: "SparkListenerStageCompleted", stageInfo });
export const taskStart = (stageId: number, stageAttemptId: number, taskInfo: TaskInfo): SparkListenerEvent => ({
  type: "SparkListenerTaskStart",
  stageId,
  stageAttemptId,
  taskInfo,
});
export const taskEnd = (stageId: number, stageAttemptId: number, reason: SparkTaskEndReason, taskInfo: TaskInfo): SparkListenerEvent => ({
  type: "SparkListenerTaskEnd",
  stageId,
  stageAttemptId,
  reason,
  taskInfo,
});
/** `speculativeTaskSubmitEventFromTaskIndex(stageId, stageAttemptId = 0, taskIndex)`. */
export const speculativeTaskSubmitted = (stageId: number, taskIndex: number, stageAttemptId = 0): SparkListenerEvent => ({
  type: "SparkListenerSpeculativeTaskSubmitted",
  stageId,
  stageAttemptId,
  taskIndex,
});
export const unschedulableTaskSetAdded = (stageId: number, stageAttemptId: number): SparkListenerEvent => ({
  type: "SparkListenerUnschedulableTaskSetAdded",
  stageId,
  stageAttemptId,
});
export const unschedulableTaskSetRemoved = (stageId: number, stageAttemptId: number): SparkListenerEvent => ({
  type: "SparkListenerUnschedulableTaskSetRemoved",
  stageId,
  stageAttemptId,
});
/** `SparkListenerExecutorAdded(time, id, ExecutorInfo(host1, 1 core, default profile))`. */
export const executorAdded = (executorId: string, rp?: { readonly id: number }): SparkListenerEvent => ({
  type: "SparkListenerExecutorAdded",
  executorId,
  ...(rp === undefined ? {} : { resourceProfileId: rp.id }),
});
/** `ExecutorLossMessage.decommissionFinished`: the reason an executor that exited once decommissioned gives. */
export const DECOMMISSION_FINISHED = "Finished decommissioning";

export const executorRemoved = (executorId: string, reason: string | null = null): SparkListenerEvent => ({
  type: "SparkListenerExecutorRemoved",
  executorId,
  reason,
});
/** The EM suite's `rddUpdate(rddId, splitIndex, execId, level = MEMORY_ONLY)`. */
export const rddUpdate = (rddId: number, splitIndex: number, executorId: string, level: StorageLevel = StorageLevel.MEMORY_ONLY): SparkListenerEvent => ({
  type: "SparkListenerBlockUpdated",
  executorId,
  rddId,
  splitIndex,
  level,
});
export const unpersistRDD = (rddId: number): SparkListenerEvent => ({ type: "SparkListenerUnpersistRDD", rddId });
export const shuffleCleaned = (shuffleId: number): SparkListenerEvent => ({ type: "ShuffleCleanedEvent", shuffleId });

/** Delivers one event to every listener on `bus`, in registration order, stamped `nowMs`. */
export function postToBus(bus: ListenerBus, e: SparkListenerEvent, nowMs: number): void {
  switch (e.type) {
    case "SparkListenerJobStart":
      bus.postJobStart({
        jobId: e.jobId,
        timeMs: nowMs,
        stageInfos: e.stageInfos.map((s) => ({ stageId: s.stageId, shuffleId: s.shuffleDepId, numTasks: s.numTasks })),
      });
      return;
    case "SparkListenerJobEnd":
      bus.postJobEnd({ jobId: e.jobId, timeMs: nowMs });
      return;
    case "SparkListenerStageSubmitted":
      bus.postStageSubmitted({ stageId: e.stageInfo.stageId, attempt: e.stageInfo.attemptId, numTasks: e.stageInfo.numTasks, timeMs: nowMs, ...(e.stageInfo.resourceProfileId === undefined ? {} : { resourceProfileId: e.stageInfo.resourceProfileId }) });
      return;
    case "SparkListenerStageCompleted":
      bus.postStageCompleted({ stageId: e.stageInfo.stageId, attempt: e.stageInfo.attemptId, timeMs: nowMs });
      return;
    case "SparkListenerTaskStart":
      bus.postTaskStart({
        stageId: e.stageId,
        attempt: e.stageAttemptId,
        index: e.taskInfo.index,
        executorId: e.taskInfo.executorId,
        speculative: e.taskInfo.speculative,
        timeMs: nowMs,
      });
      return;
    case "SparkListenerTaskEnd":
      bus.postTaskEnd({
        stageId: e.stageId,
        attempt: e.stageAttemptId,
        index: e.taskInfo.index,
        executorId: e.taskInfo.executorId,
        speculative: e.taskInfo.speculative,
        reason: toModelReason(e.reason),
        timeMs: nowMs,
      });
      return;
    case "SparkListenerSpeculativeTaskSubmitted":
      bus.postSpeculativeTaskSubmitted({ stageId: e.stageId, attempt: e.stageAttemptId, index: e.taskIndex });
      return;
    case "SparkListenerUnschedulableTaskSetAdded":
      bus.postUnschedulableTaskSetAdded({ stageId: e.stageId, attempt: e.stageAttemptId });
      return;
    case "SparkListenerUnschedulableTaskSetRemoved":
      bus.postUnschedulableTaskSetRemoved({ stageId: e.stageId, attempt: e.stageAttemptId });
      return;
    case "SparkListenerExecutorAdded":
      bus.postExecutorAdded({ executorId: e.executorId, timeMs: nowMs, ...(e.resourceProfileId === undefined ? {} : { resourceProfileId: e.resourceProfileId }) });
      return;
    case "SparkListenerExecutorRemoved":
      // Spark's loss reason is free text; the model's reasons are the simulator's own, and
      // neither the allocation listener nor the monitor reads them.
      // The one reason text the monitor does read (SPARK-33763's counters): a finished decommission.
      bus.postExecutorRemoved({
        executorId: e.executorId,
        timeMs: nowMs,
        reason: "idle-timeout",
        ...(e.reason === DECOMMISSION_FINISHED ? { decommissionFinished: true } : {}),
      });
      return;
    case "SparkListenerBlockUpdated":
      bus.postBlockUpdated({
        executorId: e.executorId,
        rddId: e.rddId,
        partition: e.splitIndex,
        valid: e.level.useMemory || e.level.useDisk,
        useDisk: e.level.useDisk,
      });
      return;
    case "SparkListenerUnpersistRDD":
      bus.postUnpersistRDD({ rddId: e.rddId, timeMs: nowMs });
      return;
    case "ShuffleCleanedEvent":
      bus.postShuffleCleaned({ shuffleId: e.shuffleId, timeMs: nowMs });
      return;
  }
}
