import type { LocalityConf } from "../conf/SparkConf.js";
import { isLocalityAllowed, TaskLocality } from "../result/TaskLocality.js";
import { PendingTasksByLocality, type LocalityView, type TaskLocation } from "./PendingTasksByLocality.js";
import type { Launch } from "./RunningTask.js";
import type { Stage } from "./Stage.js";
import type { TaskSetSpeculation } from "./TaskSetSpeculation.js";

/** A task set's preferred locations and what delay scheduling needs. */
export interface TaskSetLocality {
  /** Preferred locations by task index (undefined or empty: none). */
  readonly preferred: ReadonlyArray<readonly TaskLocation[] | undefined>;
  readonly conf: LocalityConf;
  readonly view: LocalityView;
  /** Time of creation: the delay-scheduling clock starts here. */
  readonly nowMs: number;
}

/** Without preferences every task launches in the NO_PREF pass (reported PROCESS_LOCAL). */
const NO_PREF_LEVELS: readonly TaskLocality[] = [TaskLocality.NO_PREF, TaskLocality.ANY];

/**
 * The tasks of one stage attempt (`TaskSetManager`). Without preferred locations (the common
 * case) tasks launch in index order, a failed task going back on top (Spark dequeues pending
 * lists from the end, and `addPendingTask` appends), so a retry launches before the next fresh
 * index. With them, Spark's delay scheduling: pending lists by locality, the valid levels
 * (`computeValidLocalityLevels`), a wait per level (`spark.locality.wait.*`) and the clock
 * that lets a task set launch less local tasks once the wait at its level has passed
 * (`getAllowedLocalityLevel`), reset as the Spark version does (SPARK-18886).
 */
export class TaskSetManager {
  private next = 0;
  /** Failed indices waiting to run again, last failed first (no preferred locations). */
  private readonly retries: number[] = [];
  /** `numFailures` per index, counted only for failures that count (`countTowardsTaskFailures`). */
  private failures: Uint8Array | undefined;
  /** Indices no attempt runs and none succeeded (speculatable copies aside: `isSchedulable` counts them too). */
  toSchedule: number;
  succeeded = 0;
  running = 0; // attempts of this task set running now
  /** `isZombie`: launches nothing more (finished, or failed by a fetch failure); running tasks may still end. */
  zombie = false;

  private readonly loc: TaskSetLocality | undefined;
  private readonly pending: PendingTasksByLocality | undefined;
  /** Per index (with preferences): 1 while an attempt runs; 1 once succeeded. */
  private readonly copiesRunning: Uint8Array | undefined;
  private readonly successful: Uint8Array | undefined;
  myLocalityLevels: readonly TaskLocality[] = NO_PREF_LEVELS;
  private localityWaits: number[] = [0, 0];
  private currentLocalityIndex = 0;
  private lastLocalityWaitResetTimeMs = 0;
  noRejectsSinceLastReset = true; // `TaskSchedulerImpl`'s (SPARK-18886), kept with its task set
  stage: Stage | undefined = undefined; // its stage, set by the DAGScheduler: a task's end finds it without a lookup by id
  speculation: TaskSetSpeculation | undefined; // spark.speculation on: copies, the median, speculatable indices

  constructor(
    readonly stageId: number,
    readonly attempt: number,
    /** FIFO priority: the id of the job that submitted the stage. */
    readonly priority: number,
    readonly partitions: Int32Array, // partitions[i] is the partition of task index i
    /** Duration of each partition's task, by partition. */
    readonly durationsByPartition: Float64Array,
    locality?: TaskSetLocality,
    readonly resourceProfileId = 0, // the stage's resource profile: only its executors take its tasks
    readonly nextAttemptFactor?: Float64Array, // by partition, its next attempt's slowdown (`attemptDurationMs`)
  ) {
    this.toSchedule = partitions.length;
    const anyPreference = locality?.preferred.some((p) => p !== undefined && p.length > 0) === true;
    this.loc = anyPreference ? locality : undefined;
    if (this.loc === undefined) return;
    const n = partitions.length;
    this.pending = new PendingTasksByLocality();
    for (let i = n - 1; i >= 0; i--) this.pending.add(i, this.loc.preferred[i]);
    this.copiesRunning = new Uint8Array(n);
    this.successful = new Uint8Array(n);
    this.lastLocalityWaitResetTimeMs = this.loc.nowMs;
    this.myLocalityLevels = this.computeValidLocalityLevels();
    this.localityWaits = this.myLocalityLevels.map((l) => this.getLocalityWait(l));
  }

  get numTasks(): number {
    return this.partitions.length;
  }

  get hasPending(): boolean {
    return !this.zombie && (this.toSchedule > 0 || this.speculation?.hasPendingSpeculatable === true);
  }

  get isComplete(): boolean {
    return this.succeeded === this.partitions.length;
  }

  /** Some task has a preferred location: offers go through delay scheduling. */
  get hasPreferences(): boolean {
    return this.loc !== undefined;
  }

  /** Takes the next pending task index (a task set without preferred locations). */
  take(): number {
    this.running++;
    this.toSchedule--;
    return this.retries.length > 0 ? this.retries.pop()! : this.next++;
  }

  /**
   * `resourceOffer`: a task for this executor at no less local a level than `maxLocality`
   * and than delay scheduling allows now (except in the NO_PREF pass), or undefined.
   */
  resourceOffer(executorId: string, host: string, maxLocality: TaskLocality, nowMs: number): Launch | undefined {
    if (this.zombie || this.toSchedule === 0) return undefined;
    if (this.loc === undefined) return { index: this.take(), locality: TaskLocality.PROCESS_LOCAL };
    let allowed = maxLocality;
    if (maxLocality !== TaskLocality.NO_PREF) {
      allowed = this.getAllowedLocalityLevel(nowMs);
      if (allowed > maxLocality) allowed = maxLocality;
    }
    const launch = this.dequeueTask(executorId, host, allowed);
    if (launch === undefined) return undefined;
    this.copiesRunning![launch.index] = 1;
    this.running++;
    this.toSchedule--;
    if (this.loc.conf.legacyResetOnTaskLaunch && maxLocality !== TaskLocality.NO_PREF) this.resetDelayScheduleTimer(launch.locality, nowMs);
    return launch;
  }

  /** `dequeueTask`: the executor's list, then its host's, then no-preference tasks, then any. */
  private dequeueTask(executorId: string, host: string, maxLocality: TaskLocality): Launch | undefined {
    const p = this.pending!;
    let index = this.dequeueFrom(p.forExecutor.get(executorId));
    if (index !== undefined) return { index, locality: TaskLocality.PROCESS_LOCAL };
    if (isLocalityAllowed(maxLocality, TaskLocality.NODE_LOCAL)) {
      index = this.dequeueFrom(p.forHost.get(host));
      if (index !== undefined) return { index, locality: TaskLocality.NODE_LOCAL };
    }
    if (isLocalityAllowed(maxLocality, TaskLocality.NO_PREF)) {
      index = this.dequeueFrom(p.noPrefs);
      if (index !== undefined) return { index, locality: TaskLocality.PROCESS_LOCAL };
    }
    if (isLocalityAllowed(maxLocality, TaskLocality.ANY)) {
      index = this.dequeueFrom(p.all);
      if (index !== undefined) return { index, locality: TaskLocality.ANY };
    }
    return undefined;
  }

  /** `dequeueTaskFromList`: pops from the end, dropping entries already launched or done. */
  private dequeueFrom(list: number[] | undefined): number | undefined {
    if (list === undefined) return undefined;
    while (list.length > 0) {
      const index = list.pop()!;
      if (this.successful![index] === 0 && this.copiesRunning![index] === 0) return index;
    }
    return undefined;
  }

  /** `getAllowedLocalityLevel`: moves past levels with nothing left to run, or whose wait has passed. */
  private getAllowedLocalityLevel(nowMs: number): TaskLocality {
    const levels = this.myLocalityLevels;
    while (this.currentLocalityIndex < levels.length - 1) {
      if (!this.moreTasksAt(levels[this.currentLocalityIndex]!)) {
        // SPARK-4939: nothing to run at this level, so no point waiting for it.
        this.lastLocalityWaitResetTimeMs = nowMs;
        this.currentLocalityIndex++;
      } else if (nowMs - this.lastLocalityWaitResetTimeMs >= this.localityWaits[this.currentLocalityIndex]!) {
        // The next level's wait starts where this one's ended, not now.
        this.lastLocalityWaitResetTimeMs += this.localityWaits[this.currentLocalityIndex]!;
        this.currentLocalityIndex++;
      } else return levels[this.currentLocalityIndex]!;
    }
    return levels[this.currentLocalityIndex]!;
  }

  private moreTasksAt(level: TaskLocality): boolean {
    const p = this.pending!;
    if (level === TaskLocality.PROCESS_LOCAL) return this.moreTasksToRunIn(p.forExecutor);
    if (level === TaskLocality.NODE_LOCAL) return this.moreTasksToRunIn(p.forHost);
    // NO_PREF: Spark looks at the raw list (`noPrefs.nonEmpty`), launched entries included.
    return p.noPrefs.length > 0;
  }

  /** `moreTasksToRunIn`: some list still holds a task to run; lists left empty are dropped. */
  private moreTasksToRunIn(lists: Map<string, number[]>): boolean {
    const empty: string[] = [];
    let found = false;
    for (const [key, list] of lists) {
      while (list.length > 0 && (this.successful![list[list.length - 1]!] === 1 || this.copiesRunning![list[list.length - 1]!] === 1)) list.pop();
      if (list.length > 0) {
        found = true;
        break;
      }
      empty.push(key);
    }
    for (const key of empty) lists.delete(key);
    return found;
  }

  /** `resetDelayScheduleTimer`: the clock restarts now, at the level of the most local launch. */
  resetDelayScheduleTimer(minLocality: TaskLocality | undefined, nowMs: number): void {
    if (this.loc === undefined) return;
    this.lastLocalityWaitResetTimeMs = nowMs;
    if (minLocality !== undefined) this.currentLocalityIndex = this.getLocalityIndex(minLocality);
  }

  /** `getLocalityIndex`: the first valid level at least as far as `locality` (the last is ANY). */
  private getLocalityIndex(locality: TaskLocality): number {
    let i = 0;
    while (locality > this.myLocalityLevels[i]!) i++;
    return i;
  }

  /** `computeValidLocalityLevels`: levels some pending task could use on a live executor. */
  private computeValidLocalityLevels(): TaskLocality[] {
    const p = this.pending!;
    const view = this.loc!.view;
    const levels: TaskLocality[] = [];
    if ([...p.forExecutor.keys()].some((e) => view.isExecutorAlive(e))) levels.push(TaskLocality.PROCESS_LOCAL);
    if ([...p.forHost.keys()].some((h) => view.hasExecutorsAliveOnHost(h))) levels.push(TaskLocality.NODE_LOCAL);
    if (p.noPrefs.length > 0) levels.push(TaskLocality.NO_PREF);
    levels.push(TaskLocality.ANY);
    return levels;
  }

  private getLocalityWait(level: TaskLocality): number {
    const c = this.loc!.conf;
    if (level === TaskLocality.PROCESS_LOCAL) return c.processWaitMs;
    if (level === TaskLocality.NODE_LOCAL) return c.nodeWaitMs;
    if (level === TaskLocality.RACK_LOCAL) return c.rackWaitMs;
    return 0;
  }

  /**
   * `recomputeLocality` (an executor came or went): the valid levels again, keeping the current
   * level; from 3.1, a newly valid level more local than it becomes current (SPARK-31837).
   */
  recomputeLocality(): void {
    if (this.zombie || this.loc === undefined) return;
    const previousIndex = this.currentLocalityIndex;
    const previousLevels = this.myLocalityLevels;
    this.myLocalityLevels = this.computeValidLocalityLevels();
    this.localityWaits = this.myLocalityLevels.map((l) => this.getLocalityWait(l));
    this.currentLocalityIndex = this.getLocalityIndex(previousLevels[previousIndex]!);
    if (this.loc.conf.shiftToNewLevelOnRecompute && this.currentLocalityIndex > previousIndex) {
      const added = this.myLocalityLevels.find((l) => !previousLevels.includes(l));
      if (added !== undefined) this.currentLocalityIndex = this.getLocalityIndex(added);
    }
  }

  /** A task set whose delay scheduling may hold tasks back: pending tasks and a level before ANY other than NO_PREF. */
  get waitsForLocality(): boolean {
    return this.hasPending && this.myLocalityLevels[0]! < TaskLocality.NO_PREF;
  }

  /** `handleSuccessfulTask`. */
  taskSucceeded(index: number): void {
    this.succeeded++;
    this.running--;
    if (this.successful !== undefined) {
      this.successful[index] = 1;
      this.copiesRunning![index] = 0;
    }
  }

  /**
   * `executorLost` for a shuffle map task set: a task that succeeded on the lost executor,
   * whose output went with it, is pending again ("Resubmitted"); not a failure.
   */
  resubmit(index: number): void {
    this.succeeded--;
    if (this.successful !== undefined) this.successful[index] = 0;
    if (this.speculation !== undefined) this.speculation.successful[index] = 0;
    this.addPendingTask(index);
  }

  private addPendingTask(index: number): void {
    this.toSchedule++;
    if (this.pending === undefined) this.retries.push(index);
    else this.pending.add(index, this.loc!.preferred[index]);
  }

  /** Index of a partition's task (task sets are small lists of partitions, in order). */
  indexOfPartition(partition: number): number {
    return this.partitions.indexOf(partition);
  }

  /**
   * `handleFailedTask`: the index is pending again. Returns the failure count of the index when
   * the failure counts toward `spark.task.maxFailures`, else 0.
   */
  taskFailed(index: number, counts: boolean): number {
    this.running--;
    if (this.copiesRunning !== undefined) this.copiesRunning[index] = 0;
    if (this.zombie) return 0;
    if (this.speculation === undefined || this.speculation.shouldRetry(index)) this.addPendingTask(index);
    if (!counts) return 0;
    this.failures ??= new Uint8Array(this.partitions.length);
    this.failures[index] = Math.min(255, this.failures[index]! + 1);
    return this.failures[index]!;
  }
}
