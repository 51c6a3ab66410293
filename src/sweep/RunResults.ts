/**
 * The metrics of every run of a sweep, one row of `RUN_METRIC_KEYS` per run, in shared memory.
 * Each thread writes the row of every run it claimed and a worker then posts only the run's
 * index: no result is cloned between threads, and the main thread reads every row once, at
 * the end. Float64 holds every metric exactly (they are numbers; -0 and NaN included).
 */
import type { Summary } from "../../sim/index.js";
import { RUN_METRIC_KEYS, type RunMetrics } from "./runPoint.js";

const WIDTH = RUN_METRIC_KEYS.length;

export class RunResults {
  private constructor(readonly data: Float64Array) {}

  /** Room for `count` runs' metrics, shared by every thread the data is sent to. */
  static forRuns(count: number): RunResults {
    return new RunResults(new Float64Array(new SharedArrayBuffer(count * WIDTH * Float64Array.BYTES_PER_ELEMENT)));
  }

  /** The same rows, seen from another thread. */
  static attach(data: Float64Array): RunResults {
    return new RunResults(data);
  }

  /** Stores the metrics of run `run` from its summary. */
  write(run: number, summary: RunMetrics | Summary): void {
    const at = run * WIDTH;
    for (let k = 0; k < WIDTH; k++) this.data[at + k] = summary[RUN_METRIC_KEYS[k]!];
  }

  /** The metrics of run `run`, keys in `RUN_METRIC_KEYS` order. */
  read(run: number): RunMetrics {
    const at = run * WIDTH;
    return Object.fromEntries(RUN_METRIC_KEYS.map((key, k) => [key, this.data[at + k]!])) as unknown as RunMetrics;
  }
}
