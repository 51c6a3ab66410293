import { profileField } from "../conf/ResourceProfile.js";
import type { Clock } from "../core/Simulation.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { JobSpec } from "../scenario/Scenario.js";
import type { RunningTask } from "./TaskSchedulerImpl.js";
import type { TaskSetSpeculation } from "./TaskSetSpeculation.js";

/** What the `DAGScheduler` tells the application, and asks of it. */
export interface DAGSchedulerHooks {
  onJobStart(jobId: number, jobIndex: number, stageIds: readonly number[], skippedStageIds: readonly number[]): void;
  onJobEnd(jobId: number, jobIndex: number): void;
  onStageSubmitted(stageId: number, attempt: number, numTasks: number, resourceProfileId: number): void;
  onStageCompleted(stageId: number, attempt: number): void;
  /** A stage attempt failed (a fetch failure after lost map output): it is resubmitted after `RESUBMIT_TIMEOUT`. */
  onStageFailed(stageId: number, attempt: number, reason: string): void;
  /** Ask for `resubmitFailedStages` at now + delayMs. */
  scheduleResubmit(delayMs: number): void;
  /** A new task set's speculation state (spark.speculation on); undefined with it off. */
  readonly speculationFor: ((numTasks: number) => TaskSetSpeculation | undefined) | undefined;
  /** Kill an attempt: another attempt of its task succeeded (`killTask(reason = "another attempt succeeded")`). */
  readonly killAttempt: ((task: RunningTask) => void) | undefined;
  /** An attempt was killed because another attempt of its task succeeded. */
  readonly onTaskKilled: ((task: RunningTask) => void) | undefined;
}

/** The hooks that only record events: job start, stage submitted, completed and failed. */
export function recordingHooks(
  jobs: readonly JobSpec[],
  record: (e: SimEvent) => void,
  clock: Clock,
): Pick<DAGSchedulerHooks, "onJobStart" | "onStageSubmitted" | "onStageCompleted" | "onStageFailed"> {
  return {
    onJobStart: (jobId, jobIndex, stageIds, skippedStageIds) => {
      const name = jobs[jobIndex]!.name;
      record({ timeMs: clock.now, type: "jobStart", jobId, jobIndex, ...(name === undefined ? {} : { name }), stageIds, skippedStageIds });
    },
    onStageSubmitted: (stageId, attempt, tasks, rpId) => record({ timeMs: clock.now, type: "stageSubmitted", stageId, attempt, tasks, ...profileField(rpId) }),
    onStageCompleted: (stageId, attempt) => record({ timeMs: clock.now, type: "stageCompleted", stageId, attempt }),
    onStageFailed: (stageId, attempt, reason) => record({ timeMs: clock.now, type: "stageFailed", stageId, attempt, reason }),
  };
}
