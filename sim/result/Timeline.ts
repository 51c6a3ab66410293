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
  /** Killed, container or pod still running (billed) until it is gone. */
  "stopping_executors",
  /** Containers launched or pods created whose executor has not registered (part of pending_executors). */
  "starting_executors",
  /** Container asks the cluster has no capacity for yet (part of pending_executors). */
  "waiting_for_capacity",
] as const;

export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];
export type TimelineRow = Readonly<Record<TimelineColumn, number>>;

const WIDTH = TIMELINE_COLUMNS.length;

/**
 * Executor-count timeline: one row at t=0, one at every instant where any column changed,
 * and one at the end. Stored row-major in one growable Float64Array so a run of millions
 * of tasks stays compact.
 */
export class Timeline {
  private data = new Float64Array(WIDTH * 1024);
  private rows = 0;

  get length(): number {
    return this.rows;
  }

  /** Appends a row given in TIMELINE_COLUMNS order. */
  push(values: ArrayLike<number>): void {
    if ((this.rows + 1) * WIDTH > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const base = this.rows * WIDTH;
    for (let c = 0; c < WIDTH; c++) this.data[base + c] = values[c]!;
    this.rows++;
  }

  get(row: number, column: number): number {
    return this.data[row * WIDTH + column]!;
  }

  /** Whether `values` differs from the last row in any column but time. */
  differsFromLast(values: ArrayLike<number>): boolean {
    if (this.rows === 0) return true;
    const base = (this.rows - 1) * WIDTH;
    for (let c = 1; c < WIDTH; c++) if (this.data[base + c] !== values[c]) return true;
    return false;
  }

  lastTime(): number | undefined {
    return this.rows === 0 ? undefined : this.data[(this.rows - 1) * WIDTH];
  }

  row(i: number): TimelineRow {
    const out = {} as Record<TimelineColumn, number>;
    TIMELINE_COLUMNS.forEach((name, c) => (out[name] = this.data[i * WIDTH + c]!));
    return out;
  }

  *rowsIter(): IterableIterator<number[]> {
    for (let i = 0; i < this.rows; i++) {
      const base = i * WIDTH;
      yield Array.from(this.data.subarray(base, base + WIDTH));
    }
  }
}

export const COL = Object.fromEntries(TIMELINE_COLUMNS.map((name, i) => [name, i])) as Readonly<Record<TimelineColumn, number>>;
