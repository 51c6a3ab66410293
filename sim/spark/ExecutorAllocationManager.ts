import type { SparkConf } from "../conf/SparkConf.js";
import type { Clock } from "../core/Simulation.js";
import { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import type { PlacementHints } from "./ExecutorPlacementHints.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import type { TargetChangeCause } from "../result/SimEvent.js";
import { addExecutorsTarget } from "./executorTargets.js";
import { TargetsByProfile } from "./TargetsByProfile.js";
import { DEFAULT_RESOURCE_PROFILE_ID, ResourceProfileManager, UNKNOWN_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";

export { addExecutorsTarget, maxExecutorsNeeded, maxExecutorsNeededOf, selectExecutorsToRemove } from "./executorTargets.js";

/** The cluster-manager side the policy talks to (`ExecutorAllocationClient`). */
export interface ExecutorAllocationClient {
  /**
   * `requestTotalExecutors(resourceProfileIdToNumExecutors, numLocalityAwareTasks, hostToLocalTaskCount)`:
   * the desired total of every profile with a target (not deltas), with the placement hints of
   * pending tasks (YARN uses them). Returns whether it was acknowledged.
   */
  requestTotalExecutors(totals: ReadonlyMap<number, number>, hints?: PlacementHints): boolean;
  /** Kills idle executors; busy ones are dropped (force = false). Returns the ids killed. */
  killExecutors(ids: readonly string[]): string[];
  /**
   * `decommissionExecutors(ids, adjustTargetNumExecutors = false, triggeredByExecutor = false)`:
   * no busy filter; executors not active (already decommissioning or removed) are dropped.
   * Returns the ids decommissioned.
   */
  decommissionExecutors(ids: readonly string[]): string[];
}


/** `ExecutorAllocationManager.TargetNumUpdates`, with why the target moved. */
export interface TargetNumUpdate {
  readonly delta: number;
  readonly oldNumExecutorsTarget: number;
  readonly cause: TargetChangeCause;
}

export interface AllocationManagerHooks {
  /** A profile's target moved (the default profile's id is 0). */
  onTargetChanged(target: number, previous: number, cause: TargetChangeCause, resourceProfileId: number): void;
  onAddTimeSet(addTimeMs: number): void;
}

/**
 * The allocation policy (`ExecutorAllocationManager`): per resource profile a target
 * (`numExecutorsTargetPerResourceProfileId`) and its ramp-up
 * (`numExecutorsToAddPerResourceProfileId`), all within the same min / max (Spark applies
 * `spark.dynamicAllocation.min/max/initialExecutors` to each profile); one backlog timer, the
 * `initializing` rule, and removal of timed-out executors with each profile's floors. One
 * request to the cluster manager carries every profile's total.
 */
export class ExecutorAllocationManager {
  /** `numExecutorsTargetPerResourceProfileId`: a profile has one from its first stage on (the default from start). */
  readonly targets = new TargetsByProfile();
  /** `numExecutorsToAddPerResourceProfileId`: the next round's increment (1, 2, 4, ...). */
  readonly toAddPerProfile = new Map<number, number>();
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
    private readonly clock: Clock,
    private readonly hooks: AllocationManagerHooks,
    readonly profiles: ResourceProfileManager = new ResourceProfileManager(conf),
  ) {
    this.targets.set(DEFAULT_RESOURCE_PROFILE_ID, conf.initialExecutors);
    this.toAddPerProfile.set(DEFAULT_RESOURCE_PROFILE_ID, 1);
    this.listener = new ExecutorAllocationListener(this, conf.features.pendingSpeculativeTaskIndices);
  }

  /** The default profile's target (`numExecutorsTargetForDefaultProfileId`). */
  get target(): number {
    return this.targets.defaultTarget;
  }
  set target(n: number) {
    this.targets.set(DEFAULT_RESOURCE_PROFILE_ID, n);
  }

  /** The default profile's increment (`numExecutorsToAddForDefaultProfile`). */
  get toAdd(): number {
    return this.toAddPerProfile.get(DEFAULT_RESOURCE_PROFILE_ID)!;
  }
  set toAdd(n: number) {
    this.toAddPerProfile.set(DEFAULT_RESOURCE_PROFILE_ID, n);
  }

  /** `numExecutorsTarget(manager, rpId)`: 0 for a profile no stage has used yet. */
  targetOf(resourceProfileId: number): number {
    return this.targets.get(resourceProfileId) ?? 0;
  }

  /** Every profile's target added up (the timeline's target). */
  get totalTarget(): number {
    // The default profile's alone (it always has one): read every instant by the timeline.
    if (this.targets.size === 1) return this.target;
    let n = 0;
    for (const t of this.targets.values()) n += t;
    return n;
  }

  start(): void {
    this.hooks.onTargetChanged(this.target, 0, "initial", DEFAULT_RESOURCE_PROFILE_ID);
    this.client.requestTotalExecutors(new Map(this.targets));
  }

  /** `maxNumExecutorsNeededPerResourceProfile(rpId)`, the default profile unless told. */
  maxNeeded(resourceProfileId = DEFAULT_RESOURCE_PROFILE_ID): number {
    const tasksPerExecutor = this.profiles.resourceProfileFromId(resourceProfileId).maxTasksPerExecutor;
    return this.listener.maxNeeded(resourceProfileId, tasksPerExecutor, this.conf.executorAllocationRatio, this.monitor.profiles.executorCount(resourceProfileId));
  }

  // ---- BacklogCallbacks ---------------------------------------------------------------------

  onStageSubmitted(): void {
    this.initializing = false;
  }

  /**
   * The listener's `onStageSubmitted` for a stage of `rpId`: a profile seen for the first time
   * gets the increment 1 and the initial target, requested at once when above 0.
   */
  onProfileStageSubmitted(rpId: number): void {
    if (!this.toAddPerProfile.has(rpId)) this.toAddPerProfile.set(rpId, 1);
    if (this.targets.has(rpId)) return;
    const initial = this.conf.initialExecutors;
    this.targets.set(rpId, initial);
    if (initial === 0) return;
    this.hooks.onTargetChanged(initial, 0, "initial", rpId);
    this.client.requestTotalExecutors(new Map(this.targets));
  }

  onSchedulerBacklogged(): void {
    if (this.addTimeMs === undefined) {
      this.addTimeMs = this.clock.now + this.conf.schedulerBacklogTimeoutMs;
      this.hooks.onAddTimeSet(this.addTimeMs);
    }
  }

  onSchedulerQueueEmpty(): void {
    this.addTimeMs = undefined;
    for (const rpId of this.toAddPerProfile.keys()) this.toAddPerProfile.set(rpId, 1);
  }

  // ---- the 100 ms tick --------------------------------------------------------------------

  /**
   * `schedule()`: timed-out list, `initializing`, target update, then removals (spec §5).
   * Returns whether any state changed (the engine skips ticks that would change nothing).
   */
  schedule(nowMs: number): boolean {
    const { target, toAdd, addTimeMs, initializing } = this;
    const totalTarget = this.targets.size > 1 ? this.totalTarget : target;
    const timedOut = this.monitor.timedOutExecutors(nowMs);
    if (timedOut.length > 0) this.initializing = false;
    const delta = this.updateAndSyncNumExecutorsTarget(nowMs);
    let removed = 0;
    if (timedOut.length > 0) removed = this.removeExecutors(timedOut).length;
    return (
      removed > 0 ||
      delta !== 0 ||
      this.target !== target ||
      (this.targets.size > 1 && this.totalTarget !== totalTarget) ||
      this.toAdd !== toAdd ||
      this.addTimeMs !== addTimeMs ||
      this.initializing !== initializing
    );
  }

  /**
   * `updateAndSyncNumExecutorsTarget(now)`: for each profile, lower the target to what is
   * needed, or add when the backlog timer has expired; then one request with every profile's
   * total. Returns the summed change, 0 while initializing or when the request was not
   * acknowledged (as Spark's returns). Private in Spark; public because Spark's suite calls it.
   */
  updateAndSyncNumExecutorsTarget(nowMs: number): number {
    if (this.initializing) return 0;
    // Made only when a target moves: most ticks move none.
    let updates: Map<number, TargetNumUpdate> | undefined;
    for (const [rpId, old] of this.targets) {
      const maxNeeded = this.maxNeeded(rpId);
      if (maxNeeded < old) {
        // Lower the target (cancelling pending requests); kills are left to the idle timeout.
        this.targets.set(rpId, Math.max(maxNeeded, this.conf.minExecutors));
        this.toAddPerProfile.set(rpId, 1);
        const delta = this.targets.get(rpId)! - old;
        if (delta !== 0) (updates ??= new Map()).set(rpId, { delta, oldNumExecutorsTarget: old, cause: "demand-fell" });
      } else if (this.addTimeMs !== undefined && nowMs >= this.addTimeMs) {
        const delta = this.addExecutorsToTarget(maxNeeded, rpId);
        if (delta !== 0) (updates ??= new Map()).set(rpId, { delta, oldNumExecutorsTarget: old, cause: "backlog" });
        // Spark 3.0 re-arms the timer whenever the add branch runs; 3.1+ only on an increase.
        if (!this.conf.features.addTimeOnlyOnIncrease) this.setAddTime(nowMs + this.conf.sustainedSchedulerBacklogTimeoutMs);
      }
    }
    return updates === undefined ? 0 : this.doUpdateRequest(updates, nowMs);
  }

  /**
   * `doUpdateRequest(updates, now)`: one request with every profile's total when a target
   * moved; acknowledged, each increase doubles (or resets) its profile's increment and re-arms
   * the backlog timer; not acknowledged, every target goes back and the next tick retries.
   */
  doUpdateRequest(updates: ReadonlyMap<number, TargetNumUpdate>, nowMs: number): number {
    if (updates.size === 0) return 0;
    // Recorded before the request so the events read cause (target) then effect (requests).
    for (const [rpId, u] of updates) this.hooks.onTargetChanged(this.targetOf(rpId), u.oldNumExecutorsTarget, u.cause, rpId);
    const acknowledged = this.client.requestTotalExecutors(new Map(this.targets));
    if (!acknowledged) {
      for (const [rpId, u] of updates) {
        this.hooks.onTargetChanged(u.oldNumExecutorsTarget, this.targetOf(rpId), u.cause, rpId);
        this.targets.set(rpId, u.oldNumExecutorsTarget);
      }
      return 0;
    }
    let total = 0;
    for (const [rpId, u] of updates) {
      total += u.delta;
      if (u.delta > 0) this.onTargetIncreased(u.delta, nowMs, rpId);
    }
    return total;
  }

  /**
   * `addExecutorsToTarget(maxNeeded, rpId, ...)` (through `addExecutors`): raise the profile's
   * target by its increment within the bounds, resetting the increment when nothing was
   * added. Sends no request; returns the target's change. Private in Spark; the suite calls it.
   */
  addExecutorsToTarget(maxNeeded: number, rpId = DEFAULT_RESOURCE_PROFILE_ID): number {
    const r = addExecutorsTarget({
      oldTarget: this.targetOf(rpId),
      executorCount: this.monitor.profiles.executorCount(rpId),
      toAdd: this.toAddPerProfile.get(rpId) ?? 1,
      maxNeeded,
      minExecutors: this.conf.minExecutors,
      maxExecutors: this.conf.maxExecutors,
    });
    this.targets.set(rpId, r.target);
    if (r.resetToAdd) this.toAddPerProfile.set(rpId, 1);
    return r.delta;
  }

  /**
   * `doUpdateRequest`'s step for an acknowledged increase of a profile's target: its next
   * round adds twice as many when this one added the full increment (else 1), and the backlog
   * timer re-arms at now + sustainedSchedulerBacklogTimeout.
   */
  onTargetIncreased(delta: number, nowMs: number, rpId = DEFAULT_RESOURCE_PROFILE_ID): void {
    const toAdd = this.toAddPerProfile.get(rpId) ?? 1;
    this.toAddPerProfile.set(rpId, delta === toAdd ? toAdd * 2 : 1);
    this.setAddTime(nowMs + this.conf.sustainedSchedulerBacklogTimeoutMs);
  }

  private setAddTime(ms: number): void {
    this.addTimeMs = ms;
    this.hooks.onAddTimeSet(ms);
  }

  /**
   * `removeExecutors(executors)`: kill (or decommission, spark.decommission.enabled) the given
   * executors, in order, as far as each one's profile floors (`minExecutors` and the profile's
   * target) allow, with a running count of executors left per profile (decommissioning ones
   * counted apart from pending removals, and neither left); returns the ids removed. Private
   * in Spark; public here because Spark's suite calls it (PrivateMethodTester).
   */
  removeExecutors(timedOutIds: readonly string[]): string[] {
    const left = new Map<number, number>();
    const toRemove: string[] = [];
    const p = this.monitor.profiles;
    for (const id of timedOutIds) {
      const rpId = p.of(id);
      // Executors whose profile is still unknown are skipped (Spark warns and keeps them).
      if (rpId === UNKNOWN_RESOURCE_PROFILE_ID) continue;
      const n = left.get(rpId) ?? p.executorCount(rpId) - p.pendingRemovalCount(rpId) - p.decommissioningCount(rpId);
      if (n - 1 < this.conf.minExecutors || n - 1 < this.targetOf(rpId)) {
        left.set(rpId, n);
        continue;
      }
      toRemove.push(id);
      left.set(rpId, n - 1);
    }
    if (toRemove.length === 0) return [];
    const decommission = this.conf.decommission.enabled;
    const removed = decommission ? this.client.decommissionExecutors(toRemove) : this.client.killExecutors(toRemove);
    // SPARK-21834: killExecutors lowers the backend's target, so re-send ours.
    this.client.requestTotalExecutors(new Map(this.targets));
    if (decommission) this.monitor.executorsDecommissioned(removed);
    else this.monitor.executorsKilled(removed);
    return removed;
  }
}
