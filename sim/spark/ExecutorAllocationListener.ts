import type {
  SparkListener,
  SparkListenerSpeculativeTaskSubmitted,
  SparkListenerStageCompleted,
  SparkListenerStageSubmitted,
  SparkListenerTaskEnd,
  SparkListenerTaskStart,
  SparkListenerUnschedulableTaskSet,
} from "./SparkListener.js";

/** What the listener tells the policy (`onSchedulerBacklogged` / `onSchedulerQueueEmpty`). */
export interface BacklogCallbacks {
  onStageSubmitted(): void;
  onSchedulerBacklogged(): void;
  onSchedulerQueueEmpty(): void;
}

/** A set of small non-negative integers (task indices) as a growable bitmap. */
class IndexSet {
  private bits = new Uint8Array(16);
  size = 0;

  add(i: number): void {
    if (i >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(i + 1, this.bits.length * 2));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    if (this.bits[i] === 0) {
      this.bits[i] = 1;
      this.size++;
    }
  }

  delete(i: number): void {
    if (i < this.bits.length && this.bits[i] === 1) {
      this.bits[i] = 0;
      this.size--;
    }
  }
}

/**
 * One stage attempt's entries in the listener's maps. An `undefined` field is a key absent
 * from Spark's map, which matters: the queue-empty test and the unlinking look at key presence.
 */
class StageAttempt {
  numTasks: number | undefined;
  /** `stageAttemptToNumRunningTask`: absent (0) once its last task ends. */
  numRunning = 0;
  taskIndices: IndexSet | undefined;
  speculativeTaskIndices: IndexSet | undefined;
  pendingSpeculativeTasks: IndexSet | undefined;
  unschedulable = false;
  /** In `resourceProfileIdToStageAttempt` (one profile). */
  linked = false;

  get pendingRegular(): number {
    return (this.numTasks ?? 0) - (this.taskIndices?.size ?? 0);
  }

  get pendingSpeculative(): number {
    return this.pendingSpeculativeTasks?.size ?? 0;
  }

  get unused(): boolean {
    return (
      this.numRunning === 0 &&
      this.numTasks === undefined &&
      this.pendingSpeculativeTasks === undefined &&
      this.taskIndices === undefined &&
      this.speculativeTaskIndices === undefined
    );
  }
}

/**
 * `ExecutorAllocationManager.ExecutorAllocationListener` (3.4+, one resource profile):
 * pending, pending speculative and running tasks per stage attempt, unschedulable task sets,
 * and the backlog signals. Demand sums over the attempts linked to the profile.
 */
export class ExecutorAllocationListener implements SparkListener {
  /** Keyed by stageId * 1e6 + attempt: a number, not a string built per task event. */
  private readonly attempts = new Map<number, StageAttempt>();
  /** Attempts linked to the profile, in link order: demand is summed over these (an array: summed per task start and per instant, without an iterator). */
  private readonly linked: StageAttempt[] = [];
  /** Number of attempts with `numTasks`, pending speculative or running speculative keys. */
  private numTasksKeys = 0;
  private pendingSpecKeys = 0;
  private specIndicesKeys = 0;

  constructor(private readonly callbacks: BacklogCallbacks | undefined) {}

  private attempt(stageId: number, attempt: number): StageAttempt {
    const key = stageId * 1_000_000 + attempt;
    let a = this.attempts.get(key);
    if (a === undefined) {
      a = new StageAttempt();
      this.attempts.set(key, a);
    }
    return a;
  }

  get pendingTasks(): number {
    const linked = this.linked;
    let n = 0;
    for (let i = 0; i < linked.length; i++) n += linked[i]!.pendingRegular;
    return n;
  }

  get pendingSpeculativeTasks(): number {
    const linked = this.linked;
    let n = 0;
    for (let i = 0; i < linked.length; i++) n += linked[i]!.pendingSpeculative;
    return n;
  }

  get runningTasks(): number {
    const linked = this.linked;
    let n = 0;
    for (let i = 0; i < linked.length; i++) n += linked[i]!.numRunning;
    return n;
  }

  get unschedulableTaskSets(): number {
    const linked = this.linked;
    let n = 0;
    for (let i = 0; i < linked.length; i++) if (linked[i]!.unschedulable) n++;
    return n;
  }

  get hasPendingTasks(): boolean {
    const linked = this.linked;
    for (let i = 0; i < linked.length; i++) {
      const a = linked[i]!;
      if (a.pendingRegular > 0 || a.pendingSpeculative > 0) return true;
    }
    return false;
  }

  onStageSubmitted(event: SparkListenerStageSubmitted): void {
    this.callbacks?.onStageSubmitted();
    const a = this.attempt(event.stageId, event.attempt);
    if (a.numTasks === undefined) this.numTasksKeys++;
    a.numTasks = event.numTasks;
    this.callbacks?.onSchedulerBacklogged();
    if (!a.linked) this.linked.push(a);
    a.linked = true;
  }

  onStageCompleted(event: SparkListenerStageCompleted): void {
    const a = this.attempt(event.stageId, event.attempt);
    // numRunning is kept: the attempt may still have running (zombie) tasks.
    if (a.numTasks !== undefined) this.numTasksKeys--;
    if (a.pendingSpeculativeTasks !== undefined) this.pendingSpecKeys--;
    if (a.speculativeTaskIndices !== undefined) this.specIndicesKeys--;
    a.numTasks = undefined;
    a.pendingSpeculativeTasks = undefined;
    a.taskIndices = undefined;
    a.speculativeTaskIndices = undefined;
    this.unlinkIfUnused(a);
    // The last active attempt: mark the queue empty (this also covers aborted stages).
    if (this.numTasksKeys === 0 && this.pendingSpecKeys === 0 && this.specIndicesKeys === 0) {
      this.callbacks?.onSchedulerQueueEmpty();
    }
  }

  onTaskStart(event: SparkListenerTaskStart): void {
    const a = this.attempt(event.stageId, event.attempt);
    a.numRunning++;
    if (event.speculative) {
      if (a.speculativeTaskIndices === undefined) {
        a.speculativeTaskIndices = new IndexSet();
        this.specIndicesKeys++;
      }
      a.speculativeTaskIndices.add(event.index);
      a.pendingSpeculativeTasks?.delete(event.index);
    } else {
      if (a.taskIndices === undefined) a.taskIndices = new IndexSet();
      a.taskIndices.add(event.index);
    }
    if (!this.hasPendingTasks) this.callbacks?.onSchedulerQueueEmpty();
  }

  onTaskEnd(event: SparkListenerTaskEnd): void {
    const a = this.attempt(event.stageId, event.attempt);
    if (a.numRunning > 0) {
      a.numRunning--;
      if (a.numRunning === 0) this.unlinkIfUnused(a);
    }
    if (event.speculative) a.speculativeTaskIndices?.delete(event.index);
    switch (event.reason) {
      case "Success":
        // The original finished before its speculative copy started: the copy is not needed.
        a.pendingSpeculativeTasks?.delete(event.index);
        break;
      case "TaskKilled":
        break;
      case "Failure":
        // SPARK-8366: it will be resubmitted; re-arm the backlog timer if it is clear.
        if (!this.hasPendingTasks) this.callbacks?.onSchedulerBacklogged();
        // SPARK-30511: only a non-speculative failure makes the index pending again.
        if (!event.speculative) a.taskIndices?.delete(event.index);
        break;
    }
  }

  onSpeculativeTaskSubmitted(event: SparkListenerSpeculativeTaskSubmitted): void {
    const a = this.attempt(event.stageId, event.attempt);
    if (a.pendingSpeculativeTasks === undefined) {
      a.pendingSpeculativeTasks = new IndexSet();
      this.pendingSpecKeys++;
    }
    a.pendingSpeculativeTasks.add(event.index);
    this.callbacks?.onSchedulerBacklogged();
  }

  onUnschedulableTaskSetAdded(event: SparkListenerUnschedulableTaskSet): void {
    this.attempt(event.stageId, event.attempt).unschedulable = true;
    this.callbacks?.onSchedulerBacklogged();
  }

  onUnschedulableTaskSetRemoved(event: SparkListenerUnschedulableTaskSet): void {
    const a = this.attempt(event.stageId, event.attempt);
    a.unschedulable = false;
    this.unlinkIfUnused(a);
  }

  /** `removeStageFromResourceProfileIfUnused`. */
  private unlinkIfUnused(a: StageAttempt): void {
    if (a.unused && a.linked) {
      a.linked = false;
      this.linked.splice(this.linked.indexOf(a), 1);
    }
  }
}
