/** The rows a timeline's sums read (a `Timeline`). */
export interface TimelineRows {
  readonly length: number;
  get(row: number, column: number): number;
}

/** Where the sums' columns are in a row (`COL`). */
export interface SumColumns {
  readonly time_ms: number;
  readonly running_executors: number;
  readonly stopping_executors: number;
  readonly running_tasks: number;
}

/** Executor time and busy task-slot time (ms), and the most executors billed at once. */
export interface RowSums {
  executorMs: number;
  busySlotMs: number;
  peak: number;
}

/**
 * Adds rows [from, to) to `acc`, in row order: each row's executors (a killed executor's
 * container or pod is billed while it stops) and running tasks until the next row (the last
 * row of the timeline counts for the peak only). Summing folded rows, then the rest, adds the
 * same numbers in the same order as summing every row at once: the same result to the bit.
 */
export function integrateRows(tl: TimelineRows, col: SumColumns, from: number, to: number, acc: RowSums): void {
  for (let i = from; i < to; i++) {
    const running = tl.get(i, col.running_executors) + tl.get(i, col.stopping_executors);
    if (running > acc.peak) acc.peak = running;
    if (i + 1 < tl.length) {
      const dt = tl.get(i + 1, col.time_ms) - tl.get(i, col.time_ms);
      acc.executorMs += running * dt;
      acc.busySlotMs += tl.get(i, col.running_tasks) * dt;
    }
  }
}

/**
 * What a timeline that does not keep its rows (`Timeline.keepOnlySums`) keeps of the rows it
 * let go: their sums, whether every one was at a whole ms, and the rows where the running or
 * stopping executor count changed (24 bytes each: a replay's model error reads them).
 */
export class TimelineSums implements RowSums {
  executorMs = 0;
  busySlotMs = 0;
  peak = 0;
  /** Rows folded: the first row the timeline still holds. */
  rows = 0;
  wholeTimes = true;
  private times: Float64Array = new Float64Array(256);
  private running: Float64Array = new Float64Array(256);
  private stopping: Float64Array = new Float64Array(256);
  /** Executor-count changes recorded. */
  changes = 0;

  constructor(private readonly col: SumColumns) {}

  /** Folds rows [this.rows, to) of `tl` (row `to` must be there: the last folded row lasts until it). */
  fold(tl: TimelineRows, to: number): void {
    const col = this.col;
    integrateRows(tl, col, this.rows, to, this);
    for (let i = this.rows; i < to; i++) {
      const t = tl.get(i, col.time_ms);
      if (!Number.isInteger(t)) this.wholeTimes = false;
      const running = tl.get(i, col.running_executors);
      const stopping = tl.get(i, col.stopping_executors);
      const n = this.changes;
      if (n > 0 && this.running[n - 1] === running && this.stopping[n - 1] === stopping) continue;
      if (n === this.times.length) this.grow();
      this.times[n] = t;
      this.running[n] = running;
      this.stopping[n] = stopping;
      this.changes++;
    }
    this.rows = to;
  }

  /** The k-th recorded change: its time and the running and stopping executors from then on. */
  change(k: number): { readonly timeMs: number; readonly running: number; readonly stopping: number } {
    return { timeMs: this.times[k]!, running: this.running[k]!, stopping: this.stopping[k]! };
  }

  private grow(): void {
    const grown = (a: Float64Array): Float64Array => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.times = grown(this.times);
    this.running = grown(this.running);
    this.stopping = grown(this.stopping);
  }
}
