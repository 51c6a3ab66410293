import { objectArray } from "../core/objectArray.js";
import type { TaskLocality } from "../result/TaskLocality.js";
import type { ExecutorSlots } from "./TaskSchedulerImpl.js";
import type { TaskSetManager } from "./TaskSetManager.js";
import type { Writable } from "./Writable.js";

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
  readonly launchMs: number;
  /** A speculative copy (`TaskInfo.speculative`). */
  readonly speculative: boolean;
  /** Set when it ended before its queued end (its executor was lost, or it was killed): that end is void. */
  failed: boolean;
  /** Row in the result's task records, -1 when they are not kept. */
  recordIndex: number;
}


/**
 * Running-task objects for reuse: one is taken at each launch and given back once its end
 * event has been handled, when nothing holds it any more (the scheduler, the speculation
 * state and the backend drop an attempt when it ends). A new object per launch was most of
 * the engine's garbage.
 */
export class RunningTaskPool {
  private readonly free: Array<Writable<RunningTask>> = objectArray();

  take(taskSet: TaskSetManager, index: number, partition: number, slots: ExecutorSlots, durationMs: number, locality: TaskLocality, launchMs: number, speculative: boolean): RunningTask {
    const t = this.free.pop();
    if (t === undefined) return { type: "taskEnd", taskSet, index, partition, executorId: slots.id, slots, durationMs, locality, launchMs, speculative, failed: false, recordIndex: -1 };
    t.taskSet = taskSet;
    t.index = index;
    t.partition = partition;
    t.executorId = slots.id;
    t.slots = slots;
    t.durationMs = durationMs;
    t.locality = locality;
    t.launchMs = launchMs;
    t.speculative = speculative;
    t.failed = false;
    t.recordIndex = -1;
    return t;
  }

  /** The task's end event was handled: the object may be taken again. */
  release(task: RunningTask): void {
    this.free.push(task as Writable<RunningTask>);
  }
}

/** A task taken by an offer, and the level it launched at. */
export interface Launch {
  readonly index: number;
  readonly locality: TaskLocality;
}
