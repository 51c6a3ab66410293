import { objectArray } from "../core/index.js";
import { ExecutorRows } from "./ExecutorRows.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";

/**
 * The monitor's trackers by the task events' executor number (the task scheduler's dense
 * `ExecutorSlots.number`, never reused in a run), with what most task events change kept in
 * arrays by that number: the running-task count and the shuffle last added. A task start or
 * end that neither makes the executor busy or idle nor gives it a new shuffle then touches no
 * tracker: at thousands of executors, a tracker read per task event was a cache miss per task
 * event. A number names one executor for the run (the task scheduler's, never reused), so
 * whether `n` is attached is read from `state` itself (-1: no tracker), in the cache line the
 * event goes on to read, not from a second array by number (at thousands of executors, a cache
 * miss per task event); an event of a number no tracker holds yet goes through the id. The
 * state is two 32-bit integers of each number's row in `ExecutorRows`, beside the map output
 * tracker's two, which a map task's end reads too.
 */
export class ExecutorTrackersByNumber {
  private trackers: Array<ExecutorTracker | undefined> = objectArray();
  /**
   * Per number n, side by side (one cache line for a task end, not two): at 4n the running tasks
   * of its tracker, which reads its count here while it has a number (-1: no tracker has `n`);
   * at 4n + 1 the shuffle it was last given, which it holds unless cleaned since (-1: none).
   */
  constructor(private readonly rows: ExecutorRows = new ExecutorRows()) {}
  /** While a trace is recorded every task event goes through its tracker (it notes the trackers touched). */
  traced = false;

  /** Whether a tracker has number `n`: the event's executor's (a number is the task scheduler's, one per executor id). */
  has(n: number): boolean {
    const state = this.rows.data;
    if (n < 0 || 4 * n >= state.length) return false;
    return state[4 * n]! >= 0;
  }

  /** The running tasks of the tracker numbered `n`. */
  count(n: number): number {
    return this.rows.data[4 * n]!;
  }
  setCount(n: number, count: number): void {
    this.rows.data[4 * n] = count;
  }

  /** A task started on number `n` (after `has`). */
  taskStarted(n: number): void {
    const state = this.rows.data;
    const c = state[4 * n]!;
    if (c > 0 && !this.traced) state[4 * n] = c + 1;
    else this.trackers[n]!.updateRunningTasks(1);
  }

  /** A task ended on number `n` (after `has`), having written shuffle `shuffleId` if defined (shuffle tracking on). */
  taskEnded(n: number, shuffleId: number | undefined): void {
    const state = this.rows.data;
    if (shuffleId !== undefined && state[4 * n + 1] !== shuffleId) {
      this.trackers[n]!.addShuffle(shuffleId);
      state[4 * n + 1] = shuffleId;
    }
    const c = state[4 * n]!;
    if (c > 1 && !this.traced) state[4 * n] = c - 1;
    else this.trackers[n]!.updateRunningTasks(-1);
  }

  /** Numbers `e` `n`: its count moves here. */
  attach(e: ExecutorTracker, n: number): void {
    if (e.hintNumber >= 0) this.detach(e);
    const other = this.trackers[n];
    if (other !== undefined) this.detach(other);
    if (n >= this.trackers.length) this.grow(n);
    this.trackers[n] = e;
    const state = this.rows.data;
    state[4 * n] = e.runningTasks;
    state[4 * n + 1] = -1;
    e.renumber(n, 0);
  }

  /** `e` loses its number (it is no longer tracked): its count goes back to it. */
  detach(e: ExecutorTracker): void {
    const n = e.hintNumber;
    if (n < 0) return;
    // `| 0`: the tracker's field gets a small integer (counts are), so V8 never rebuilds the
    // tracker's hidden class mid-run (when the state was a Float64Array, a count read from it was
    // a heap number: 14 of a sweep isolate's ~75 deoptimisations, bench/measures/sweep.mjs).
    const state = this.rows.data;
    e.renumber(-1, state[4 * n]! | 0);
    this.trackers[n] = undefined;
    state[4 * n] = -1;
    state[4 * n + 1] = -1;
  }

  /** A shuffle was cleaned: no tracker holds it any more. */
  shuffleCleaned(shuffleId: number): void {
    const state = this.rows.data;
    for (let i = 0; i < this.trackers.length; i++) if (state[4 * i + 1] === shuffleId) state[4 * i + 1] = -1;
  }

  /** Dense arrays up to `n` (a hole far past the end would turn an array into a dictionary). */
  private grow(n: number): void {
    while (this.trackers.length <= n) this.trackers.push(undefined);
    this.rows.ensure(n);
  }
}
