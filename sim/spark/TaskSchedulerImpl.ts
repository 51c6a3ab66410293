import { objectArray, type Clock, type RandomStream } from "../core/index.js";
import type { LocalityConf } from "../conf/SparkConf.js";
import { TaskLocality } from "../result/TaskLocality.js";
import { HostToExecutors } from "./HostToExecutors.js";
import type { LocalityView } from "./PendingTasksByLocality.js";
import type { TaskSetManager } from "./TaskSetManager.js";
import { RunningTasks, type RunningTaskFields } from "./RunningTask.js";
import { ExecutorsById } from "./ExecutorsById.js";
export type { RunningTask, RunningTasks } from "./RunningTask.js";
export { TaskSetManager } from "./TaskSetManager.js";

/** One executor's task slots in the scheduler (made in `executorAdded`, whose object literal puts first what each task reads). */
export interface ExecutorSlots {
  readonly id: string;
  /** A dense number for the executor, never reused in a run: per-task state is kept in arrays by it rather than looked up by id. */
  readonly number: number;
  freeSlots: number;
  removed: boolean; // removed, but still in `executorOrder` until the next compaction
  readonly host: string; // the host it runs on (`executorIdToHost`)
  /** Its resource profile and that profile's task slots (`maxTasksPerExecutor`). */
  readonly resourceProfileId: number;
  readonly slots: number;
}

/** What the scheduler needs besides its slots: delay scheduling's settings and clock, and the periodic revive. */
export interface TaskSchedulerParts {
  readonly slotsPerExecutor: number;
  /** Executors of several resource profiles may register: offers are matched to a task set's profile. */
  readonly multipleProfiles?: boolean;
  readonly offerShuffle: RandomStream;
  readonly locality: LocalityConf;
  readonly clock: Clock;
  /** Ask for `reviveOffers()` at `atMs` (the driver's periodic ReviveOffers). */
  readonly scheduleRevive: (atMs: number) => void;
  readonly runningTaskFields?: RunningTaskFields; // which optional fields of a running task are kept (all when absent)
  /** Launches a task (the backend): an object kept, not a closure made per run (see `Clock`). */
  readonly launcher: { launchTask(taskSet: TaskSetManager, index: number, slots: ExecutorSlots, locality: TaskLocality, speculative: boolean): void };
}

/**
 * Places pending tasks on free task slots (`TaskSchedulerImpl` with the coarse-grained backend):
 * FIFO task sets ordered by (job, stage); a round of offers goes over the executors in a
 * shuffled order giving each at most one task per pass, so a stage spreads over executors,
 * and for a task set with preferred locations one round of passes per valid locality level,
 * most local first (`resourceOffers`). Offers happen when a stage is submitted (all
 * executors), when an executor registers and when a task ends (that executor), as in Spark,
 * and every `spark.scheduler.revive.interval` while a task set waits for locality (the
 * driver's periodic revive; without waiting task sets it would find nothing to launch).
 * Executors pending removal are already gone from here (kills take effect at once in the model).
 */
export class TaskSchedulerImpl implements LocalityView {
  private readonly taskSets: TaskSetManager[] = objectArray();
  private readonly executors = new ExecutorsById<ExecutorSlots>();
  /** The running task attempts (`taskIdToTaskSetManager`, `taskIdToExecutorId`), a row each. */
  readonly tasks: RunningTasks;
  /** Live executors per host (`hostToExecutors`), counted once asked. */
  private readonly executorsOnHost = new HostToExecutors(this.executors);
  /** Registration order; shuffled copies are taken for each offer round. Holds removed executors until compacted. */
  private executorOrder: ExecutorSlots[] = objectArray();
  private removedInOrder = 0;
  /** Task sets in `taskSets` with preferred locations. */
  private withPreferences = 0;
  private executorsAdded = 0;
  /** Time of the periodic revive asked for, if any. */
  private reviveAtMs: number | undefined;

  constructor(private readonly p: TaskSchedulerParts) { this.tasks = new RunningTasks(p.runningTaskFields); }

  submitTasks(taskSet: TaskSetManager): void {
    // Keep FIFO order: by job priority, then stage id.
    let i = this.taskSets.length;
    while (i > 0) {
      const prev = this.taskSets[i - 1]!;
      if (prev.priority < taskSet.priority || (prev.priority === taskSet.priority && prev.stageId < taskSet.stageId)) break;
      i--;
    }
    this.taskSets.splice(i, 0, taskSet);
    if (taskSet.hasPreferences) this.withPreferences++;
    this.offerAll();
  }

  taskSetFinished(taskSet: TaskSetManager): void {
    const i = this.taskSets.indexOf(taskSet);
    if (i < 0) return;
    this.taskSets.splice(i, 1);
    if (taskSet.hasPreferences) this.withPreferences--;
  }

  isExecutorAlive(executorId: string): boolean {
    return this.executors.has(executorId);
  }

  hasExecutorsAliveOnHost(host: string): boolean {
    return this.executorsOnHost.hasExecutorsOn(host);
  }

  /** An executor registered (`LaunchedExecutor`): task sets recompute their levels, then `makeOffers(executorId)`. */
  executorAdded(id: string, host: string, resourceProfileId = 0, slotCount = this.p.slotsPerExecutor): void {
    // What a task's end and launch read first in the literal, so V8 lays them out side by side (offsets 24-56 of the object, mostly one cache line; 24-80, two, with host, profile and size between them).
    const slots: ExecutorSlots = { id, number: this.executorsAdded++, freeSlots: slotCount, removed: false, host, resourceProfileId, slots: slotCount };
    this.executors.set(id, slots);
    this.tasks.executorAdded(slots);
    this.executorsOnHost.added(host);
    this.executorOrder.push(slots);
    for (const ts of this.taskSets) ts.recomputeLocality();
    this.offerOne(slots);
  }

  executorRemoved(id: string): void {
    const slots = this.executors.get(id);
    if (slots === undefined) return;
    this.executors.delete(id);
    this.executorsOnHost.removed(slots.host);
    // Marked, and dropped from the order once they are half of it (indexOf + splice each was O(n^2)).
    slots.removed = true;
    slots.freeSlots = 0;
    if (++this.removedInOrder * 2 > this.executorOrder.length) {
      this.executorOrder = this.executorOrder.filter((e) => !e.removed);
      this.removedInOrder = 0;
    }
    for (const ts of this.taskSets) ts.recomputeLocality();
  }

  /** The executor's dense number (`ExecutorSlots.number`), while it takes offers. */
  executorNumber(id: string): number | undefined {
    return this.executors.get(id)?.number;
  }

  isExecutorBusy(id: string): boolean {
    const slots = this.executors.get(id);
    return slots !== undefined && slots.freeSlots < slots.slots;
  }

  /** A task ended: free its slot (the caller then lets the DAG react, then calls `offerFreed`). */
  releaseSlot(slots: ExecutorSlots): void {
    if (!slots.removed) slots.freeSlots++;
  }

  /** `makeOffers(executorId)` after a status update. */
  offerFreed(slots: ExecutorSlots): void {
    if (!slots.removed) this.offerOne(slots);
  }

  /**
   * `makeOffers(executorId)`: `resourceOffers` with one offer, the call made once per task. A
   * task set without preferences or speculation takes tasks in index order while the offer
   * has free slots (what the passes of `offerNoPreferences` come to with one offer); others
   * go through the general offers.
   */
  private offerOne(o: ExecutorSlots): void {
    const oneProfile = this.p.multipleProfiles !== true;
    for (const ts of this.taskSets) {
      if (o.freeSlots <= 0) break; // nothing below changes a task set without a free slot
      if (!ts.hasPending || (!oneProfile && o.resourceProfileId !== ts.resourceProfileId)) continue;
      if (ts.hasPreferences) this.offerWithLocality(ts, [o], false);
      else if (ts.speculation !== undefined) this.offerNoPreferences(ts, [o]);
      else for (; o.freeSlots > 0 && ts.toSchedule > 0; this.launched++) {
        o.freeSlots--;
        this.p.launcher.launchTask(ts, ts.take(), o, TaskLocality.PROCESS_LOCAL, false);
      }
    }
    if (this.withPreferences > 0) this.maybeScheduleRevive(); // without a task set with preferences none waits for locality
  }

  /** `reviveOffers` after a task failed. */
  reviveOffers(): void {
    this.offerAll();
  }

  /** The periodic revive fired: offers to every executor. True when it launched a task. */
  periodicRevive(): boolean {
    this.reviveAtMs = undefined;
    const before = this.launched;
    this.offerAll();
    this.maybeScheduleRevive();
    return this.launched !== before;
  }

  private launched = 0; // tasks launched so far

  /** `reviveOffers`: every executor with free slots, in a shuffled order. */
  private offerAll(): void {
    if (!this.taskSets.some((ts) => ts.hasPending)) return;
    const offers = this.executorOrder.filter((e) => e.freeSlots > 0 && !e.removed);
    if (offers.length === 0) return;
    // Fisher-Yates, as Random.shuffle(offers) in resourceOffers.
    for (let i = offers.length - 1; i > 0; i--) {
      const j = Math.floor(this.p.offerShuffle.next() * (i + 1));
      const tmp = offers[i]!;
      offers[i] = offers[j]!;
      offers[j] = tmp;
    }
    this.resourceOffers(offers, true);
  }

  /**
   * `resourceOffers`: each task set in FIFO order takes what it can of the offers, those of
   * executors of its resource profile (`canBeScheduled`: an exact match) when there are several.
   */
  private resourceOffers(allOffers: readonly ExecutorSlots[], isAllFreeResources: boolean): void {
    for (const ts of this.taskSets) {
      if (!ts.hasPending) continue;
      const offers = this.p.multipleProfiles === true ? allOffers.filter((o) => o.resourceProfileId === ts.resourceProfileId) : allOffers;
      if (ts.hasPreferences) this.offerWithLocality(ts, offers, isAllFreeResources);
      else this.offerNoPreferences(ts, offers);
    }
    this.maybeScheduleRevive();
  }

  /** A task set without preferred locations: passes over the offers, one task per offer per pass. */
  private offerNoPreferences(ts: TaskSetManager, offers: readonly ExecutorSlots[]): void {
    let launched = true;
    while (launched && ts.hasPending) {
      launched = false;
      for (const o of offers) {
        if (o.freeSlots <= 0 || !ts.hasPending) continue;
        if (ts.toSchedule === 0) {
          launched = this.launchCopy(ts, o) || launched;
          continue;
        }
        o.freeSlots--;
        this.launched++;
        this.p.launcher.launchTask(ts, ts.take(), o, TaskLocality.PROCESS_LOCAL, false);
        launched = true;
      }
    }
  }

  /**
   * One round of passes per valid level, most local first (`resourceOfferSingleTaskSet` until it
   * launches nothing). From 3.1 the delay-scheduling clock is reset after the round when it
   * launched something and no offer was refused for locality, on an offer of all free
   * resources or when nothing was refused since the last reset (SPARK-18886).
   */
  private offerWithLocality(ts: TaskSetManager, offers: readonly ExecutorSlots[], isAllFreeResources: boolean): void {
    const now = this.p.clock.now;
    let launchedAny = false;
    let noDelayRejects = true;
    let minLocality: TaskLocality | undefined;
    for (const maxLocality of [...ts.myLocalityLevels]) {
      let launched: boolean;
      do {
        launched = false;
        for (const o of offers) {
          if (o.freeSlots <= 0) continue;
          const launch = ts.resourceOffer(o.id, o.host, maxLocality, now);
          if (launch === undefined && ts.toSchedule === 0 && this.launchCopy(ts, o)) launched = true;
          if (launch === undefined) {
            if (maxLocality === TaskLocality.ANY && ts.hasPending) noDelayRejects = false;
            continue;
          }
          o.freeSlots--;
          this.launched++;
          launched = true;
          if (minLocality === undefined || launch.locality < minLocality) minLocality = launch.locality;
          this.p.launcher.launchTask(ts, launch.index, o, launch.locality, false);
        }
        launchedAny ||= launched;
      } while (launched);
    }
    if (this.p.locality.legacyResetOnTaskLaunch) return;
    if (!noDelayRejects) ts.noRejectsSinceLastReset = false;
    else if (launchedAny && (isAllFreeResources || ts.noRejectsSinceLastReset)) {
      ts.resetDelayScheduleTimer(minLocality, now);
      ts.noRejectsSinceLastReset = true;
    }
  }

  /** Only a task set with preferences waits for locality: without one (the common case) no walk per offer. */
  private anyWaitsForLocality(): boolean {
    return this.withPreferences > 0 && this.taskSets.some((ts) => ts.waitsForLocality);
  }

  /**
   * `dequeueTask`'s second try: a speculative copy that may run on this executor (none ran an
   * attempt of its task there). Copies have no preferred locations in the model: launched at ANY.
   */
  private launchCopy(ts: TaskSetManager, o: ExecutorSlots): boolean {
    const index = ts.speculation?.takeSpeculative(o.id) ?? -1;
    if (index < 0) return false;
    ts.running++;
    o.freeSlots--;
    this.launched++;
    this.p.launcher.launchTask(ts, index, o, TaskLocality.ANY, true);
    return true;
  }

  /** Task sets not yet finished, in FIFO order (the speculation check walks them). */
  get activeTaskSets(): readonly TaskSetManager[] {
    return this.taskSets;
  }

  /** While a task set waits for locality, the next periodic revive (multiples of the interval from the driver's start). */
  private maybeScheduleRevive(): void {
    if (this.reviveAtMs !== undefined || !this.anyWaitsForLocality()) return;
    const interval = Math.max(1, this.p.locality.reviveIntervalMs);
    this.reviveAtMs = (Math.floor(this.p.clock.now / interval) + 1) * interval;
    this.p.scheduleRevive(this.reviveAtMs);
  }
}
