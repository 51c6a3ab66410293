import type { ExecutorLossCause } from "../scenario/Scenario.js";
import type { ExecutorRemovalReason } from "./ExecutorRemovalReason.js";

/**
 * What started a decommission: the allocation manager's scale-down (`spark decommission` of
 * idle executors), or the notice before an executor loss (a spot interruption's warning).
 */
export type DecommissionTrigger = "scale-down" | "notice";

/** Why the allocation manager's target moved, for the events log. */
export const TARGET_CHANGE_CAUSES = ["initial", "backlog", "demand-fell"] as const;

export type TargetChangeCause = (typeof TARGET_CHANGE_CAUSES)[number];

/** What happened, one record per event, in time order (`--events FILE.jsonl`). */
export type SimEvent =
  | { readonly timeMs: number; readonly type: "applicationStart" }
  | { readonly timeMs: number; readonly type: "driverReady"; readonly registeredExecutors: number }
  /** `resourceProfileId` (events of executors, targets and stages): present for a profile other than the default (0). */
  | { readonly timeMs: number; readonly type: "executorRequested"; readonly executorId: string; readonly resourceProfileId?: number }
  | { readonly timeMs: number; readonly type: "executorRequestCancelled"; readonly executorId: string }
  | { readonly timeMs: number; readonly type: "executorAdded"; readonly executorId: string; readonly resourceProfileId?: number }
  | {
      readonly timeMs: number;
      readonly type: "executorRemoved";
      readonly executorId: string;
      readonly reason: ExecutorRemovalReason;
      /** When it last went idle (timeout removals). */
      readonly idleSinceMs?: number;
      /** Losses (`executor-lost`): why. */
      readonly cause?: ExecutorLossCause;
      /** When the driver killed it, if its container ran on after the kill (cluster.executorRemovalMs). */
      readonly killedAtMs?: number;
      /** It was decommissioning: since when, and whether it exited once done or went before (force-killed, lost, the application's end). */
      readonly decommissionedAtMs?: number;
      readonly decommission?: "finished" | "unfinished";
    }
  | {
      readonly timeMs: number;
      readonly type: "executorDecommissioned";
      readonly executorId: string;
      readonly trigger: DecommissionTrigger;
      /** A notice's loss time. */
      readonly lossAtMs?: number;
    }
  | {
      readonly timeMs: number;
      readonly type: "blockMigrated";
      /** The decommissioning executor the block left. */
      readonly executorId: string;
      /** A peer executor, or "fallback" (the fallback storage). */
      readonly to: string;
      readonly block: "shuffle" | "rdd";
      /** The shuffle id or the RDD id. */
      readonly id: number;
      readonly partition: number;
    }
  | {
      readonly timeMs: number;
      readonly type: "taskFailed";
      readonly stageId: number;
      readonly attempt: number;
      readonly partition: number;
      readonly executorId: string;
      /** `ExecutorLostFailure`: counted toward spark.task.maxFailures (`exitCausedByApp`). */
      readonly counted: boolean;
    }
  /** `TaskSetManager.checkSpeculatableTasks` found a task to copy (SparkListenerSpeculativeTaskSubmitted). */
  | { readonly timeMs: number; readonly type: "speculativeTaskSubmitted"; readonly stageId: number; readonly attempt: number; readonly partition: number }
  /** An attempt killed because another attempt of its task succeeded (`TaskKilled("another attempt succeeded")`); `speculative`: the killed one was the copy. */
  | {
      readonly timeMs: number;
      readonly type: "taskKilled";
      readonly stageId: number;
      readonly attempt: number;
      readonly partition: number;
      readonly executorId: string;
      readonly speculative: boolean;
    }
  | { readonly timeMs: number; readonly type: "stageFailed"; readonly stageId: number; readonly attempt: number; readonly reason: string }
  | { readonly timeMs: number; readonly type: "jobFailed"; readonly jobId: number; readonly jobIndex: number; readonly reason: string }
  | { readonly timeMs: number; readonly type: "targetChanged"; readonly target: number; readonly previous: number; readonly cause: TargetChangeCause; readonly resourceProfileId?: number }
  | {
      readonly timeMs: number;
      readonly type: "jobStart";
      readonly jobId: number;
      readonly jobIndex: number;
      readonly name?: string;
      readonly stageIds: readonly number[];
      readonly skippedStageIds: readonly number[];
    }
  | { readonly timeMs: number; readonly type: "jobEnd"; readonly jobId: number; readonly jobIndex: number }
  | { readonly timeMs: number; readonly type: "stageSubmitted"; readonly stageId: number; readonly attempt: number; readonly tasks: number; readonly resourceProfileId?: number }
  | { readonly timeMs: number; readonly type: "stageCompleted"; readonly stageId: number; readonly attempt: number }
  | { readonly timeMs: number; readonly type: "shuffleCleaned"; readonly shuffleId: number }
  | { readonly timeMs: number; readonly type: "unpersist"; readonly rddId: number }
  | { readonly timeMs: number; readonly type: "applicationEnd" };

export type SimEventType = SimEvent["type"];
