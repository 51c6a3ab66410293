import { objectArray } from "../core/index.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";

/**
 * The monitor's trackers by the task events' executor number (the task scheduler's dense
 * `ExecutorSlots.number`, never reused in a run), with what most task events change kept in
 * arrays by that number: the running-task count and the shuffle last added. A task start or
 * end that neither makes the executor busy or idle nor gives it a new shuffle then touches no
 * tracker: at thousands of executors, a tracker read per task event was a cache miss per task
 * event. A number is a hint, checked against the event's executor id.
 */
export class ExecutorTrackersByNumber {
  private trackers: Array<ExecutorTracker | undefined> = objectArray();
  /** Each number's tracker's id (compared as a reference: no tracker read). */
  private ids: Array<string | undefined> = objectArray();
  /** Running tasks of each number's tracker: the tracker reads its count here while it has a number. */
  running = new Int32Array(64);
  /** The shuffle each number's tracker was last given, which it holds unless cleaned since; NaN: none. */
  private lastShuffle = new Float64Array(64).fill(Number.NaN);
  /** While a trace is recorded every task event goes through its tracker (it notes the trackers touched). */
  traced = false;

  /** Whether `n` is the number of the tracker of `id`. */
  has(id: string, n: number): boolean {
    return n >= 0 && n < this.ids.length && this.ids[n] === id;
  }

  /** A task started on number `n` (after `has`). */
  taskStarted(n: number): void {
    const c = this.running[n]!;
    if (c > 0 && !this.traced) this.running[n] = c + 1;
    else this.trackers[n]!.updateRunningTasks(1);
  }

  /** A task ended on number `n` (after `has`), having written shuffle `shuffleId` if defined (shuffle tracking on). */
  taskEnded(n: number, shuffleId: number | undefined): void {
    if (shuffleId !== undefined && this.lastShuffle[n] !== shuffleId) {
      this.trackers[n]!.addShuffle(shuffleId);
      this.lastShuffle[n] = shuffleId;
    }
    const c = this.running[n]!;
    if (c > 1 && !this.traced) this.running[n] = c - 1;
    else this.trackers[n]!.updateRunningTasks(-1);
  }

  /** Numbers `e` `n`: its count moves here. */
  attach(e: ExecutorTracker, n: number): void {
    if (e.hintNumber >= 0) this.detach(e);
    const other = this.trackers[n];
    if (other !== undefined) this.detach(other);
    if (n >= this.ids.length) this.grow(n);
    this.trackers[n] = e;
    this.ids[n] = e.id;
    this.running[n] = e.runningTasks;
    this.lastShuffle[n] = Number.NaN;
    e.renumber(n, 0);
  }

  /** `e` loses its number (it is no longer tracked): its count goes back to it. */
  detach(e: ExecutorTracker): void {
    const n = e.hintNumber;
    if (n < 0) return;
    e.renumber(-1, this.running[n]!);
    this.trackers[n] = undefined;
    this.ids[n] = undefined;
    this.running[n] = 0;
    this.lastShuffle[n] = Number.NaN;
  }

  /** A shuffle was cleaned: no tracker holds it any more. */
  shuffleCleaned(shuffleId: number): void {
    const last = this.lastShuffle;
    for (let i = 0; i < this.ids.length; i++) if (last[i] === shuffleId) last[i] = Number.NaN;
  }

  /** Dense arrays up to `n` (a hole far past the end would turn an array into a dictionary). */
  private grow(n: number): void {
    while (this.ids.length <= n) {
      this.ids.push(undefined);
      this.trackers.push(undefined);
    }
    if (n < this.running.length) return;
    const length = Math.max(n + 1, this.running.length * 2);
    const running = new Int32Array(length);
    running.set(this.running);
    this.running = running;
    const last = new Float64Array(length).fill(Number.NaN);
    last.set(this.lastShuffle);
    this.lastShuffle = last;
  }
}
