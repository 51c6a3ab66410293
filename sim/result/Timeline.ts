/** The timeline's columns, in output order (a contract: `--timeline` writes exactly these). */
export const TIMELINE_COLUMNS = [
  "time_ms",
  "target",
  "pending_executors",
  "running_executors",
  "busy_executors",
  "idle_executors",
  "pinned_shuffle_executors",
  "pinned_cache_executors",
  "pending_tasks",
  "running_tasks",
  "max_needed",
  /** Killed, container or pod still running (billed) until it is gone; or decommissioning (no new task, migrating its blocks). */
  "stopping_executors",
  /** Containers launched or pods created whose executor has not registered (part of pending_executors). */
  "starting_executors",
  /** Container asks the cluster has no capacity for yet (part of pending_executors). */
  "waiting_for_capacity",
  /** Nodes up (cluster.nodes; 0 when the scenario gives none). */
  "nodes",
] as const;

export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];
export type TimelineRow = Readonly<Record<TimelineColumn, number>>;

const WIDTH = TIMELINE_COLUMNS.length;
/** Columns after time_ms. */
const COUNTS = WIDTH - 1;

/**
 * Executor-count timeline: one row at t=0, one at every instant where any column changed,
 * and one at the end. Stored row-major in one growable Float64Array so a run of millions
 * of tasks stays compact.
 */
/**
 * The timeline's rows, struct-of-arrays: `time_ms` in a Float64Array and the other columns
 * (counts) in an Int32Array, 60 bytes a row instead of 112, with no object per row. A value
 * that is not a 32-bit integer switches the counts to a Float64Array, so nothing is ever
 * rounded.
 */
export class Timeline {
  private times = new Float64Array(1024);
  private counts: Int32Array | Float64Array = new Int32Array(COUNTS * 1024);
  private wide = false;
  private rows = 0;

  get length(): number {
    return this.rows;
  }

  /** Bytes held by the storage (its capacity, for benchmarks). */
  get byteLength(): number {
    return this.times.byteLength + this.counts.byteLength;
  }

  push(values: ArrayLike<number>): void {
    if (this.rows === this.times.length) this.grow();
    this.times[this.rows] = values[0]!;
    const base = this.rows * COUNTS;
    for (let c = 1; c < WIDTH; c++) {
      const v = values[c]!;
      if (!this.wide && (v | 0) !== v) this.widen();
      this.counts[base + c - 1] = v;
    }
    this.rows++;
  }

  get(row: number, column: number): number {
    return column === 0 ? this.times[row]! : this.counts[row * COUNTS + column - 1]!;
  }

  differsFromLast(values: ArrayLike<number>): boolean {
    if (this.rows === 0) return true;
    const base = (this.rows - 1) * COUNTS - 1;
    for (let c = 1; c < WIDTH; c++) if (this.counts[base + c] !== values[c]) return true;
    return false;
  }

  /** Index of the row in force at `timeMs`: the last row at or before it (row 0 when every row is later). */
  rowIndexAt(timeMs: number): number {
    let lo = 0;
    let hi = this.rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid]! <= timeMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lastTime(): number | undefined {
    return this.rows === 0 ? undefined : this.times[this.rows - 1];
  }

  row(i: number): TimelineRow {
    const out = {} as Record<TimelineColumn, number>;
    TIMELINE_COLUMNS.forEach((name, c) => (out[name] = this.get(i, c)));
    return out;
  }

  *rowsIter(): IterableIterator<number[]> {
    for (let i = 0; i < this.rows; i++) {
      const row = new Array<number>(WIDTH);
      row[0] = this.times[i]!;
      const base = i * COUNTS - 1;
      for (let c = 1; c < WIDTH; c++) row[c] = this.counts[base + c]!;
      yield row;
    }
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const counts = this.wide ? new Float64Array(this.counts.length * 2) : new Int32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }

  private widen(): void {
    this.counts = Float64Array.from(this.counts);
    this.wide = true;
  }
}

export const COL = Object.fromEntries(TIMELINE_COLUMNS.map((name, i) => [name, i])) as Readonly<Record<TimelineColumn, number>>;
