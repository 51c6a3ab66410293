import { objectArray } from "../core/objectArray.js";
import type {
  SparkListener, SparkListenerSpeculativeTaskSubmitted, SparkListenerStageCompleted, SparkListenerStageSubmitted,
  SparkListenerTaskEnd, SparkListenerTaskStart, SparkListenerUnschedulableTaskSet,
} from "./SparkListener.js";
import { IndexSet } from "./IndexSet.js";
import { maxExecutorsNeededOf } from "./executorTargets.js";

/** What the listener tells the policy (`onSchedulerBacklogged` / `onSchedulerQueueEmpty`). */
export interface BacklogCallbacks {
  onStageSubmitted(): void;
  /** After a stage of the profile was submitted and linked (`numExecutorsTargetPerResourceProfileId.contains(profId)`). */
  onProfileStageSubmitted?(resourceProfileId: number): void;
  onSchedulerBacklogged(): void;
  onSchedulerQueueEmpty(): void;
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
  /** 3.4+ (SPARK-41192): `stageAttemptToPendingSpeculativeTasks`. */
  pendingSpeculativeTasks: IndexSet | undefined;
  /** Before 3.4: `stageAttemptToNumSpeculativeTasks`, a counter. */
  numSpeculativeTasks: number | undefined;
  unschedulable = false;
  /** The profile it is linked to in `resourceProfileIdToStageAttempt`; undefined: not linked. */
  linked: number | undefined = undefined;

  get pendingRegular(): number {
    return (this.numTasks ?? 0) - (this.taskIndices?.size ?? 0);
  }

  /** `getPendingSpeculativeTaskSum`: the pending set's size (3.4+), or submitted minus running copies (before). */
  get pendingSpeculative(): number {
    if (this.numSpeculativeTasks !== undefined) return this.numSpeculativeTasks - (this.speculativeTaskIndices?.size ?? 0);
    return this.pendingSpeculativeTasks?.size ?? 0;
  }

  get unused(): boolean {
    return (
      this.numRunning === 0 &&
      this.numTasks === undefined &&
      this.pendingSpeculativeTasks === undefined &&
      this.numSpeculativeTasks === undefined &&
      this.taskIndices === undefined &&
      this.speculativeTaskIndices === undefined
    );
  }
}

/** The demand of one resource profile: sums over the stage attempts linked to it. */
export interface ProfileDemand {
  readonly pendingTasks: number;
  readonly pendingSpeculativeTasks: number;
  readonly runningTasks: number;
  readonly unschedulableTaskSets: number;
}

function demandOf(attempts: ReadonlySet<StageAttempt> | readonly StageAttempt[]): ProfileDemand {
  let pendingTasks = 0;
  let pendingSpeculativeTasks = 0;
  let runningTasks = 0;
  let unschedulableTaskSets = 0;
  for (const a of attempts) {
    pendingTasks += a.pendingRegular;
    pendingSpeculativeTasks += a.pendingSpeculative;
    runningTasks += a.numRunning;
    if (a.unschedulable) unschedulableTaskSets++;
  }
  return { pendingTasks, pendingSpeculativeTasks, runningTasks, unschedulableTaskSets };
}

const NO_ATTEMPTS: ReadonlySet<StageAttempt> = new Set();

/**
 * `ExecutorAllocationManager.ExecutorAllocationListener`: pending, pending speculative and running
 * tasks per stage attempt, unschedulable task sets, and the backlog signals. Each attempt is linked
 * to its stage's resource profile (`resourceProfileIdToStageAttempt`); a profile's demand sums over
 * its attempts, the totals over all. Pending speculative tasks are a set of indices from 3.4
 * (SPARK-41192), a counter before (`indexSet` false).
 */
export class ExecutorAllocationListener implements SparkListener {
  /** Keyed by stageId * 1e6 + attempt: a number, not a string built per task event. */
  private readonly attempts = new Map<number, StageAttempt>();
  /** Attempts linked to a profile, in link order: the totals are summed over these (an array: summed per task start and per instant, without an iterator). */
  private readonly linked: StageAttempt[] = objectArray();
  /** `resourceProfileIdToStageAttempt`. */
  private readonly linkedByProfile = new Map<number, Set<StageAttempt>>();
  /** Number of attempts with `numTasks`, pending speculative or running speculative keys. */
  private numTasksKeys = 0;
  private pendingSpecKeys = 0;
  private specIndicesKeys = 0;
  private lastKey = -1;
  private lastAttempt: StageAttempt | undefined = undefined;

  constructor(
    private readonly callbacks: BacklogCallbacks | undefined,
    private readonly indexSet = true,
  ) {}

  private attempt(stageId: number, attempt: number): StageAttempt {
    const key = stageId * 1_000_000 + attempt;
    // Task events come in runs of one attempt's: the last one found, without a lookup (entries are never removed).
    if (key === this.lastKey) return this.lastAttempt!;
    let a = this.attempts.get(key);
    if (a === undefined) {
      a = new StageAttempt();
      this.attempts.set(key, a);
    }
    this.lastKey = key;
    this.lastAttempt = a;
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

  /** One profile's demand (`pendingTasksPerResourceProfile`, `totalRunningTasksPerResourceProfile`, ...). */
  demandOf(resourceProfileId: number): ProfileDemand {
    const set = this.linkedByProfile.get(resourceProfileId);
    // The only profile with attempts: they are all linked ones (the array, without an iterator).
    if (set !== undefined && set.size === this.linked.length) return demandOf(this.linked);
    return demandOf(set ?? NO_ATTEMPTS);
  }

  /** `maxNumExecutorsNeededPerResourceProfile` of one profile's demand: with one profile's attempts, the totals without an object (every tick reads it). */
  maxNeeded(resourceProfileId: number, tasksPerExecutor: number, executorAllocationRatio: number, executorCount: number): number {
    const set = this.linkedByProfile.get(resourceProfileId);
    if (set !== undefined && set.size === this.linked.length) {
      return maxExecutorsNeededOf(this.pendingTasks, this.pendingSpeculativeTasks, this.runningTasks, tasksPerExecutor, executorAllocationRatio, this.unschedulableTaskSets, executorCount);
    }
    const d = this.demandOf(resourceProfileId);
    return maxExecutorsNeededOf(d.pendingTasks, d.pendingSpeculativeTasks, d.runningTasks, tasksPerExecutor, executorAllocationRatio, d.unschedulableTaskSets, executorCount);
  }

  /** Profiles with linked stage attempts. */
  linkedProfileIds(): IterableIterator<number> {
    return this.linkedByProfile.keys();
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
    const rpId = event.resourceProfileId ?? 0;
    if (a.linked !== undefined && a.linked !== rpId) this.unlink(a);
    if (a.linked === undefined) {
      this.linked.push(a);
      let set = this.linkedByProfile.get(rpId);
      if (set === undefined) this.linkedByProfile.set(rpId, (set = new Set()));
      set.add(a);
    }
    a.linked = rpId;
    // A profile seen for the first time starts at the initial target (the manager's part).
    this.callbacks?.onProfileStageSubmitted?.(rpId);
  }

  onStageCompleted(event: SparkListenerStageCompleted): void {
    const a = this.attempt(event.stageId, event.attempt);
    // numRunning is kept: the attempt may still have running (zombie) tasks.
    if (a.numTasks !== undefined) this.numTasksKeys--;
    if (a.pendingSpeculativeTasks !== undefined || a.numSpeculativeTasks !== undefined) this.pendingSpecKeys--;
    if (a.speculativeTaskIndices !== undefined) this.specIndicesKeys--;
    a.numTasks = undefined;
    a.pendingSpeculativeTasks = undefined;
    a.numSpeculativeTasks = undefined;
    a.taskIndices = undefined;
    a.speculativeTaskIndices = undefined;
    this.unlinkIfUnused(a);
    // The last active attempt: mark the queue empty (this also covers aborted stages). Before
    // 3.4 the running speculative indices' keys are not looked at.
    if (this.numTasksKeys === 0 && this.pendingSpecKeys === 0 && (this.specIndicesKeys === 0 || !this.indexSet)) {
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
    // Most starts leave their own (linked) attempt with tasks pending: no walk of every attempt then.
    if ((a.linked === undefined || a.pendingRegular <= 0) && !this.hasPendingTasks) this.callbacks?.onSchedulerQueueEmpty();
  }

  onTaskEnd(event: SparkListenerTaskEnd): void {
    const a = this.attempt(event.stageId, event.attempt);
    if (a.numRunning > 0) {
      a.numRunning--;
      if (a.numRunning === 0) this.unlinkIfUnused(a);
    }
    if (event.speculative) {
      a.speculativeTaskIndices?.delete(event.index);
      // Before 3.4: the copy is no longer counted (the stage may have completed first: then no key).
      if (a.numSpeculativeTasks !== undefined) a.numSpeculativeTasks--;
    }
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
    if (a.pendingSpeculativeTasks === undefined && a.numSpeculativeTasks === undefined) this.pendingSpecKeys++;
    if (this.indexSet) (a.pendingSpeculativeTasks ??= new IndexSet()).add(event.index);
    else a.numSpeculativeTasks = (a.numSpeculativeTasks ?? 0) + 1;
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
    if (a.unused && a.linked !== undefined) this.unlink(a);
  }

  private unlink(a: StageAttempt): void {
    const set = this.linkedByProfile.get(a.linked!);
    set?.delete(a);
    // Spark removes the profile's key once its last attempt goes.
    if (set !== undefined && set.size === 0) this.linkedByProfile.delete(a.linked!);
    a.linked = undefined;
    this.linked.splice(this.linked.indexOf(a), 1);
  }
}
