import { objectArray } from "../core/index.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";

/**
 * The monitor's trackers by the task events' executor number (the task scheduler's dense
 * `ExecutorSlots.number`, never reused in a run), with what most task events change kept in
 * arrays by that number: the running-task count and the shuffle last added. A task start or
 * end that neither makes the executor busy or idle nor gives it a new shuffle then touches no
 * tracker: at thousands of executors, a tracker read per task event was a cache miss per task
 * event. A number names one executor for the run (the task scheduler's, never reused), so
 * whether `n` is attached is read from `state` itself (NaN: no tracker), in the cache line the
 * event goes on to read, not from a second array by number (at thousands of executors, a cache
 * miss per task event); an event of a number no tracker holds yet goes through the id.
 */
export class ExecutorTrackersByNumber {
  private trackers: Array<ExecutorTracker | undefined> = objectArray();
  /**
   * Per number n, side by side (one cache line for a task end, not two): at 2n the running tasks
   * of its tracker, which reads its count here while it has a number (NaN: no tracker has `n`);
   * at 2n + 1 the shuffle it was last given, which it holds unless cleaned since (NaN: none).
   */
  state = new Float64Array(128).fill(Number.NaN);
  /** While a trace is recorded every task event goes through its tracker (it notes the trackers touched). */
  traced = false;

  /** Whether a tracker has number `n`: the event's executor's (a number is the task scheduler's, one per executor id). */
  has(n: number): boolean {
    const state = this.state;
    if (n < 0 || 2 * n >= state.length) return false;
    const c = state[2 * n]!;
    return c === c; // NaN: no tracker has `n`
  }

  /** A task started on number `n` (after `has`). */
  taskStarted(n: number): void {
    const c = this.state[2 * n]!;
    if (c > 0 && !this.traced) this.state[2 * n] = c + 1;
    else this.trackers[n]!.updateRunningTasks(1);
  }

  /** A task ended on number `n` (after `has`), having written shuffle `shuffleId` if defined (shuffle tracking on). */
  taskEnded(n: number, shuffleId: number | undefined): void {
    const state = this.state;
    if (shuffleId !== undefined && state[2 * n + 1] !== shuffleId) {
      this.trackers[n]!.addShuffle(shuffleId);
      state[2 * n + 1] = shuffleId;
    }
    const c = state[2 * n]!;
    if (c > 1 && !this.traced) state[2 * n] = c - 1;
    else this.trackers[n]!.updateRunningTasks(-1);
  }

  /** Numbers `e` `n`: its count moves here. */
  attach(e: ExecutorTracker, n: number): void {
    if (e.hintNumber >= 0) this.detach(e);
    const other = this.trackers[n];
    if (other !== undefined) this.detach(other);
    if (n >= this.trackers.length) this.grow(n);
    this.trackers[n] = e;
    this.state[2 * n] = e.runningTasks;
    this.state[2 * n + 1] = Number.NaN;
    e.renumber(n, 0);
  }

  /** `e` loses its number (it is no longer tracked): its count goes back to it. */
  detach(e: ExecutorTracker): void {
    const n = e.hintNumber;
    if (n < 0) return;
    // A count read from the Float64Array is a heap number even when whole: `| 0` hands the tracker
    // a small integer (counts are), so its field stays one and V8 does not rebuild the tracker's
    // hidden class mid-run, which threw away the optimised code of every function that reads a
    // tracker (14 of a sweep isolate's ~75 deoptimisations, bench/measures/sweep.mjs).
    e.renumber(-1, this.state[2 * n]! | 0);
    this.trackers[n] = undefined;
    this.state[2 * n] = Number.NaN;
    this.state[2 * n + 1] = Number.NaN;
  }

  /** A shuffle was cleaned: no tracker holds it any more. */
  shuffleCleaned(shuffleId: number): void {
    const state = this.state;
    for (let i = 0; i < this.trackers.length; i++) if (state[2 * i + 1] === shuffleId) state[2 * i + 1] = Number.NaN;
  }

  /** Dense arrays up to `n` (a hole far past the end would turn an array into a dictionary). */
  private grow(n: number): void {
    while (this.trackers.length <= n) this.trackers.push(undefined);
    if (2 * n + 1 < this.state.length) return;
    const state = new Float64Array(Math.max(2 * n + 2, this.state.length * 2)).fill(Number.NaN);
    state.set(this.state);
    this.state = state;
  }
}
