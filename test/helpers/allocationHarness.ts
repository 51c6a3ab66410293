import type { SparkConf } from "../../sim/conf/SparkConf.js";
import { validateSettings } from "../../sim/conf/validateSettings.js";
import type { ExecutorAllocationListener } from "../../sim/spark/ExecutorAllocationListener.js";
import { ExecutorAllocationManager, type ExecutorAllocationClient } from "../../sim/spark/ExecutorAllocationManager.js";
import { ExecutorMonitor } from "../../sim/spark/ExecutorMonitor.js";
import type { ResourceProfile } from "../../sim/conf/ResourceProfile.js";
import type { ResourceProfileSpec } from "../../sim/scenario/Scenario.js";
import { ListenerBus } from "../../sim/spark/SparkListener.js";
import { createConf as createSparkConf } from "./builders.js";
import { ManualClock } from "./ManualClock.js";
import {
  createTaskInfo,
  DEFAULT_RESOURCE_PROFILE_ID,
  executorAdded,
  executorRemoved,
  postToBus,
  taskEnd,
  taskStart,
  type SparkListenerEvent,
} from "./sparkListenerEvents.js";

/**
 * The fixture of Spark's `ExecutorAllocationManagerSuite` over the model's real classes: a
 * manual clock, a `ListenerBus` with the allocation listener and then the ExecutorMonitor (their
 * order on Spark's management queue), an `ExecutorAllocationManager` started against a client
 * that acts like Spark's `spark.dynamicAllocation.testing` mode, and the suite's helpers.
 */

/** The suite's constants (`ExecutorAllocationManagerSuite` object), in ms. */
export const SCHEDULER_BACKLOG_TIMEOUT_MS = 1000;
export const SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT_MS = 2000;
export const EXECUTOR_IDLE_TIMEOUT_MS = 3000;

/** The suites are the 3.5+/4.x ones (Spark's ExecutorAllocationManagerSuite and ExecutorMonitorSuite on master). */
export const SUITE_SPARK_VERSION = "4.0";

/**
 * The suite's `createConf(min = 1, max = 5, initial = 1)`: backlog 1s, sustained 2s, idle 3s,
 * external shuffle service on (so the monitor's shuffle tracking is off), testing on. `extra`
 * plays the part of the suite's `.set(key, value)` calls.
 */
export function createConf(minExecutors = 1, maxExecutors = 5, initialExecutors = 1, extra: Record<string, string> = {}, version = SUITE_SPARK_VERSION): SparkConf {
  return createSparkConf(
    {
      "spark.dynamicAllocation.minExecutors": String(minExecutors),
      "spark.dynamicAllocation.maxExecutors": String(maxExecutors),
      "spark.dynamicAllocation.initialExecutors": String(initialExecutors),
      "spark.dynamicAllocation.schedulerBacklogTimeout": `${SCHEDULER_BACKLOG_TIMEOUT_MS / 1000}s`,
      "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout": `${SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT_MS / 1000}s`,
      "spark.dynamicAllocation.executorIdleTimeout": `${EXECUTOR_IDLE_TIMEOUT_MS / 1000}s`,
      "spark.shuffle.service.enabled": "true",
      "spark.dynamicAllocation.testing": "true",
      ...extra,
    },
    version,
  );
}

/**
 * The client in Spark's testing mode: every target request is acknowledged, and a kill
 * "succeeds" for every id without removing anything (the manager then marks the ids pending
 * removal; the executors stay until a test posts ExecutorRemoved). Calls are recorded.
 */
export class TestingExecutorAllocationClient implements ExecutorAllocationClient {
  /** The default profile's total of each request. */
  readonly requestedTotals: number[] = [];
  /** Each request's totals per profile. */
  readonly requests: Array<ReadonlyMap<number, number>> = [];
  readonly killCalls: string[][] = [];
  readonly decommissionCalls: string[][] = [];

  requestTotalExecutors(totals: ReadonlyMap<number, number>): boolean {
    this.requestedTotals.push(totals.get(DEFAULT_RESOURCE_PROFILE_ID) ?? 0);
    this.requests.push(new Map(totals));
    return true;
  }

  killExecutors(ids: readonly string[]): string[] {
    this.killCalls.push([...ids]);
    return [...ids];
  }

  /** Testing mode decommissions every id given, as it kills them. */
  decommissionExecutors(ids: readonly string[]): string[] {
    this.decommissionCalls.push([...ids]);
    return [...ids];
  }
}

/** `ExecutorAllocationManager.TargetNumUpdates`. */
export interface TargetNumUpdates {
  readonly delta: number;
  readonly oldNumExecutorsTarget: number;
}

/**
 * The suite's `updatesNeeded` map (keyed by resource profile id). Tests create one and never
 * clear it, so an entry stays until a later non-zero delta overwrites it (a quirk that
 * `doUpdateRequest` then replays).
 */
export type UpdatesNeeded = Map<number, TargetNumUpdates>;

export class AllocationHarness {
  readonly bus = new ListenerBus();
  readonly client = new TestingExecutorAllocationClient();
  readonly listener: ExecutorAllocationListener;
  readonly monitor: ExecutorMonitor;
  readonly manager: ExecutorAllocationManager;

  constructor(
    readonly conf: SparkConf,
    readonly clock: ManualClock,
  ) {
    // The EAM suite's mock client answers isExecutorActive(any) = true.
    this.monitor = new ExecutorMonitor(conf, clock, () => {}, () => true);
    this.manager = new ExecutorAllocationManager(conf, this.monitor, this.client, clock, {
      onTargetChanged: () => {},
      onAddTimeSet: () => {},
    });
    this.listener = this.manager.listener;
    // `start()`: the allocation listener, then the monitor, then one request for the initial target.
    this.bus.add(this.listener);
    this.bus.add(this.monitor);
    this.manager.start();
  }

  /** `post(event)`: delivered synchronously, to the allocation listener and then the monitor. */
  post(event: SparkListenerEvent): void {
    postToBus(this.bus, event, this.clock.getTimeMillis());
  }

  onExecutorAddedDefaultProfile(id: string): void {
    this.post(executorAdded(id));
  }

  /** `onExecutorAdded(manager, id, rp)`: an executor of the profile registers. */
  onExecutorAdded(id: string, rp: ResourceProfile): void {
    this.post(executorAdded(id, rp));
  }

  /** `rpManager.addResourceProfile(rp.build())`: the builder's amounts, the next id. */
  addResourceProfile(spec: Omit<ResourceProfileSpec, "name">): ResourceProfile {
    return this.manager.profiles.addResourceProfile({ name: `rp${this.manager.profiles.profiles.length}`, ...spec });
  }

  /** `numExecutorsTarget(manager, rpId)`. */
  numExecutorsTarget(rpId: number): number {
    return this.manager.targetOf(rpId);
  }

  /** `numExecutorsToAdd(manager, rp)`. */
  numExecutorsToAdd(rp: ResourceProfile): number {
    return this.manager.toAddPerProfile.get(rp.id) ?? 1;
  }

  /** `addExecutorsToTarget(manager, updatesNeeded, rp)`: as for the default profile, for `rp`. */
  addExecutorsToTarget(updatesNeeded: UpdatesNeeded, rp: ResourceProfile): number {
    const m = this.manager;
    const old = m.targetOf(rp.id);
    const delta = m.addExecutorsToTarget(m.maxNeeded(rp.id), rp.id);
    if (delta !== 0) updatesNeeded.set(rp.id, { delta, oldNumExecutorsTarget: old });
    return delta;
  }

  /** `removeExecutor(manager, id, rpId)`: true iff exactly that id was removed (the monitor knows its profile). */
  removeExecutor(id: string): boolean {
    const removed = this.manager.removeExecutors([id]);
    return removed.length > 0 && removed[0] === id;
  }

  onExecutorRemoved(id: string, reason: string | null = null): void {
    this.post(executorRemoved(id, reason));
  }

  /** A task of stage attempt (1, 1), never submitted: the monitor sees it, demand does not. */
  onExecutorBusy(id: string): void {
    this.post(taskStart(1, 1, createTaskInfo(1, 1, id)));
  }

  onExecutorIdle(id: string): void {
    this.post(taskEnd(1, 1, "Success", createTaskInfo(1, 1, id)));
  }

  /** The private `schedule()`, at the clock's now. */
  schedule(): void {
    this.manager.schedule(this.clock.getTimeMillis());
  }

  /** `_updateAndSyncNumExecutorsTarget(clock.nanoTime())`: at the clock's now unless told. */
  updateAndSyncNumExecutorsTarget(nowMs: number = this.clock.getTimeMillis()): number {
    return this.manager.updateAndSyncNumExecutorsTarget(nowMs);
  }

  /**
   * `adjustRequestedExecutors(manager)` = `updateAndSyncNumExecutorsTarget(0L)`. At time 0 the
   * add branch cannot fire (any armed timer lies after 0), so this only lowers the target; a
   * no-op while initializing.
   */
  adjustRequestedExecutors(): number {
    return this.manager.updateAndSyncNumExecutorsTarget(0);
  }

  /**
   * `addExecutorsToTargetForDefaultProfile(manager, updatesNeeded)`: the manager's
   * `addExecutorsToTarget(maxNeeded)`, recording `(delta, old)` only when the delta is non-zero.
   * It ignores the backlog timer and does not contact the cluster manager.
   */
  addExecutorsToTargetForDefaultProfile(updatesNeeded: UpdatesNeeded): number {
    const m = this.manager;
    const old = m.target;
    const delta = m.addExecutorsToTarget(m.maxNeeded());
    if (delta !== 0) updatesNeeded.set(DEFAULT_RESOURCE_PROFILE_ID, { delta, oldNumExecutorsTarget: old });
    return delta;
  }

  /**
   * `doUpdateRequest(manager, updates, now)`: in testing mode every non-empty request counts as
   * acknowledged; each positive delta goes through the manager's `onTargetIncreased` (double or
   * reset `toAdd`, re-arm the timer at `now` + sustained). Returns the summed deltas. Stale
   * entries replay.
   */
  doUpdateRequest(updates: ReadonlyMap<number, TargetNumUpdates>, nowMs: number): number {
    if (updates.size === 0) return 0;
    let total = 0;
    for (const [rpId, { delta }] of updates) {
      total += delta;
      if (delta > 0) this.manager.onTargetIncreased(delta, nowMs, rpId);
    }
    return total;
  }

  /**
   * One `updatesNeeded` map for a test, never cleared (as in the suite), with the suite's pair
   * of calls bound to it: `add()` = `addExecutorsToTargetForDefaultProfile(manager, updatesNeeded)`,
   * `upd()` = `doUpdateRequest(manager, updatesNeeded.toMap, clock.getTimeMillis())`.
   */
  withUpdatesNeeded(): { readonly updatesNeeded: UpdatesNeeded; add(): number; upd(): number } {
    const updatesNeeded: UpdatesNeeded = new Map();
    return {
      updatesNeeded,
      add: () => this.addExecutorsToTargetForDefaultProfile(updatesNeeded),
      upd: () => this.doUpdateRequest(updatesNeeded, this.clock.getTimeMillis()),
    };
  }

  /** `removeExecutorDefaultProfile(manager, id)`: true iff exactly that id was removed. */
  removeExecutorDefaultProfile(id: string): boolean {
    const removed = this.manager.removeExecutors([id]);
    return removed.length > 0 && removed[0] === id;
  }

  /** `removeExecutorsDefaultProfile(manager, ids)`: the ids removed. */
  removeExecutorsDefaultProfile(ids: readonly string[]): string[] {
    return this.manager.removeExecutors(ids);
  }

  /** `executorsDecommissioning(manager)`, sorted. */
  executorsDecommissioning(): string[] {
    return [...this.monitor.trackers()].filter((e) => e.decommissioning).map((e) => e.id).sort();
  }

  /** `executorsPendingToRemove(manager)`, sorted. */
  executorsPendingToRemove(): string[] {
    return this.monitor.executorsPendingToRemove();
  }

  /** `totalRunningTasksPerResourceProfile(manager)`: running tasks of attempts linked to the profile. */
  totalRunningTasksPerResourceProfile(): number {
    return this.listener.runningTasks;
  }
}

/**
 * `createManager(conf, clock)`: Spark's constructor runs `validateSettings()` and throws the first
 * `SparkException`; the model keeps validation separate, so the fixture runs it here.
 */
export function createManager(conf: SparkConf, clock: ManualClock = new ManualClock(0)): AllocationHarness {
  const error = validateSettings(conf).find((e) => e.origin === "ExecutorAllocationManager.validateSettings");
  if (error !== undefined) throw new Error(`${error.exception}: ${error.message}`);
  return new AllocationHarness(conf, clock);
}
