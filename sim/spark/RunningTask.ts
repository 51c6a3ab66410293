import type { TaskLocality } from "../result/TaskLocality.js";
import type { ExecutorSlots } from "./TaskSchedulerImpl.js";
import type { TaskSetManager } from "./TaskSetManager.js";

/** One running task attempt (also the queue payload of its end: hence `type`). */
export interface RunningTask {
  readonly type: "taskEnd";
  readonly taskSet: TaskSetManager;
  /** Index within the task set (what listeners see). */
  readonly index: number;
  /** The stage partition it computes. */
  readonly partition: number;
  readonly executorId: string;
  /** Its executor's slots in the task scheduler (no lookup by id when it ends). */
  readonly slots: ExecutorSlots;
  readonly durationMs: number;
  /** The level it launched at (`TaskInfo.taskLocality`). */
  readonly locality: TaskLocality;
  /** Set when its executor was lost before it ended: its queued end is void. */
  failed?: boolean;
  /** Row in the result's task records, when they are kept. */
  recordIndex?: number;
}

/** A task taken by an offer, and the level it launched at. */
export interface Launch {
  readonly index: number;
  readonly locality: TaskLocality;
}
