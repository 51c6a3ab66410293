import { EventQueue } from "./EventQueue.js";

/**
 * The simulated time, read as `clock.now`. The `Simulation` is the engine's clock, and every
 * component keeps the clock itself, never a closure over it: a closure made per run would be a
 * new call target in every run, and V8 throws away the optimised code of every function that
 * inlined the call (the first of many deoptimisations a sweep's second run paid for,
 * bench/measures/sweep.mjs).
 */
export interface Clock {
  readonly now: number;
}

/**
 * The queue's next time, as a small integer where it is one (times are whole ms, so the value is
 * the same). A Float64Array element read outside optimised code is a boxed double, and a double
 * stored into a field that held small integers changes the field's representation: the hidden
 * class of the clock, then of every object that stores a time read from it, is replaced during a
 * thread's first run, and its second run starts by throwing away the code optimised for the old
 * ones (bench/measures/sweep.mjs).
 */
function nextTimeOf<T>(queue: EventQueue<T>): number | undefined {
  const t = queue.peekTime();
  return t === undefined ? undefined : Math.trunc(t);
}

/** Why `schedule(timeMs)` refused a time at `nowMs`. */
function scheduleError(timeMs: number, nowMs: number): Error {
  if (!Number.isInteger(timeMs)) return new Error(`Simulation.schedule: time ${timeMs} ms is not an integer number of milliseconds`);
  return new Error(`Simulation.schedule: time ${timeMs} ms is before now (${nowMs} ms)`);
}

/**
 * The run loop: a clock, a queue and one handler. It knows nothing about Spark.
 *
 * Edge rule (pinned by tests): `runUntil(t)` processes every event with `timeMs <= t`,
 * including events that handlers schedule at `t` while it runs, and leaves `now === t`.
 * Events may be scheduled at `now` (they run in (phase, seq) order after the current
 * event) but never in the past.
 */
export class Simulation<T> implements Clock {
  private readonly queue = new EventQueue<T>();
  private nowMs = 0;
  private processed = 0;

  constructor(private readonly handle: (payload: T, timeMs: number) => void) {}

  get now(): number {
    return this.nowMs;
  }

  /** Events handled so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  schedule(timeMs: number, phase: number, payload: T): void {
    // One test, the message made apart: with `${timeMs}` in two messages here, V8 converted the
    // time to a string before the tests, on every push (a string and a heap number per task).
    if (!Number.isInteger(timeMs) || timeMs < this.nowMs) throw scheduleError(timeMs, this.nowMs);
    this.queue.push(timeMs, phase, payload);
  }

  /** Time of the next event, or undefined when the queue is empty. */
  nextTime(): number | undefined {
    return nextTimeOf(this.queue);
  }

  /** Handles the next event. Returns false when the queue is empty. */
  step(): boolean {
    const queue = this.queue;
    const timeMs = nextTimeOf(queue);
    if (timeMs === undefined) return false;
    const payload = queue.popPayload() as T;
    this.nowMs = timeMs;
    this.processed++;
    this.handle(payload, timeMs);
    return true;
  }

  /**
   * The next event's payload when it is due at or before `untilMs`, taken off the queue with
   * the clock moved to its time, for a caller that handles it itself (a loop without a call
   * through the handler per event); undefined when none is due. Payloads must not be undefined.
   */
  takeDue(untilMs: number): T | undefined {
    const queue = this.queue;
    const timeMs = nextTimeOf(queue);
    if (timeMs === undefined || timeMs > untilMs) return undefined;
    this.nowMs = timeMs;
    this.processed++;
    return queue.popPayload();
  }

  /** Handles every event with timeMs <= untilMs, then sets the clock to untilMs. */
  runUntil(untilMs: number): void {
    if (untilMs < this.nowMs) {
      throw new Error(`Simulation.runUntil: ${untilMs} ms is before now (${this.nowMs} ms)`);
    }
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined || next > untilMs) break;
      this.step();
    }
    this.nowMs = untilMs;
  }

  /** Handles events until the queue is empty or `stop()` returns true after an event. */
  run(stop?: () => boolean): void {
    while (this.step()) {
      if (stop?.() === true) return;
    }
  }
}
