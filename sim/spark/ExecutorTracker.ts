import { executorDeadlineMs, executorTimeoutReason, type TimeoutReason } from "./executorDeadline.js";
import { heldCount, heldSet, holds, NO_SHUFFLE, withoutShuffle, withShuffle, type HeldShuffles } from "./HeldShuffles.js";
import type { TrackerTotals } from "./TrackerTotals.js";

/** The blocks of every tracker that never held one (a map each was a good part of an executor's start-up cost); never written. */
const NO_BLOCKS: Map<number, Set<number>> = new Map();

// A tracker's flags. Whether cached blocks and shuffle data counted when the deadline was last set
// (the deadline and its reason are worked out from them and the idle start when asked);
// pending removal, decommissioning, holding a shuffle a running job uses; its resource profile
// known (false while only a task or block event has been seen, Spark's UNKNOWN_RESOURCE_PROFILE_ID);
// counted in the totals' idle-with-data counts.
const DEADLINE_CACHED = 1, DEADLINE_SHUFFLE = 2, PENDING_REMOVAL = 4, DECOMMISSIONING = 8;
const ACTIVE_SHUFFLE = 16, PROFILE_KNOWN = 32, PINNED_SHUFFLE = 64, PINNED_CACHE = 128;

/**
 * Per-executor state (`ExecutorMonitor.Tracker`): running tasks and idle start, cached blocks,
 * shuffle data and whether a running job uses it, and the deadline they give. Only its own
 * methods change it; everyone else reads.
 */
export class ExecutorTracker {
  /** Its flags (`PENDING_REMOVAL`, ... above): one field for eight, so that a tracker, read at each of its executor's idle and busy turns, is two cache lines, not four. */
  private bits = 0;
  /** When it last went to zero running tasks, -1 while a task runs; with the `DEADLINE_*` flags, its deadline's inputs. */
  private _idleStartMs = -1;
  private _runningTasks = 0;
  /** rddId -> partitions held. */
  private blocks: Map<number, Set<number>> = NO_BLOCKS;
  /** Shuffles whose data this executor holds; null when shuffle tracking is off. */
  private shuffles: HeldShuffles | null;
  /** Its number in `totals.numbers` (-1: none), where its running-task count is kept while it has one. */
  private _number = -1;
  /** Its resource profile once its ExecutorAdded said it (`ExecutorProfiles.known`); the monitor's bookkeeping only. */
  resourceProfileId: number | undefined = undefined;
  /** The shuffle `addShuffle` was last given (held unless removed since). */
  private lastShuffleAdded: number | undefined = undefined;
  /** Its slot in the timed-out scan (`totals.scan`); -1 once untracked. */
  private slot: number;
  /** Its place in the monitor's insertion order (`TrackersById`); -1 once untracked. */
  orderSlot = -1;

  constructor(
    readonly id: string,
    shuffleTracking: boolean,
    private readonly totals: TrackerTotals,
  ) {
    this.shuffles = shuffleTracking ? NO_SHUFFLE : null;
    this.slot = totals.scan.add(this);
  }

  /** The timed-out scan moved it to `slot` (-1: it left the scan). */
  movedToSlot(slot: number): void {
    this.slot = slot;
  }

  /** Its slot in the timed-out scan (-1: none). */
  get scanSlot(): number {
    return this.slot;
  }

  /** What the timed-out scan sees: its deadline while eligible (not pending removal, decommissioning or holding an active shuffle). */
  private syncScan(deadlineMs?: number): void {
    if (this.slot < 0) return;
    this.totals.scan.set(this.slot, (this.bits & (PENDING_REMOVAL | DECOMMISSIONING | ACTIVE_SHUFFLE)) !== 0 ? Infinity : (deadlineMs ?? this.timeoutAtMs));
  }
  private is(flag: number): boolean {
    return (this.bits & flag) !== 0;
  }
  private mark(flag: number, on: boolean): void {
    this.bits = on ? this.bits | flag : this.bits & ~flag;
  }
  /** Its deadline (`Infinity`: none), from its inputs as the last `updateTimeout` saw them (the idle start changes only there). */
  get timeoutAtMs(): number {
    return executorDeadlineMs(this._idleStartMs, this.is(DEADLINE_CACHED), this.is(DEADLINE_SHUFFLE), this.totals.timeouts);
  }
  /** The timeout that sets the deadline. */
  get timeoutReason(): TimeoutReason {
    return executorTimeoutReason(this._idleStartMs, this.is(DEADLINE_CACHED), this.is(DEADLINE_SHUFFLE), this.totals.timeouts);
  }
  get pendingRemoval(): boolean {
    return this.is(PENDING_REMOVAL);
  }
  /** The allocation manager decommissioned it (`executorsDecommissioned`). */
  get decommissioning(): boolean {
    return this.is(DECOMMISSIONING);
  }
  get hasActiveShuffle(): boolean {
    return this.is(ACTIVE_SHUFFLE);
  }
  /** When it last went to zero running tasks; -1 while a task runs. */
  get idleStartMs(): number {
    return this._idleStartMs;
  }
  get runningTasks(): number {
    return this._number < 0 ? this._runningTasks : this.totals.numbers.count(this._number);
  }
  private setRunningTasks(n: number): void {
    if (this._number < 0) this._runningTasks = n;
    else this.totals.numbers.setCount(this._number, n);
  }

  /** Its number in the monitor's index by executor number (-1: none). */
  get hintNumber(): number {
    return this._number;
  }
  /** Numbered `n` by that index (-1: no longer), which keeps its count meanwhile; else it is `runningTasks`. */
  renumber(n: number, runningTasks: number): void {
    this._number = n;
    this._runningTasks = runningTasks;
  }
  get cachedBlocks(): ReadonlyMap<number, ReadonlySet<number>> {
    return this.blocks;
  }
  get shuffleIds(): ReadonlySet<number> | null {
    return this.shuffles === null ? null : heldSet(this.shuffles);
  }
  get resourceProfileKnown(): boolean {
    return this.is(PROFILE_KNOWN);
  }

  /** `isIdle`: no running task and no active shuffle. */
  get isIdle(): boolean {
    return this._idleStartMs >= 0 && !this.is(ACTIVE_SHUFFLE);
  }

  get holdsShuffleData(): boolean {
    return this.shuffles !== null && heldCount(this.shuffles) > 0;
  }

  /** ExecutorAdded seen: its resource profile is known. */
  markResourceProfileKnown(): void {
    if (this.is(PROFILE_KNOWN)) return;
    this.mark(PROFILE_KNOWN, true);
    this.totals.knownProfile++;
    if (this.is(PENDING_REMOVAL)) this.totals.pendingRemovalKnown++;
    if (this.is(DECOMMISSIONING)) this.totals.decommissioningKnown++;
  }

  /** Killed by the allocation manager (`executorsKilled`). False when it already was. */
  markPendingRemoval(): boolean {
    if (this.is(PENDING_REMOVAL)) return false;
    this.mark(PENDING_REMOVAL, true);
    this.totals.changed?.add(this);
    if (this.is(PROFILE_KNOWN)) this.totals.pendingRemovalKnown++;
    this.syncScan();
    return true;
  }

  /**
   * Decommissioned by the allocation manager (`executorsDecommissioned`): counted apart from
   * pending removals, never timed out again, and no longer busy or pinned in the totals.
   */
  markDecommissioning(): boolean {
    if (this.is(DECOMMISSIONING)) return false;
    const totals = this.totals;
    this.mark(DECOMMISSIONING, true);
    totals.changed?.add(this);
    if (this.runningTasks > 0) totals.busy--;
    totals.decommissioning++;
    if (this.is(PROFILE_KNOWN)) totals.decommissioningKnown++;
    this.refreshCounts();
    this.syncScan();
    return true;
  }

  /** The monitor stops tracking it: it leaves the totals. */
  untrack(): void {
    const totals = this.totals;
    if (this.slot >= 0) totals.scan.remove(this.slot);
    if (this.runningTasks > 0 && !this.is(DECOMMISSIONING)) totals.busy--;
    if (this.is(DECOMMISSIONING)) totals.decommissioning--;
    if (this.is(PROFILE_KNOWN) && this.is(DECOMMISSIONING)) totals.decommissioningKnown--;
    if (this.is(PROFILE_KNOWN)) totals.knownProfile--;
    if (this.is(PROFILE_KNOWN) && this.is(PENDING_REMOVAL)) totals.pendingRemovalKnown--;
    if (this.is(PINNED_SHUFFLE)) totals.idleWithShuffleData--;
    if (this.is(PINNED_CACHE)) totals.idleWithCachedBlocks--;
  }

  updateRunningTasks(delta: number): void {
    const before = this.runningTasks;
    const wasBusy = before > 0;
    const after = Math.max(0, before + delta);
    this.setRunningTasks(after);
    if (wasBusy && after > 0) {
      // Busy before and after: idle start (-1), deadline (none) and the idle counts stand.
      this.totals.changed?.add(this);
      return;
    }
    this._idleStartMs = after === 0 ? this.totals.clock.now : -1;
    const isBusy = after > 0;
    if (isBusy !== wasBusy && !this.is(DECOMMISSIONING)) this.totals.busy += isBusy ? 1 : -1;
    this.updateTimeout();
    this.refreshCounts();
  }

  /** A block of `rddId` stored on it (`cached`), or dropped from it. */
  updateBlock(rddId: number, partition: number, cached: boolean): void {
    if (cached) {
      const hadCachedBlocks = this.blocks.size > 0;
      if (this.blocks === NO_BLOCKS) this.blocks = new Map();
      let blocks = this.blocks.get(rddId);
      if (blocks === undefined) {
        blocks = new Set();
        this.blocks.set(rddId, blocks);
      }
      blocks.add(partition);
      if (!hadCachedBlocks) this.updateTimeout();
    } else {
      const blocks = this.blocks.get(rddId);
      if (blocks !== undefined) {
        blocks.delete(partition);
        if (blocks.size === 0) {
          this.blocks.delete(rddId);
          if (this.blocks.size === 0) this.updateTimeout();
        }
      }
    }
    this.refreshCounts();
  }

  /** `onUnpersistRDD`: the RDD's blocks are gone. */
  unpersist(rddId: number): void {
    this.blocks.delete(rddId);
    if (this.blocks.size === 0) this.updateTimeout();
    this.refreshCounts();
  }

  addShuffle(shuffleId: number): void {
    // Most task ends add the shuffle the executor's previous task added.
    if (shuffleId === this.lastShuffleAdded || this.shuffles === null) return;
    this.lastShuffleAdded = shuffleId;
    if (holds(this.shuffles, shuffleId)) return;
    this.shuffles = withShuffle(this.shuffles, shuffleId);
    this.mark(ACTIVE_SHUFFLE, true);
    this.syncScan();
    this.refreshCounts();
  }

  removeShuffle(shuffleId: number): void {
    if (shuffleId === this.lastShuffleAdded) this.lastShuffleAdded = undefined;
    if (this.shuffles === null || !holds(this.shuffles, shuffleId)) return;
    this.shuffles = withoutShuffle(this.shuffles, shuffleId);
    if (heldCount(this.shuffles) > 0) return;
    this.mark(ACTIVE_SHUFFLE, false);
    if (this.isIdle) this.updateTimeout();
    this.syncScan();
    this.refreshCounts();
  }

  /** Whether a running job uses one of its shuffles, given the shuffles running jobs use. */
  updateActiveShuffles(ids: readonly number[]): void {
    const hadActiveShuffle = this.is(ACTIVE_SHUFFLE);
    const held = this.shuffles;
    this.totals.changed?.add(this);
    let active = false;
    // A loop, not some(): every executor is asked at each job's end, thousands at a time.
    if (held !== null && heldCount(held) > 0) for (let i = 0; i < ids.length && !active; i++) active = holds(held, ids[i]!);
    this.mark(ACTIVE_SHUFFLE, active);
    if (hadActiveShuffle && this.isIdle) this.updateTimeout();
    this.syncScan();
  }

  private updateTimeout(): void {
    const totals = this.totals;
    totals.changed?.add(this);
    const cached = this.blocks.size > 0;
    const shuffle = this.holdsShuffleData;
    const deadlineMs = executorDeadlineMs(this._idleStartMs, cached, shuffle, totals.timeouts);
    // The deadline and its reason are read when asked: kept as their inputs (the idle start changes only here too).
    this.mark(DEADLINE_CACHED, cached);
    this.mark(DEADLINE_SHUFFLE, shuffle);
    this.syncScan(deadlineMs);
    if (deadlineMs !== Infinity) {
      if (deadlineMs < totals.earliestDeadlineMs) totals.earliestDeadlineMs = deadlineMs;
      totals.onDeadline(deadlineMs);
    }
  }

  /** Keeps the idle-with-data totals in step with this tracker. */
  private refreshCounts(): void {
    const totals = this.totals;
    totals.changed?.add(this);
    // A decommissioning executor is on its way out: not counted as pinned by its data.
    const idle = this.runningTasks === 0 && !this.is(DECOMMISSIONING);
    const pinnedShuffle = idle && this.holdsShuffleData;
    const pinnedCache = idle && this.blocks.size > 0;
    if (pinnedShuffle !== this.is(PINNED_SHUFFLE)) {
      totals.idleWithShuffleData += pinnedShuffle ? 1 : -1;
      this.mark(PINNED_SHUFFLE, pinnedShuffle);
    }
    if (pinnedCache !== this.is(PINNED_CACHE)) {
      totals.idleWithCachedBlocks += pinnedCache ? 1 : -1;
      this.mark(PINNED_CACHE, pinnedCache);
    }
  }
}
