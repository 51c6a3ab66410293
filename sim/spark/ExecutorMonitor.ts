import type { SparkConf } from "../conf/SparkConf.js";
import type {
  ExecutorRemovalReason,
  ShuffleCleaned,
  SparkListener,
  SparkListenerBlockUpdated,
  SparkListenerExecutorAdded,
  SparkListenerExecutorRemoved,
  SparkListenerJobEnd,
  SparkListenerJobStart,
  SparkListenerTaskEnd,
  SparkListenerTaskStart,
  SparkListenerUnpersistRDD,
} from "./SparkListener.js";

/** The timeouts that apply to an idle executor, in ms (`Infinity` = never). */
export interface TimeoutSettings {
  readonly executorIdleTimeoutMs: number;
  readonly cachedExecutorIdleTimeoutMs: number;
  readonly shuffleTrackingTimeoutMs: number;
  /** SPARK-43398 (3.3.3+, 3.4.1+): max of the applicable timeouts; before (and 3.4.0): min(cached, shuffle). */
  readonly timeoutIsMaxOfApplicable: boolean;
}

/**
 * `Tracker.updateTimeout`: when an idle executor times out, and which timeout decided it.
 * Deadlines count from `idleStartMs`, the moment it last went to zero running tasks.
 */
export function executorDeadline(
  idleStartMs: number,
  hasCachedBlocks: boolean,
  hasShuffleData: boolean,
  t: TimeoutSettings,
): { deadlineMs: number; reason: Exclude<ExecutorRemovalReason, "application-end"> } {
  if (idleStartMs < 0) return { deadlineMs: Infinity, reason: "idle-timeout" };
  let timeout: number;
  let reason: Exclude<ExecutorRemovalReason, "application-end">;
  if (t.timeoutIsMaxOfApplicable) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : 0;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : 0;
    timeout = Math.max(cache, shuffle, t.executorIdleTimeoutMs);
    // Name the data kind whose timeout decided the deadline; the plain idle timeout otherwise.
    reason =
      hasCachedBlocks && cache === timeout && cache > t.executorIdleTimeoutMs
        ? "cached-idle-timeout"
        : hasShuffleData && shuffle === timeout && shuffle > t.executorIdleTimeoutMs
          ? "shuffle-idle-timeout"
          : "idle-timeout";
  } else if (hasCachedBlocks || hasShuffleData) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : Infinity;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : Infinity;
    timeout = Math.min(cache, shuffle);
    reason = hasCachedBlocks && cache === timeout ? "cached-idle-timeout" : "shuffle-idle-timeout";
  } else {
    timeout = t.executorIdleTimeoutMs;
    reason = "idle-timeout";
  }
  return { deadlineMs: idleStartMs + timeout, reason };
}

/** Per-executor state (`ExecutorMonitor.Tracker`). */
export class ExecutorTracker {
  timeoutAtMs = Infinity;
  timeoutReason: Exclude<ExecutorRemovalReason, "application-end"> = "idle-timeout";
  pendingRemoval = false;
  hasActiveShuffle = false;
  idleStartMs = -1;
  runningTasks = 0;
  /** rddId -> partitions held. */
  readonly cachedBlocks = new Map<number, Set<number>>();
  /** Shuffles whose data this executor holds; null when shuffle tracking is off. */
  readonly shuffleIds: Set<number> | null;
  /** False while only a task or block event has been seen (Spark's UNKNOWN_RESOURCE_PROFILE_ID). */
  resourceProfileKnown = false;
  /** Counted in the monitor's idle-with-data totals (for the timeline). */
  countedPinnedShuffle = false;
  countedPinnedCache = false;

  constructor(
    readonly id: string,
    shuffleTracking: boolean,
  ) {
    this.shuffleIds = shuffleTracking ? new Set() : null;
  }

  /** `isIdle`: no running task and no active shuffle. */
  get isIdle(): boolean {
    return this.idleStartMs >= 0 && !this.hasActiveShuffle;
  }

  get holdsShuffleData(): boolean {
    return this.shuffleIds !== null && this.shuffleIds.size > 0;
  }
}

/**
 * Tracks executor activity for the allocation manager (`scheduler/dynalloc/ExecutorMonitor`):
 * idle start, cached blocks, shuffle data and whether a running job uses it, deadlines, and
 * the timed-out list. The policy only asks it for counts and `timedOutExecutors`.
 */
export class ExecutorMonitor implements SparkListener {
  private readonly executors = new Map<string, ExecutorTracker>();
  private readonly timeouts: TimeoutSettings;
  private readonly shuffleTracking: boolean;
  private readonly fetchFromShuffleSvcEnabled: boolean;
  // Shuffle activity (shuffle tracking only).
  private readonly shuffleToActiveJobs = new Map<number, number[]>();
  private readonly stageToShuffleId = new Map<number, number>();
  private readonly jobToStageIds = new Map<number, number[]>();
  private busy = 0;
  /**
   * A lower bound of the deadlines of eligible executors: lowered whenever a deadline is set,
   * recomputed exactly by each scan. While now is below it nothing can be timed out, so the
   * scan is skipped (the same answer as scanning; Spark keeps a similar `nextTimeout`).
   */
  private earliestDeadlineMs = -Infinity;
  /** Trackers whose resource profile is known (kept in step: read on every tick). */
  private knownProfile = 0;
  /** Of those, the ones pending removal (kept in step: read on every removal tick). */
  private pendingRemovalKnown = 0;
  private idleWithShuffleData = 0;
  private idleWithCachedBlocks = 0;
  /** Trackers touched since the last `takeChanged` (only while a trace is recorded). */
  private changed: Set<ExecutorTracker> | undefined;

  /**
   * @param onDeadline called with every finite deadline as it is set, so the engine can
   *   evaluate the allocation tick then instead of every 100 ms.
   */
  constructor(
    conf: SparkConf,
    private readonly now: () => number,
    private readonly onDeadline: (deadlineMs: number) => void = () => {},
    /** The backend's `isExecutorActive` (registered, not pending removal); guards late events (SPARK-26927). */
    private readonly isExecutorActive: (id: string) => boolean = () => true,
    /** Scan every time (the reference the lower-bound shortcut is tested against). */
    private readonly alwaysScan = false,
  ) {
    this.timeouts = {
      executorIdleTimeoutMs: conf.executorIdleTimeoutMs,
      cachedExecutorIdleTimeoutMs: conf.cachedExecutorIdleTimeoutMs,
      shuffleTrackingTimeoutMs: conf.shuffleTrackingTimeoutMs,
      timeoutIsMaxOfApplicable: conf.features.timeoutIsMaxOfApplicable,
    };
    this.shuffleTracking = conf.shuffleTrackingActive;
    this.fetchFromShuffleSvcEnabled = conf.shuffleServiceEnabled && conf.shuffleServiceFetchRddEnabled;
  }

  // ---- queries used by the allocation manager -------------------------------------------

  /**
   * Executors whose deadline has passed, sorted by id as strings (SPARK-38019). Pending
   * removal and active-shuffle executors are never eligible. The scan is skipped while now is
   * below a lower bound of eligible deadlines: observably the same as Spark's cached list.
   */
  timedOutExecutors(nowMs: number): string[] {
    if (nowMs < this.earliestDeadlineMs && !this.alwaysScan) return [];
    const out: string[] = [];
    let earliest = Infinity;
    for (const [id, e] of this.executors) {
      if (e.pendingRemoval || e.hasActiveShuffle) continue;
      if (e.timeoutAtMs <= nowMs) out.push(id);
      if (e.timeoutAtMs < earliest) earliest = e.timeoutAtMs;
    }
    this.earliestDeadlineMs = earliest;
    return out.sort();
  }

  /** Whether the executor's resource profile is known (removal skips unknown ones). */
  isResourceProfileKnown(id: string): boolean {
    return this.executors.get(id)?.resourceProfileKnown === true;
  }

  executorsKilled(ids: readonly string[]): void {
    for (const id of ids) {
      const e = this.executors.get(id);
      if (e === undefined || e.pendingRemoval) continue;
      e.pendingRemoval = true;
      this.changed?.add(e);
      if (e.resourceProfileKnown) this.pendingRemovalKnown++;
    }
  }

  /** All tracked executors (`executorCount`). */
  get executorCount(): number {
    return this.executors.size;
  }

  /** Executors of the (one) resource profile: `executorCountWithResourceProfile`. */
  get executorCountWithKnownProfile(): number {
    return this.knownProfile;
  }

  get pendingRemovalCount(): number {
    return this.pendingRemovalKnown;
  }

  /** Ids marked pending removal (`executorsPendingToRemove`). */
  executorsPendingToRemove(): string[] {
    return [...this.executors.values()].filter((e) => e.pendingRemoval).map((e) => e.id).sort();
  }

  get busyCount(): number {
    return this.busy;
  }

  /** Idle executors holding shuffle data (shuffle tracking on). */
  get idleWithShuffleDataCount(): number {
    return this.idleWithShuffleData;
  }

  /** Idle executors holding cached blocks. */
  get idleWithCachedBlocksCount(): number {
    return this.idleWithCachedBlocks;
  }

  tracker(id: string): ExecutorTracker | undefined {
    return this.executors.get(id);
  }

  trackers(): IterableIterator<ExecutorTracker> {
    return this.executors.values();
  }

  /** Starts collecting the trackers that change, for the model trace. */
  trackChanges(): void {
    this.changed = new Set();
  }

  /** The trackers touched since the last call (empty unless `trackChanges` was called). */
  takeChanged(): ExecutorTracker[] {
    if (this.changed === undefined || this.changed.size === 0) return [];
    const out = [...this.changed];
    this.changed.clear();
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
      for (const e of this.executors.values()) {
        if (!e.hasActiveShuffle) this.updateActiveShuffles(e, activeShuffleIds);
      }
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
      for (const e of this.executors.values()) {
        if (e.hasActiveShuffle) this.updateActiveShuffles(e, activeShuffles);
      }
    }
    const stages = this.jobToStageIds.get(event.jobId);
    this.jobToStageIds.delete(event.jobId);
    if (stages !== undefined) for (const id of stages) this.stageToShuffleId.delete(id);
  }

  onTaskStart(event: SparkListenerTaskStart): void {
    // Guard against a late task start for an executor being removed (SPARK-26927).
    if (!this.isExecutorActive(event.executorId)) return;
    this.updateRunningTasks(this.ensureExecutorIsTracked(event.executorId, false), 1);
  }

  onTaskEnd(event: SparkListenerTaskEnd): void {
    const e = this.executors.get(event.executorId);
    if (e === undefined) return;
    if (this.shuffleTracking && event.reason === "Success") {
      const shuffleId = this.stageToShuffleId.get(event.stageId);
      if (shuffleId !== undefined) this.addShuffle(e, shuffleId);
    }
    // After the shuffle update, so an executor going idle has up-to-date shuffle state.
    this.updateRunningTasks(e, -1);
  }

  onExecutorAdded(event: SparkListenerExecutorAdded): void {
    this.updateRunningTasks(this.ensureExecutorIsTracked(event.executorId, true), 0);
  }

  /** A task or block event may arrive before ExecutorAdded (SPARK-4951): track it then. */
  private ensureExecutorIsTracked(id: string, profileKnown: boolean): ExecutorTracker {
    let e = this.executors.get(id);
    if (e === undefined) {
      e = new ExecutorTracker(id, this.shuffleTracking);
      this.executors.set(id, e);
    }
    if (profileKnown && !e.resourceProfileKnown) {
      e.resourceProfileKnown = true;
      this.knownProfile++;
      if (e.pendingRemoval) this.pendingRemovalKnown++;
    }
    return e;
  }

  onExecutorRemoved(event: SparkListenerExecutorRemoved): void {
    const e = this.executors.get(event.executorId);
    if (e === undefined) return;
    if (e.runningTasks > 0) this.busy--;
    if (e.resourceProfileKnown) this.knownProfile--;
    if (e.resourceProfileKnown && e.pendingRemoval) this.pendingRemovalKnown--;
    if (e.countedPinnedShuffle) this.idleWithShuffleData--;
    if (e.countedPinnedCache) this.idleWithCachedBlocks--;
    this.executors.delete(event.executorId);
  }

  onBlockUpdated(event: SparkListenerBlockUpdated): void {
    // SPARK-37688: updates for executors the backend no longer considers active are dropped.
    if (!this.isExecutorActive(event.executorId)) return;
    const e = this.ensureExecutorIsTracked(event.executorId, false);
    // SPARK-27677: blocks the external shuffle service can serve do not count.
    if (event.valid && (!this.fetchFromShuffleSvcEnabled || !event.useDisk)) {
      const hadCachedBlocks = e.cachedBlocks.size > 0;
      let blocks = e.cachedBlocks.get(event.rddId);
      if (blocks === undefined) {
        blocks = new Set();
        e.cachedBlocks.set(event.rddId, blocks);
      }
      blocks.add(event.partition);
      if (!hadCachedBlocks) this.updateTimeout(e);
    } else {
      const blocks = e.cachedBlocks.get(event.rddId);
      if (blocks !== undefined) {
        blocks.delete(event.partition);
        if (blocks.size === 0) {
          e.cachedBlocks.delete(event.rddId);
          if (e.cachedBlocks.size === 0) this.updateTimeout(e);
        }
      }
    }
    this.refreshCounts(e);
  }

  onUnpersistRDD(event: SparkListenerUnpersistRDD): void {
    for (const e of this.executors.values()) {
      e.cachedBlocks.delete(event.rddId);
      if (e.cachedBlocks.size === 0) this.updateTimeout(e);
      this.refreshCounts(e);
    }
  }

  onShuffleCleaned(event: ShuffleCleaned): void {
    if (!this.shuffleTracking) return;
    this.shuffleToActiveJobs.delete(event.shuffleId);
    for (const e of this.executors.values()) this.removeShuffle(e, event.shuffleId);
  }

  // ---- tracker updates (Tracker's methods in Spark) ----------------------------------------

  private updateRunningTasks(e: ExecutorTracker, delta: number): void {
    const wasBusy = e.runningTasks > 0;
    e.runningTasks = Math.max(0, e.runningTasks + delta);
    e.idleStartMs = e.runningTasks === 0 ? this.now() : -1;
    const isBusy = e.runningTasks > 0;
    if (isBusy !== wasBusy) this.busy += isBusy ? 1 : -1;
    this.updateTimeout(e);
    this.refreshCounts(e);
  }

  private updateTimeout(e: ExecutorTracker): void {
    this.changed?.add(e);
    const { deadlineMs, reason } = executorDeadline(
      e.idleStartMs,
      e.cachedBlocks.size > 0,
      e.holdsShuffleData,
      this.timeouts,
    );
    e.timeoutAtMs = deadlineMs;
    e.timeoutReason = reason;
    if (deadlineMs !== Infinity) {
      if (deadlineMs < this.earliestDeadlineMs) this.earliestDeadlineMs = deadlineMs;
      this.onDeadline(deadlineMs);
    }
  }

  private addShuffle(e: ExecutorTracker, shuffleId: number): void {
    if (e.shuffleIds !== null && !e.shuffleIds.has(shuffleId)) {
      e.shuffleIds.add(shuffleId);
      e.hasActiveShuffle = true;
      this.refreshCounts(e);
    }
  }

  private removeShuffle(e: ExecutorTracker, shuffleId: number): void {
    if (e.shuffleIds !== null && e.shuffleIds.delete(shuffleId) && e.shuffleIds.size === 0) {
      e.hasActiveShuffle = false;
      if (e.isIdle) this.updateTimeout(e);
      this.refreshCounts(e);
    }
  }

  private updateActiveShuffles(e: ExecutorTracker, ids: readonly number[]): void {
    const hadActiveShuffle = e.hasActiveShuffle;
    const held = e.shuffleIds;
    this.changed?.add(e);
    e.hasActiveShuffle = held !== null && ids.some((id) => held.has(id));
    if (hadActiveShuffle && e.isIdle) this.updateTimeout(e);
  }

  /** Keeps the idle-with-data totals of the timeline in step with one tracker. */
  private refreshCounts(e: ExecutorTracker): void {
    this.changed?.add(e);
    const idle = e.runningTasks === 0;
    const pinnedShuffle = idle && e.holdsShuffleData;
    const pinnedCache = idle && e.cachedBlocks.size > 0;
    if (pinnedShuffle !== e.countedPinnedShuffle) {
      this.idleWithShuffleData += pinnedShuffle ? 1 : -1;
      e.countedPinnedShuffle = pinnedShuffle;
    }
    if (pinnedCache !== e.countedPinnedCache) {
      this.idleWithCachedBlocks += pinnedCache ? 1 : -1;
      e.countedPinnedCache = pinnedCache;
    }
  }
}
