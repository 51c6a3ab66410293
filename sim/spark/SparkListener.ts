/**
 * The listener events the model posts, named as Spark names them, and the listener trait.
 * Spark delivers them asynchronously but in order on the `executorManagement` queue; the
 * model delivers them synchronously in the same order (spec §1.5).
 */

import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";

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
  readonly speculative: boolean;
  readonly timeMs: number;
}

export type TaskEndReason = "Success" | "TaskKilled" | "Failure";

export interface SparkListenerTaskEnd {
  readonly stageId: number;
  readonly attempt: number;
  readonly index: number;
  readonly executorId: string;
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

/** Delivers each event to every listener in registration order (EAM listener, then ExecutorMonitor). */
export class ListenerBus {
  private readonly listeners: SparkListener[] = [];

  add(listener: SparkListener): void {
    this.listeners.push(listener);
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
    for (const l of this.listeners) l.onTaskStart?.(e);
  }
  postTaskEnd(e: SparkListenerTaskEnd): void {
    for (const l of this.listeners) l.onTaskEnd?.(e);
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
    for (const l of this.listeners) l.onExecutorAdded?.(e);
  }
  postExecutorRemoved(e: SparkListenerExecutorRemoved): void {
    for (const l of this.listeners) l.onExecutorRemoved?.(e);
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
