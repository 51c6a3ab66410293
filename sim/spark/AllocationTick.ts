import type { Clock } from "../core/Simulation.js";
import { ALLOCATION_TICK_MS } from "../sparkConstants.js";
import type { ExecutorAllocationManager } from "./ExecutorAllocationManager.js";

/** The first 100 ms tick boundary at or after `ms`. */
export const ceilToTick = (ms: number): number => Math.ceil(ms / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS;

/**
 * The allocation manager's scheduling thread: Spark runs `schedule()` every 100 ms
 * (`ExecutorAllocationManager.start`). Here a tick is evaluated only when requested: after any
 * event, at each executor deadline and at the backlog timer; a tick that changes something
 * requests the next one. The skipped ticks would change nothing (the every-tick mode, the
 * reference for tests, evaluates them all).
 */
export class AllocationTick {
  private lastTickMs = -1;
  /** The last tick requested for the instant's events (a multiple of 100 ms, as every tick is): asked for again by most events. */
  private lastRequestedMs = -1;
  /** The last later tick requested (an executor's deadline, the backlog timer): executors going idle together ask for the same one. */
  private lastLaterMs = -1;
  private readonly scheduled = new Set<number>();
  private stopped = false;
  /** Ticks evaluated (an engine counter). */
  evaluated = 0;

  constructor(
    private readonly eam: ExecutorAllocationManager,
    private readonly clock: Clock,
    /** Puts an `allocationTick` event on the queue at `tickMs`. */
    private readonly scheduleAt: (tickMs: number) => void,
    private readonly everyTick: boolean,
  ) {}

  /** Asks for a tick at the first 100 ms boundary at or after `atMs` (and after the last tick). */
  request(atMs: number): void {
    if (this.stopped) return;
    const now = this.clock.now;
    const basisMs = Math.max(atMs, now);
    const last = this.lastRequestedMs;
    // Most requests (every event asks with now) fall in the 100 ms before the last tick requested, which has not run: that tick again, with no arithmetic.
    if (basisMs <= last && basisMs > last - ALLOCATION_TICK_MS && last > this.lastTickMs) return;
    let t = ceilToTick(basisMs);
    if (t <= this.lastTickMs) t = this.lastTickMs + ALLOCATION_TICK_MS;
    // Still scheduled: a tick that ran is at or before lastTickMs, and t is after it.
    if (t === last) return;
    // A later tick does not displace the instant's own, which the next events ask for again (and
    // each of thousands of executors going idle at a stage's end asks for one at its deadline).
    if (basisMs === now) this.lastRequestedMs = t;
    else if (t === this.lastLaterMs) return;
    else this.lastLaterMs = t;
    if (this.scheduled.has(t)) return;
    this.scheduled.add(t);
    this.scheduleAt(t);
  }

  /** The tick event: `schedule()` once per instant. */
  run(): void {
    const now = this.clock.now;
    this.scheduled.delete(now);
    if (now === this.lastTickMs) return;
    this.lastTickMs = now;
    this.evaluated++;
    const changed = this.eam.schedule(now);
    if (changed || this.everyTick) this.request(now + ALLOCATION_TICK_MS);
  }

  /** The application ended: no more ticks. */
  stop(): void {
    this.stopped = true;
  }
}
