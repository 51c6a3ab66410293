import type { SparkConf } from "../conf/SparkConf.js";
import { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import type { PlacementHints } from "./ExecutorPlacementHints.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import type { TargetChangeCause } from "../result/SimEvent.js";

/** The cluster-manager side the policy talks to (`ExecutorAllocationClient`). */
export interface ExecutorAllocationClient {
  /** The desired total (not a delta), with the placement hints of pending tasks (YARN uses them). Returns whether it was acknowledged. */
  requestTotalExecutors(total: number, hints?: PlacementHints): boolean;
  /** Kills idle executors; busy ones are dropped (force = false). Returns the ids killed. */
  killExecutors(ids: readonly string[]): string[];
  /**
   * `decommissionExecutors(ids, adjustTargetNumExecutors = false, triggeredByExecutor = false)`:
   * no busy filter; executors not active (already decommissioning or removed) are dropped.
   * Returns the ids decommissioned.
   */
  decommissionExecutors(ids: readonly string[]): string[];
}

/** The fixed scheduling interval of the allocation manager (hard-coded in Spark). */
export const ALLOCATION_TICK_MS = 100;

/**
 * `maxNumExecutorsNeededPerResourceProfile`: executors that all running and pending tasks
 * could fill, scaled by the allocation ratio (spec §6.1). Computed in doubles, then ceil.
 */
export function maxExecutorsNeeded(p: {
  readonly pendingTasks: number;
  readonly pendingSpeculativeTasks: number;
  readonly runningTasks: number;
  readonly tasksPerExecutor: number;
  readonly executorAllocationRatio: number;
  /** Task sets unschedulable because of exclusions (3.1+), and the executors now known. */
  readonly unschedulableTaskSets?: number;
  readonly executorCount?: number;
}): number {
  return maxExecutorsNeededOf(p.pendingTasks, p.pendingSpeculativeTasks, p.runningTasks, p.tasksPerExecutor, p.executorAllocationRatio, p.unschedulableTaskSets ?? 0, p.executorCount ?? 0);
}

/** `maxExecutorsNeeded` from its inputs in that order (no object made: the timeline computes it every instant). */
export function maxExecutorsNeededOf(
  pendingTasks: number,
  pendingSpeculativeTasks: number,
  runningTasks: number,
  tasksPerExecutor: number,
  executorAllocationRatio: number,
  unschedulableTaskSets: number,
  executorCount: number,
): number {
  const total = pendingTasks + pendingSpeculativeTasks + runningTasks;
  let maxNeeded = Math.ceil((total * executorAllocationRatio) / tasksPerExecutor);
  // One more executor so a speculative copy can run on another host.
  if (tasksPerExecutor > 1 && maxNeeded === 1 && pendingSpeculativeTasks > 0) maxNeeded += 1;
  if (unschedulableTaskSets > 0) {
    // Excluded executors: ask for more than the executors we have.
    const forUnschedulables = Math.ceil((unschedulableTaskSets * executorAllocationRatio) / tasksPerExecutor);
    maxNeeded = Math.max(maxNeeded, executorCount + forUnschedulables);
  }
  return maxNeeded;
}

/**
 * `addExecutors`: the new target when the backlog timer has expired (spec §6.3). `toAdd`
 * is the round's increment; the caller doubles it when the delta equals it.
 */
export function addExecutorsTarget(p: {
  readonly oldTarget: number;
  readonly executorCount: number;
  readonly toAdd: number;
  readonly maxNeeded: number;
  readonly minExecutors: number;
  readonly maxExecutors: number;
}): { target: number; delta: number; resetToAdd: boolean } {
  if (p.oldTarget >= p.maxExecutors) return { target: p.oldTarget, delta: 0, resetToAdd: true };
  // No point ramping up to the executors we already have.
  let t = Math.max(p.oldTarget, p.executorCount);
  t += p.toAdd;
  t = Math.min(t, p.maxNeeded);
  t = Math.max(Math.min(t, p.maxExecutors), p.minExecutors);
  const delta = t - p.oldTarget;
  return { target: t, delta, resetToAdd: delta === 0 };
}

/**
 * `removeExecutors`' floors (spec §8): walk the timed-out executors in order with a running
 * count of executors left, keeping `minExecutors` and the target.
 */
export function selectExecutorsToRemove(
  timedOut: readonly string[],
  executorsLeft: number,
  minExecutors: number,
  target: number,
): string[] {
  const out: string[] = [];
  let remaining = executorsLeft;
  for (const id of timedOut) {
    if (remaining - 1 < minExecutors) continue;
    if (remaining - 1 < target) continue;
    out.push(id);
    remaining--;
  }
  return out;
}

/**
 * The allocation policy (`ExecutorAllocationManager`): the target and its ramp-up, the backlog
 * timer, the `initializing` rule, and removal of timed-out executors. One resource profile.
 */
export class ExecutorAllocationManager {
  target: number;
  /** `numExecutorsToAdd`: the next round's increment (1, 2, 4, ...). */
  toAdd = 1;
  /** Backlog timer deadline; `undefined` is Spark's NOT_SET. */
  addTimeMs: number | undefined = undefined;
  /** Targets are frozen until the first stage submission or the first idle timeout. */
  initializing = true;
  /** Its listener (`ExecutorAllocationListener`): the demand it reads and the backlog signals it acts on. */
  readonly listener: ExecutorAllocationListener;

  constructor(
    private readonly conf: SparkConf,
    private readonly monitor: ExecutorMonitor,
    private readonly client: ExecutorAllocationClient,
    private readonly now: () => number,
    private readonly hooks: {
      onTargetChanged(target: number, previous: number, cause: TargetChangeCause): void;
      onAddTimeSet(addTimeMs: number): void;
    },
  ) {
    this.target = conf.initialExecutors;
    this.listener = new ExecutorAllocationListener(this, conf.features.pendingSpeculativeTaskIndices);
  }

  start(): void {
    this.hooks.onTargetChanged(this.target, 0, "initial");
    this.client.requestTotalExecutors(this.target);
  }

  maxNeeded(): number {
    const l = this.listener;
    return maxExecutorsNeeded({
      pendingTasks: l.pendingTasks,
      pendingSpeculativeTasks: l.pendingSpeculativeTasks,
      runningTasks: l.runningTasks,
      tasksPerExecutor: this.conf.tasksPerExecutor,
      executorAllocationRatio: this.conf.executorAllocationRatio,
      unschedulableTaskSets: l.unschedulableTaskSets,
      executorCount: this.monitor.executorCountWithKnownProfile,
    });
  }

  // ---- BacklogCallbacks ---------------------------------------------------------------------

  onStageSubmitted(): void {
    this.initializing = false;
  }

  onSchedulerBacklogged(): void {
    if (this.addTimeMs === undefined) {
      this.addTimeMs = this.now() + this.conf.schedulerBacklogTimeoutMs;
      this.hooks.onAddTimeSet(this.addTimeMs);
    }
  }

  onSchedulerQueueEmpty(): void {
    this.addTimeMs = undefined;
    this.toAdd = 1;
  }

  // ---- the 100 ms tick --------------------------------------------------------------------

  /**
   * `schedule()`: timed-out list, `initializing`, target update, then removals (spec §5).
   * Returns whether any state changed (the engine skips ticks that would change nothing).
   */
  schedule(nowMs: number): boolean {
    const { target, toAdd, addTimeMs, initializing } = this;
    const timedOut = this.monitor.timedOutExecutors(nowMs);
    if (timedOut.length > 0) this.initializing = false;
    this.updateAndSyncNumExecutorsTarget(nowMs);
    let removed = 0;
    if (timedOut.length > 0) removed = this.removeExecutors(timedOut).length;
    return (
      removed > 0 ||
      this.target !== target ||
      this.toAdd !== toAdd ||
      this.addTimeMs !== addTimeMs ||
      this.initializing !== initializing
    );
  }

  /**
   * `updateAndSyncNumExecutorsTarget(now)`: lower the target to what is needed, or add when the
   * backlog timer has expired, then sync with the cluster manager. Returns the target's change,
   * 0 while initializing, without a change, or when the request was not acknowledged (as Spark's
   * returns). Private in Spark; public here because Spark's suite calls it (PrivateMethodTester).
   */
  updateAndSyncNumExecutorsTarget(nowMs: number): number {
    if (this.initializing) return 0;
    const old = this.target;
    const maxNeeded = this.maxNeeded();
    let delta = 0;
    let cause: TargetChangeCause = "backlog";
    if (maxNeeded < old) {
      // Lower the target (cancelling pending requests); kills are left to the idle timeout.
      this.target = Math.max(maxNeeded, this.conf.minExecutors);
      this.toAdd = 1;
      delta = this.target - old;
      cause = "demand-fell";
    } else if (this.addTimeMs !== undefined && nowMs >= this.addTimeMs) {
      delta = this.addExecutorsToTarget(maxNeeded);
      // Spark 3.0 re-arms the timer whenever the add branch runs; 3.1+ only on an increase.
      if (!this.conf.features.addTimeOnlyOnIncrease) this.setAddTime(nowMs + this.conf.sustainedSchedulerBacklogTimeoutMs);
    }
    if (delta === 0) return 0;
    // Recorded before the request so the events read cause (target) then effect (requests).
    this.hooks.onTargetChanged(this.target, old, cause);
    const acknowledged = this.client.requestTotalExecutors(this.target);
    if (!acknowledged) {
      // Spark restores the old target and retries at the next tick.
      this.hooks.onTargetChanged(old, this.target, cause);
      this.target = old;
      return 0;
    }
    if (delta > 0) this.onTargetIncreased(delta, nowMs);
    return delta;
  }

  /**
   * `addExecutorsToTarget(maxNeeded, ...)` (through `addExecutors`): raise the target by this
   * round's increment within the bounds, resetting the increment when nothing was added. Sends
   * no request; returns the target's change. Private in Spark; the suite calls it.
   */
  addExecutorsToTarget(maxNeeded: number): number {
    const r = addExecutorsTarget({
      oldTarget: this.target,
      executorCount: this.monitor.executorCountWithKnownProfile,
      toAdd: this.toAdd,
      maxNeeded,
      minExecutors: this.conf.minExecutors,
      maxExecutors: this.conf.maxExecutors,
    });
    this.target = r.target;
    if (r.resetToAdd) this.toAdd = 1;
    return r.delta;
  }

  /**
   * `doUpdateRequest`'s step for an acknowledged increase: the next round adds twice as many
   * when this one added the full increment (else 1), and the backlog timer re-arms at
   * now + sustainedSchedulerBacklogTimeout.
   */
  onTargetIncreased(delta: number, nowMs: number): void {
    this.toAdd = delta === this.toAdd ? this.toAdd * 2 : 1;
    this.setAddTime(nowMs + this.conf.sustainedSchedulerBacklogTimeoutMs);
  }

  private setAddTime(ms: number): void {
    this.addTimeMs = ms;
    this.hooks.onAddTimeSet(ms);
  }

  /**
   * `removeExecutors(executors)`: kill (or decommission, spark.decommission.enabled) the given executors, in order, as far as the floors
   * (`minExecutors` and the target) allow; returns the ids removed. Private in Spark; public
   * here because Spark's suite calls it (PrivateMethodTester).
   */
  removeExecutors(timedOutIds: readonly string[]): string[] {
    // Executors whose profile is still unknown are skipped (Spark warns and keeps them).
    const timedOut = timedOutIds.filter((id) => this.monitor.isResourceProfileKnown(id));
    const m = this.monitor;
    // Decommissioning executors are counted apart from pending removals, and neither is left.
    const left = m.executorCountWithKnownProfile - m.pendingRemovalCount - m.decommissioningCount;
    const toRemove = selectExecutorsToRemove(timedOut, left, this.conf.minExecutors, this.target);
    if (toRemove.length === 0) return [];
    const decommission = this.conf.decommission.enabled;
    const removed = decommission ? this.client.decommissionExecutors(toRemove) : this.client.killExecutors(toRemove);
    // SPARK-21834: killExecutors lowers the backend's target, so re-send ours.
    this.client.requestTotalExecutors(this.target);
    if (decommission) m.executorsDecommissioned(removed);
    else m.executorsKilled(removed);
    return removed;
  }
}
