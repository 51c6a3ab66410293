/**
 * Spark's `org.apache.spark.util.ManualClock`, in ms: time moves only when a test moves it.
 * Spark's EAM and ExecutorMonitor read `nanoTime()` (ms x 10^6); the model has one ms clock,
 * read as `now` (the engine's `Clock`).
 */
export class ManualClock {
  constructor(private timeMs = 0) {}

  get now(): number {
    return this.timeMs;
  }

  getTimeMillis(): number {
    return this.timeMs;
  }

  setTime(timeMs: number): void {
    this.timeMs = timeMs;
  }

  advance(ms: number): void {
    this.timeMs += ms;
  }
}
