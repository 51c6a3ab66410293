import type { Clock } from "../core/Simulation.js";
import type { TimeoutSettings } from "./executorDeadline.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";
import type { ExecutorRows } from "./ExecutorRows.js";
import { ExecutorTrackersByNumber } from "./ExecutorTrackersByNumber.js";
import { TimedOutScan } from "./TimedOutScan.js";

/**
 * The monitor's totals over its trackers, which each tracker keeps in step as its own state
 * changes (Spark's `Tracker` is an inner class of `ExecutorMonitor` and writes its fields).
 */
export class TrackerTotals {
  /** Trackers with a running task, decommissioning ones apart (they take no new task). */
  busy = 0;
  /** Trackers decommissioning (`executorsDecommissioned`), and of those the ones whose profile is known. */
  decommissioning = 0;
  decommissioningKnown = 0;
  /** Trackers whose resource profile is known (read on every tick). */
  knownProfile = 0;
  /** Of those, the ones pending removal (read on every removal tick). */
  pendingRemovalKnown = 0;
  /** Idle trackers holding shuffle data, and idle ones holding cached blocks (for the timeline). */
  idleWithShuffleData = 0;
  idleWithCachedBlocks = 0;
  /**
   * A lower bound of the deadlines of eligible executors: lowered whenever a deadline is set,
   * recomputed exactly by each scan (see `ExecutorMonitor.timedOutExecutors`).
   */
  earliestDeadlineMs = -Infinity;
  /** Trackers touched since the monitor last handed them out (only while a trace is recorded). */
  changed: Set<ExecutorTracker> | undefined;
  /** The trackers by executor number, holding their running-task counts. */
  readonly numbers: ExecutorTrackersByNumber;
  /** Every tracker's deadline as the timed-out scan sees it, packed by slot. */
  readonly scan = new TimedOutScan<ExecutorTracker>();

  constructor(
    readonly clock: Clock,
    readonly timeouts: TimeoutSettings,
    /** Called with every finite deadline as it is set. */
    readonly onDeadline: (deadlineMs: number) => void,
    /** The rows by executor number its running-task counts go in (shared with the map output tracker). */
    rows?: ExecutorRows,
  ) {
    this.numbers = new ExecutorTrackersByNumber(rows);
  }
}
