/**
 * The listener events the model posts, named as Spark names them, and the listener trait.
 * Spark delivers them asynchronously but in order on the `executorManagement` queue; the
 * model delivers them synchronously in the same order (spec §1.5).
 */

import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";
import type { TaskLocation } from "./PendingTasksByLocality.js";
import type { Writable } from "./Writable.js";

export interface StageInfo {
  readonly stageId: number;
  /** `shuffleDepId`: set when the stage writes a shuffle. */
  readonly shuffleId: number | undefined;
  readonly numTasks: number;
}

export interface SparkListenerJobStart {
  readonly jobId: number;
  readonly timeMs: number;
  /** Every stage of the job's lineage, skipped ones included, sorted by stage id. */
  readonly stageInfos: readonly StageInfo[];
}

export interface SparkListenerJobEnd {
  readonly jobId: number;
  readonly timeMs: number;
}

export interface SparkListenerStageSubmitted {
  readonly stageId: number;
  readonly attempt: number;
  readonly numTasks: number;
  readonly timeMs: number;
  /** `StageInfo.resourceProfileId`; absent: the default profile (0). */
  readonly resourceProfileId?: number;
  /** `StageInfo.taskLocalityPreferences`: each task's preferred locations (absent: none has any). */
  readonly taskLocalityPreferences?: ReadonlyArray<readonly TaskLocation[] | undefined>;
}

export interface SparkListenerStageCompleted {
  readonly stageId: number;
  readonly attempt: number;
  readonly timeMs: number;
}

export interface SparkListenerTaskStart {
  readonly stageId: number;
  readonly attempt: number;
  /** Index of the task within its task set. */
  readonly index: number;
  readonly executorId: string;
  /** Not Spark's: the scheduler's dense number for the executor (`ExecutorSlots.number`), a hint that saves a lookup by id; -1 or absent when unknown. */
  readonly executorNumber?: number;
  readonly speculative: boolean;
  readonly timeMs: number;
}

export type TaskEndReason = "Success" | "TaskKilled" | "Failure";

export interface SparkListenerTaskEnd {
  readonly stageId: number;
  readonly attempt: number;
  readonly index: number;
  readonly executorId: string;
  /** As in TaskStart: a lookup hint, not Spark's. */
  readonly executorNumber?: number;
  readonly speculative: boolean;
  readonly reason: TaskEndReason;
  readonly timeMs: number;
}

export interface SparkListenerSpeculativeTaskSubmitted {
  readonly stageId: number;
  readonly attempt: number;
  readonly index: number;
}

/** A task set that cannot be scheduled because executors or nodes are excluded (3.1+). */
export interface SparkListenerUnschedulableTaskSet {
  readonly stageId: number;
  readonly attempt: number;
}

export interface SparkListenerExecutorAdded {
  readonly executorId: string;
  readonly timeMs: number;
  /** `ExecutorInfo.resourceProfileId`; absent: the default profile (0). */
  readonly resourceProfileId?: number;
}

export interface SparkListenerExecutorRemoved {
  readonly executorId: string;
  readonly timeMs: number;
  readonly reason: ExecutorRemovalReason;
  /** Its loss reason is `ExecutorDecommission` / "Finished decommissioning": it exited once decommissioned. */
  readonly decommissionFinished?: boolean;
}

export interface SparkListenerBlockUpdated {
  readonly executorId: string;
  readonly rddId: number;
  readonly partition: number;
  /** `StorageLevel.isValid`: false means the block was dropped. */
  readonly valid: boolean;
  readonly useDisk: boolean;
}

export interface SparkListenerUnpersistRDD {
  readonly rddId: number;
  readonly timeMs: number;
}

/** `CleanerListener.shuffleCleaned`, which ExecutorMonitor turns into a bus event. */
export interface ShuffleCleaned {
  readonly shuffleId: number;
  readonly timeMs: number;
}

export interface SparkListener {
  onJobStart?(event: SparkListenerJobStart): void;
  onJobEnd?(event: SparkListenerJobEnd): void;
  onStageSubmitted?(event: SparkListenerStageSubmitted): void;
  onStageCompleted?(event: SparkListenerStageCompleted): void;
  onTaskStart?(event: SparkListenerTaskStart): void;
  onTaskEnd?(event: SparkListenerTaskEnd): void;
  onSpeculativeTaskSubmitted?(event: SparkListenerSpeculativeTaskSubmitted): void;
  onUnschedulableTaskSetAdded?(event: SparkListenerUnschedulableTaskSet): void;
  onUnschedulableTaskSetRemoved?(event: SparkListenerUnschedulableTaskSet): void;
  onExecutorAdded?(event: SparkListenerExecutorAdded): void;
  onExecutorRemoved?(event: SparkListenerExecutorRemoved): void;
  onBlockUpdated?(event: SparkListenerBlockUpdated): void;
  onUnpersistRDD?(event: SparkListenerUnpersistRDD): void;
  onShuffleCleaned?(event: ShuffleCleaned): void;
}

/** Writes a task event's common fields into the bus's reused event object. */
function fillTask<E extends Writable<Required<SparkListenerTaskStart>>>(
  e: E, stageId: number, attempt: number, index: number, executorId: string, executorNumber: number, speculative: boolean, timeMs: number,
): E {
  e.stageId = stageId;
  e.attempt = attempt;
  e.index = index;
  e.executorId = executorId;
  e.executorNumber = executorNumber;
  e.speculative = speculative;
  e.timeMs = timeMs;
  return e;
}

/**
 * Delivers each event to every listener in registration order (EAM listener, then ExecutorMonitor).
 * Listeners read an event during the call only: the task events, one or two per task, are
 * posted in an object the bus fills again for each (a new object per task event was most of
 * the engine's garbage), unless one is posted while another is being delivered.
 */
export class ListenerBus {
  private readonly listeners: SparkListener[] = [];
  /** The listeners with a task start or task end method (most have neither): no call per listener that ignores them, twice per task. */
  private readonly taskStartListeners: Array<Required<Pick<SparkListener, "onTaskStart">>> = [];
  private readonly taskEndListeners: Array<Required<Pick<SparkListener, "onTaskEnd">>> = [];
  /** Likewise for executors added and removed (tens of thousands at thousands of executors): a call per listener with the method, none through a lookup of a method most lack. */
  private readonly executorAddedListeners: Array<Required<Pick<SparkListener, "onExecutorAdded">>> = [];
  private readonly executorRemovedListeners: Array<Required<Pick<SparkListener, "onExecutorRemoved">>> = [];
  private readonly taskStart: Writable<Required<SparkListenerTaskStart>> = { stageId: 0, attempt: 0, index: 0, executorId: "", executorNumber: -1, speculative: false, timeMs: 0 };
  private readonly taskEnd: Writable<Required<SparkListenerTaskEnd>> = { stageId: 0, attempt: 0, index: 0, executorId: "", executorNumber: -1, speculative: false, reason: "Success", timeMs: 0 };
  private taskStartBusy = false;
  private taskEndBusy = false;

  add(listener: SparkListener): void {
    this.listeners.push(listener);
    if (listener.onTaskStart !== undefined) this.taskStartListeners.push(listener as Required<Pick<SparkListener, "onTaskStart">>);
    if (listener.onTaskEnd !== undefined) this.taskEndListeners.push(listener as Required<Pick<SparkListener, "onTaskEnd">>);
    if (listener.onExecutorAdded !== undefined) this.executorAddedListeners.push(listener as Required<Pick<SparkListener, "onExecutorAdded">>);
    if (listener.onExecutorRemoved !== undefined) this.executorRemovedListeners.push(listener as Required<Pick<SparkListener, "onExecutorRemoved">>);
  }

  postJobStart(e: SparkListenerJobStart): void {
    for (const l of this.listeners) l.onJobStart?.(e);
  }
  postJobEnd(e: SparkListenerJobEnd): void {
    for (const l of this.listeners) l.onJobEnd?.(e);
  }
  postStageSubmitted(e: SparkListenerStageSubmitted): void {
    for (const l of this.listeners) l.onStageSubmitted?.(e);
  }
  postStageCompleted(e: SparkListenerStageCompleted): void {
    for (const l of this.listeners) l.onStageCompleted?.(e);
  }
  postTaskStart(e: SparkListenerTaskStart): void {
    const ls = this.taskStartListeners;
    for (let i = 0; i < ls.length; i++) ls[i]!.onTaskStart(e);
  }
  postTaskEnd(e: SparkListenerTaskEnd): void {
    const ls = this.taskEndListeners;
    for (let i = 0; i < ls.length; i++) ls[i]!.onTaskEnd(e);
  }

  /** TaskStart, in the bus's reused event object. */
  postTaskStartOf(stageId: number, attempt: number, index: number, executorId: string, executorNumber: number, speculative: boolean, timeMs: number): void {
    if (this.taskStartBusy) {
      this.postTaskStart({ stageId, attempt, index, executorId, executorNumber, speculative, timeMs });
      return;
    }
    const e = fillTask(this.taskStart, stageId, attempt, index, executorId, executorNumber, speculative, timeMs);
    // No try/finally: a listener that throws ends the run; a flag left set would only cost objects.
    this.taskStartBusy = true;
    this.postTaskStart(e);
    this.taskStartBusy = false;
  }

  /** TaskEnd, in the bus's reused event object. */
  postTaskEndOf(stageId: number, attempt: number, index: number, executorId: string, executorNumber: number, speculative: boolean, reason: TaskEndReason, timeMs: number): void {
    if (this.taskEndBusy) {
      this.postTaskEnd({ stageId, attempt, index, executorId, executorNumber, speculative, reason, timeMs });
      return;
    }
    const e = fillTask(this.taskEnd, stageId, attempt, index, executorId, executorNumber, speculative, timeMs);
    e.reason = reason;
    this.taskEndBusy = true;
    this.postTaskEnd(e);
    this.taskEndBusy = false;
  }
  postSpeculativeTaskSubmitted(e: SparkListenerSpeculativeTaskSubmitted): void {
    for (const l of this.listeners) l.onSpeculativeTaskSubmitted?.(e);
  }
  postUnschedulableTaskSetAdded(e: SparkListenerUnschedulableTaskSet): void {
    for (const l of this.listeners) l.onUnschedulableTaskSetAdded?.(e);
  }
  postUnschedulableTaskSetRemoved(e: SparkListenerUnschedulableTaskSet): void {
    for (const l of this.listeners) l.onUnschedulableTaskSetRemoved?.(e);
  }
  postExecutorAdded(e: SparkListenerExecutorAdded): void {
    const ls = this.executorAddedListeners;
    for (let i = 0; i < ls.length; i++) ls[i]!.onExecutorAdded(e);
  }
  postExecutorRemoved(e: SparkListenerExecutorRemoved): void {
    const ls = this.executorRemovedListeners;
    for (let i = 0; i < ls.length; i++) ls[i]!.onExecutorRemoved(e);
  }
  postBlockUpdated(e: SparkListenerBlockUpdated): void {
    for (const l of this.listeners) l.onBlockUpdated?.(e);
  }
  postUnpersistRDD(e: SparkListenerUnpersistRDD): void {
    for (const l of this.listeners) l.onUnpersistRDD?.(e);
  }
  postShuffleCleaned(e: ShuffleCleaned): void {
    for (const l of this.listeners) l.onShuffleCleaned?.(e);
  }
}
