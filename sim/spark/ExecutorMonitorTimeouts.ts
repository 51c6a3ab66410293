import { objectArray } from "../core/index.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";

/**
 * The monitor's timed-out list kept as it goes (`ExecutorMonitor.timedOutExecutors`): every
 * deadline set goes on a min-heap with its tracker, and a tick takes off the heap the deadlines
 * it has passed, keeping the trackers whose deadline still stands as expired until their
 * deadline moves or they go. Spark rescans every executor whenever the earliest deadline
 * passes; at thousands of executors, going idle at different moments, that was a scan of all
 * of them at nearly every tick. A heap entry whose tracker's deadline has moved since is
 * dropped when it comes up; nothing is done to the heap when an executor becomes busy.
 */
export class ExecutorMonitorTimeouts {
  private deadlines = new Float64Array(64);
  private trackers: Array<ExecutorTracker | undefined> = objectArray();
  private n = 0;
  /** Trackers whose deadline had passed at the last tick and that were eligible then (each marked `listedAsExpired`). */
  private readonly expired: ExecutorTracker[] = objectArray();

  /** A tracker's deadline was set to `deadlineMs` (finite). */
  push(deadlineMs: number, tracker: ExecutorTracker): void {
    if (this.n === this.deadlines.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.deadlines);
      this.deadlines = grown;
    }
    const { deadlines, trackers } = this;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (deadlines[parent]! <= deadlineMs) break;
      deadlines[i] = deadlines[parent]!;
      trackers[i] = trackers[parent]!;
      i = parent;
    }
    deadlines[i] = deadlineMs;
    trackers[i] = tracker;
  }

  /**
   * The ids of the tracked executors whose deadline is at or before `nowMs`, pending removal,
   * active-shuffle and decommissioning ones left out, sorted as strings (SPARK-38019).
   * `tracked` (the monitor's trackers by id) is asked only of trackers whose deadline has passed.
   */
  timedOut(nowMs: number, tracked: ReadonlyMap<string, ExecutorTracker>): string[] {
    const expired = this.expired;
    while (this.n > 0 && this.deadlines[0]! <= nowMs) {
      const e = this.popTop();
      if (e.timeoutAtMs === this.lastPopped && !e.listedAsExpired) {
        e.listedAsExpired = true;
        expired.push(e);
      }
    }
    if (expired.length === 0) return [];
    const out: string[] = [];
    let kept = 0;
    for (let i = 0; i < expired.length; i++) {
      const e = expired[i]!;
      // Its deadline moved past now (it is on the heap again if finite), it went, or it is no
      // longer eligible: pending removal and decommissioning stay so, and an executor whose
      // shuffle stops being active sets its deadline again (`updateActiveShuffles`, `removeShuffle`).
      if (e.timeoutAtMs <= nowMs && !e.pendingRemoval && !e.hasActiveShuffle && !e.decommissioning && tracked.get(e.id) === e) {
        expired[kept++] = e;
        out.push(e.id);
      } else e.listedAsExpired = false;
    }
    expired.length = kept;
    return out.sort();
  }

  /** The deadline of the entry `popTop` took last. */
  private lastPopped = 0;

  private popTop(): ExecutorTracker {
    const { deadlines, trackers } = this;
    const top = trackers[0]!;
    this.lastPopped = deadlines[0]!;
    const n = --this.n;
    const lastDeadline = deadlines[n]!;
    const last = trackers[n]!;
    trackers[n] = undefined; // drops the reference
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && deadlines[l + 1]! < deadlines[l]! ? l + 1 : l;
      if (deadlines[c]! >= lastDeadline) break;
      deadlines[i] = deadlines[c]!;
      trackers[i] = trackers[c]!;
      i = c;
    }
    deadlines[i] = lastDeadline;
    trackers[i] = last;
    return top;
  }
}
