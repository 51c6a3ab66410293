import type { SparkConf } from "../conf/SparkConf.js";
import type { Clock } from "../core/index.js";
import type { ShuffleCleaned, SparkListener, SparkListenerBlockUpdated, SparkListenerExecutorAdded, SparkListenerExecutorRemoved,
  SparkListenerJobEnd, SparkListenerJobStart, SparkListenerTaskEnd, SparkListenerTaskStart, SparkListenerUnpersistRDD } from "./SparkListener.js";
import type { TimeoutReason, TimeoutSettings } from "./executorDeadline.js";
import { ExecutorAllocationManagerSource } from "./ExecutorAllocationManagerSource.js";
import { ExecutorTracker } from "./ExecutorTracker.js";
import { TrackerTotals } from "./TrackerTotals.js";
import type { ExecutorRows } from "./ExecutorRows.js";
import { DEFAULT_RESOURCE_PROFILE_ID, UNKNOWN_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";
import { ExecutorProfiles } from "./ExecutorProfiles.js";
import { ShuffleTable } from "./ShuffleTable.js";
import { TrackersById } from "./TrackersById.js";

/** Made once, not per monitor: a closure made per run would be a new call target in every run (see `Clock`). */
const NO_DEADLINE_HOOK = (): void => {}, ALWAYS_ACTIVE = (): boolean => true;

/**
 * Tracks executor activity for the allocation manager (`scheduler/dynalloc/ExecutorMonitor`):
 * idle start, cached blocks, shuffle data and whether a running job uses it, deadlines, and
 * the timed-out list. The policy only asks it for counts and `timedOutExecutors`.
 */
export class ExecutorMonitor implements SparkListener {
  /** By id, in the order first seen (which decides, for one, which executors a loss of `count` picks). */
  private readonly executors = new TrackersById<ExecutorTracker>();
  readonly source = new ExecutorAllocationManagerSource(); // SPARK-33763's removal counters
  private readonly totals: TrackerTotals;
  private readonly shuffleTracking: boolean;
  private readonly fetchFromShuffleSvcEnabled: boolean;
  // Shuffle activity (shuffle tracking only).
  private readonly shuffleToActiveJobs = new Map<number, number[]>();
  /** By stage id, the last lookup kept (a run's task ends come in runs of one stage's: most never hash). */
  private readonly stageToShuffleId = new ShuffleTable<number>();
  private readonly jobToStageIds = new Map<number, number[]>();
  /** Each executor's profile and the counts per profile (`executorCountWithResourceProfile`, ...). */
  readonly profiles: ExecutorProfiles;

  /**
   * @param onDeadline called with every finite deadline as it is set, so the engine can
   *   evaluate the allocation tick then instead of every 100 ms.
   */
  constructor(
    conf: SparkConf,
    clock: Clock,
    onDeadline: (deadlineMs: number) => void = NO_DEADLINE_HOOK,
    /** The backend's `isExecutorActive` (registered, not pending removal); guards late events (SPARK-26927). */
    private readonly isExecutorActive: (id: string) => boolean = ALWAYS_ACTIVE,
    /** Scan every time (the reference the lower-bound shortcut is tested against). */
    private readonly alwaysScan = false,
    /** The rows by executor number the running-task counts go in (the engine shares them with the map output tracker). */
    rows?: ExecutorRows,
  ) {
    const timeouts: TimeoutSettings = {
      executorIdleTimeoutMs: conf.executorIdleTimeoutMs,
      cachedExecutorIdleTimeoutMs: conf.cachedExecutorIdleTimeoutMs,
      shuffleTrackingTimeoutMs: conf.shuffleTrackingTimeoutMs,
      timeoutIsMaxOfApplicable: conf.features.timeoutIsMaxOfApplicable,
    };
    this.totals = new TrackerTotals(clock, timeouts, onDeadline, rows);
    this.profiles = new ExecutorProfiles(this.executors, this.totals);
    this.shuffleTracking = conf.shuffleTrackingActive;
    this.fetchFromShuffleSvcEnabled = conf.shuffleServiceEnabled && conf.shuffleServiceFetchRddEnabled;
  }

  /**
   * Executors whose deadline has passed, sorted by id as strings (SPARK-38019). Pending
   * removal and active-shuffle executors are never eligible. The scan is skipped while now is
   * below a lower bound of eligible deadlines: observably the same as Spark's cached list.
   */
  timedOutExecutors(nowMs: number): string[] {
    if (nowMs < this.totals.earliestDeadlineMs && !this.alwaysScan) return [];
    const out: string[] = [];
    // The eligible deadlines packed in one array (`TimedOutScan`), not a read of every tracker.
    this.totals.earliestDeadlineMs = this.totals.scan.scan(nowMs, out);
    return out.sort();
  }

  executorsKilled(ids: readonly string[]): void {
    for (const id of ids) this.executors.get(id)?.markPendingRemoval();
  }

  /** `executorsDecommissioned`: marked decommissioning, counted apart from pending removals (`decommissioningCount`). */
  executorsDecommissioned(ids: readonly string[]): void {
    for (const id of ids) this.executors.get(id)?.markDecommissioning();
  }

  get decommissioningCount(): number {
    return this.totals.decommissioningKnown;
  }

  /** All tracked executors (`executorCount`). */
  get executorCount(): number {
    return this.executors.size;
  }

  /** Executors whose resource profile is known, of every profile. */
  get executorCountWithKnownProfile(): number {
    return this.totals.knownProfile;
  }

  get pendingRemovalCount(): number {
    return this.totals.pendingRemovalKnown;
  }

  /** Ids marked pending removal (`executorsPendingToRemove`). */
  executorsPendingToRemove(): string[] {
    return this.executors.values().filter((e) => e.pendingRemoval).map((e) => e.id).sort();
  }

  get busyCount(): number {
    return this.totals.busy;
  }

  /** Idle executors holding shuffle data (shuffle tracking on). */
  get idleWithShuffleDataCount(): number {
    return this.totals.idleWithShuffleData;
  }

  /** Idle executors holding cached blocks. */
  get idleWithCachedBlocksCount(): number {
    return this.totals.idleWithCachedBlocks;
  }

  /** Whether it is tracked: registered (or seen in a task or block event) and not removed. */
  isTracked(id: string): boolean {
    return this.executors.has(id);
  }

  /** Tracked executor ids, in the order they were first seen. */
  executorIds(): string[] {
    return this.executors.ids();
  }

  /** The timeout that would remove it and when it went idle (for the removal record). */
  timeoutOf(id: string): { readonly reason: TimeoutReason; readonly idleStartMs: number } | undefined {
    const e = this.executors.get(id);
    return e === undefined ? undefined : { reason: e.timeoutReason, idleStartMs: e.idleStartMs };
  }

  /** One tracker, read-only (the model trace and Spark's suite read them). */
  tracker(id: string): ExecutorTracker | undefined {
    return this.executors.get(id);
  }

  /** Every tracker, in the order first seen (a copy). */
  trackers(): ExecutorTracker[] {
    return this.executors.values();
  }

  /** Starts collecting the trackers that change, for the model trace. */
  trackChanges(): void {
    this.totals.changed = new Set();
    this.totals.numbers.traced = true;
  }

  /** The trackers touched since the last call (empty unless `trackChanges` was called). */
  takeChanged(): ExecutorTracker[] {
    const changed = this.totals.changed;
    if (changed === undefined || changed.size === 0) return [];
    const out = [...changed];
    changed.clear();
    return out;
  }

  // ---- listener ---------------------------------------------------------------------------

  onJobStart(event: SparkListenerJobStart): void {
    if (!this.shuffleTracking) return;
    const shuffleStages: Array<[number, number]> = [];
    for (const s of event.stageInfos) if (s.shuffleId !== undefined) shuffleStages.push([s.stageId, s.shuffleId]);

    let updateExecutors = false;
    for (const [, shuffleId] of shuffleStages) {
      let jobs = this.shuffleToActiveJobs.get(shuffleId);
      if (jobs !== undefined) {
        // A shuffle seen before (entries stay, emptied, until cleaned) is being reused.
        updateExecutors = true;
      } else {
        jobs = [];
        this.shuffleToActiveJobs.set(shuffleId, jobs);
      }
      jobs.push(event.jobId);
    }

    if (updateExecutors) {
      const activeShuffleIds = shuffleStages.map(([, id]) => id);
      this.executors.forEach((e) => {
        if (!e.hasActiveShuffle) e.updateActiveShuffles(activeShuffleIds);
      });
    }
    for (const [stageId, shuffleId] of shuffleStages) this.stageToShuffleId.set(stageId, shuffleId);
    this.jobToStageIds.set(
      event.jobId,
      shuffleStages.map(([stageId]) => stageId),
    );
  }

  onJobEnd(event: SparkListenerJobEnd): void {
    if (!this.shuffleTracking) return;
    let updateExecutors = false;
    const activeShuffles: number[] = [];
    for (const [shuffleId, jobs] of this.shuffleToActiveJobs) {
      const i = jobs.indexOf(event.jobId);
      if (i >= 0) jobs.splice(i, 1);
      if (jobs.length > 0) activeShuffles.push(shuffleId);
      else updateExecutors = true;
    }
    if (updateExecutors) {
      this.executors.forEach((e) => {
        if (e.hasActiveShuffle) e.updateActiveShuffles(activeShuffles);
      });
    }
    const stages = this.jobToStageIds.get(event.jobId);
    this.jobToStageIds.delete(event.jobId);
    if (stages !== undefined) for (const id of stages) this.stageToShuffleId.delete(id);
  }

  onTaskStart(event: SparkListenerTaskStart): void {
    // Guard against a late task start for an executor being removed (SPARK-26927).
    if (!this.isExecutorActive(event.executorId)) return;
    const n = this.numberOf(event.executorId, event.executorNumber);
    if (n >= 0) this.totals.numbers.taskStarted(n);
    else (this.executors.get(event.executorId) ?? this.ensureExecutorIsTracked(event.executorId, UNKNOWN_RESOURCE_PROFILE_ID)).updateRunningTasks(1);
  }

  onTaskEnd(event: SparkListenerTaskEnd): void {
    const shuffleId = this.shuffleTracking && event.reason === "Success" ? this.stageToShuffleId.cached(event.stageId) : undefined;
    const n = this.numberOf(event.executorId, event.executorNumber);
    if (n >= 0) {
      this.totals.numbers.taskEnded(n, shuffleId);
      return;
    }
    const e = this.executors.get(event.executorId);
    if (e === undefined) return;
    if (shuffleId !== undefined) e.addShuffle(shuffleId);
    // After the shuffle update, so an executor going idle has up-to-date shuffle state.
    e.updateRunningTasks(-1);
  }

  onExecutorAdded(event: SparkListenerExecutorAdded): void {
    this.ensureExecutorIsTracked(event.executorId, event.resourceProfileId ?? DEFAULT_RESOURCE_PROFILE_ID).updateRunningTasks(0);
  }

  /** The number of the tracker of `id` in `totals.numbers` (given it on the first task event with one), or -1. */
  private numberOf(id: string, executorNumber: number | undefined): number {
    if (executorNumber === undefined || executorNumber < 0) return -1;
    const numbers = this.totals.numbers;
    if (numbers.has(executorNumber)) return executorNumber;
    const e = this.executors.get(id);
    if (e === undefined) return -1;
    numbers.attach(e, executorNumber);
    return executorNumber;
  }

  /** A task or block event may arrive before ExecutorAdded (SPARK-4951): track it then, its profile unknown. */
  private ensureExecutorIsTracked(id: string, resourceProfileId: number): ExecutorTracker {
    let e = this.executors.get(id);
    if (e === undefined) {
      e = new ExecutorTracker(id, this.shuffleTracking, this.totals);
      this.executors.add(e);
    }
    if (resourceProfileId !== UNKNOWN_RESOURCE_PROFILE_ID && !e.resourceProfileKnown) {
      e.markResourceProfileKnown();
      this.profiles.known(e, resourceProfileId);
    }
    return e;
  }

  onExecutorRemoved(event: SparkListenerExecutorRemoved): void {
    const e = this.executors.get(event.executorId);
    if (e === undefined) return;
    this.source.executorRemoved(e, event);
    e.untrack();
    this.executors.delete(e);
    this.totals.numbers.detach(e);
    this.profiles.removed(e);
  }

  onBlockUpdated(event: SparkListenerBlockUpdated): void {
    // SPARK-37688: updates for executors the backend no longer considers active are dropped.
    if (!this.isExecutorActive(event.executorId)) return;
    const e = this.ensureExecutorIsTracked(event.executorId, UNKNOWN_RESOURCE_PROFILE_ID);
    // SPARK-27677: blocks the external shuffle service can serve do not count.
    e.updateBlock(event.rddId, event.partition, event.valid && (!this.fetchFromShuffleSvcEnabled || !event.useDisk));
  }

  onUnpersistRDD(event: SparkListenerUnpersistRDD): void {
    this.executors.forEach((e) => e.unpersist(event.rddId));
  }

  onShuffleCleaned(event: ShuffleCleaned): void {
    if (!this.shuffleTracking) return;
    this.shuffleToActiveJobs.delete(event.shuffleId);
    this.executors.forEach((e) => e.removeShuffle(event.shuffleId));
    this.totals.numbers.shuffleCleaned(event.shuffleId);
  }
}
