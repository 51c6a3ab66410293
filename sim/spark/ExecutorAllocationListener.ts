import type {
  SparkListener,
  SparkListenerStageCompleted,
  SparkListenerStageSubmitted,
  SparkListenerTaskEnd,
  SparkListenerTaskStart,
} from "./SparkListener.js";

/** What the listener tells the policy (`onSchedulerBacklogged` / `onSchedulerQueueEmpty`). */
export interface BacklogCallbacks {
  onStageSubmitted(): void;
  onSchedulerBacklogged(): void;
  onSchedulerQueueEmpty(): void;
}

interface StageAttemptCounts {
  numTasks: number;
  /** `stageAttemptToTaskIndices`: started non-speculative indices, as a bitmap plus its size. */
  readonly started: Uint8Array;
  startedCount: number;
}

const attemptKey = (stageId: number, attempt: number): string => `${stageId}.${attempt}`;

/**
 * `ExecutorAllocationManager.ExecutorAllocationListener`: pending and running tasks per stage
 * attempt (one resource profile), and the backlog signals. Totals are kept incrementally so
 * `maxNeeded` is O(1).
 */
export class ExecutorAllocationListener implements SparkListener {
  private readonly stages = new Map<string, StageAttemptCounts>();
  /** `stageAttemptToNumRunningTask`: kept past StageCompleted while tasks still run. */
  private readonly running = new Map<string, number>();
  private pendingTotal = 0;
  private runningTotal = 0;

  constructor(private readonly callbacks: BacklogCallbacks | undefined) {}

  /** Tasks submitted but not yet started, over active stage attempts. */
  get pendingTasks(): number {
    return this.pendingTotal;
  }

  get runningTasks(): number {
    return this.runningTotal;
  }

  /** Speculative copies are not modelled. */
  get pendingSpeculativeTasks(): number {
    return 0;
  }

  get hasPendingTasks(): boolean {
    return this.pendingTotal > 0;
  }

  onStageSubmitted(event: SparkListenerStageSubmitted): void {
    this.callbacks?.onStageSubmitted();
    const key = attemptKey(event.stageId, event.attempt);
    const old = this.stages.get(key);
    if (old !== undefined) this.pendingTotal -= old.numTasks - old.startedCount;
    this.stages.set(key, { numTasks: event.numTasks, started: new Uint8Array(event.numTasks), startedCount: 0 });
    this.pendingTotal += event.numTasks;
    this.callbacks?.onSchedulerBacklogged();
  }

  onStageCompleted(event: SparkListenerStageCompleted): void {
    const key = attemptKey(event.stageId, event.attempt);
    const s = this.stages.get(key);
    if (s !== undefined) {
      this.pendingTotal -= s.numTasks - s.startedCount;
      this.stages.delete(key);
    }
    // The last active stage attempt: mark the queue empty (covers aborted stages too).
    if (this.stages.size === 0) this.callbacks?.onSchedulerQueueEmpty();
  }

  onTaskStart(event: SparkListenerTaskStart): void {
    const key = attemptKey(event.stageId, event.attempt);
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    this.runningTotal++;
    const s = this.stages.get(key);
    if (s !== undefined && s.started[event.index] === 0) {
      s.started[event.index] = 1;
      s.startedCount++;
      this.pendingTotal--;
    }
    if (!this.hasPendingTasks) this.callbacks?.onSchedulerQueueEmpty();
  }

  onTaskEnd(event: SparkListenerTaskEnd): void {
    const key = attemptKey(event.stageId, event.attempt);
    const n = this.running.get(key);
    if (n !== undefined) {
      this.runningTotal--;
      if (n === 1) this.running.delete(key);
      else this.running.set(key, n - 1);
    }
    if (event.reason === "Failure") {
      // SPARK-8366: a failed task will be resubmitted; re-arm the backlog timer if clear.
      if (!this.hasPendingTasks) this.callbacks?.onSchedulerBacklogged();
      const s = this.stages.get(key);
      if (s !== undefined && s.started[event.index] === 1) {
        s.started[event.index] = 0;
        s.startedCount--;
        this.pendingTotal++;
      }
    }
  }
}
