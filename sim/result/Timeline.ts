import { TimelineSums } from "./TimelineSums.js";

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

/** Rows per page: pages are filled in turn and never copied (a doubling array copied each time it grew). */
const PAGE_ROWS = 4096;
const PAGE_SHIFT = 12;

/**
 * Executor-count timeline: one row at t=0, one at every instant where any column changed,
 * and one at the end. Struct-of-arrays in pages of 4,096 rows: `time_ms` in a Float64Array
 * and the other columns (counts) in an Int32Array, 60 bytes a row, with no object per row and
 * at most one partly filled page. A value that is not a 32-bit integer switches the counts to
 * Float64Arrays, so nothing is ever rounded.
 */
export class Timeline {
  private readonly timePages: Float64Array[] = [];
  private countPages: Array<Int32Array | Float64Array> = [];
  private wide = false;
  private rows = 0;
  /** Set by `keepOnlySums`: the rows let go, folded. */
  private folded: TimelineSums | undefined;

  get length(): number {
    return this.rows;
  }

  /** Bytes held by the storage (its capacity, for benchmarks). */
  get byteLength(): number {
    let n = 0;
    for (const p of this.timePages) n += p.byteLength;
    for (const p of this.countPages) n += p.byteLength;
    return n;
  }

  push(values: ArrayLike<number>): void {
    const at = this.rows & (PAGE_ROWS - 1);
    if (at === 0) this.addPage();
    const page = this.rows >> PAGE_SHIFT;
    this.timePages[page]![at] = values[0]!;
    if (!this.wide && !countsAreInt32(values)) this.widen();
    const counts = this.countPages[page]!;
    const base = at * COUNTS - 1;
    for (let c = 1; c < WIDTH; c++) counts[base + c] = values[c]!;
    this.rows++;
  }

  /**
   * Appends the row unless its counts are the last row's (the recorder samples every instant);
   * returns whether it did. Within an integer page it compares and writes in one pass, straight
   * into the next row's place, which counts only once the row differs.
   */
  pushIfChanged(values: ArrayLike<number>): boolean {
    const n = this.rows;
    const at = n & (PAGE_ROWS - 1);
    if (at === 0 || this.wide) return this.pushIfDiffers(values);
    const counts = this.countPages[n >> PAGE_SHIFT]!;
    const base = at * COUNTS - 1;
    const last = base - COUNTS;
    let changed = false;
    for (let c = 1; c < WIDTH; c++) {
      const v = values[c]!;
      if ((v | 0) !== v) return this.pushIfDiffers(values);
      if (counts[last + c] !== v) changed = true;
      counts[base + c] = v;
    }
    if (!changed) return false;
    this.timePages[n >> PAGE_SHIFT]![at] = values[0]!;
    this.rows++;
    return true;
  }

  private pushIfDiffers(values: ArrayLike<number>): boolean {
    if (!this.differsFromLast(values)) return false;
    this.push(values);
    return true;
  }

  get(row: number, column: number): number {
    const at = row & (PAGE_ROWS - 1);
    return column === 0 ? this.timePages[row >> PAGE_SHIFT]![at]! : this.countPages[row >> PAGE_SHIFT]![at * COUNTS + column - 1]!;
  }

  differsFromLast(values: ArrayLike<number>): boolean {
    if (this.rows === 0) return true;
    const last = this.rows - 1;
    const counts = this.countPages[last >> PAGE_SHIFT]!;
    const base = (last & (PAGE_ROWS - 1)) * COUNTS - 1;
    for (let c = 1; c < WIDTH; c++) if (counts[base + c] !== values[c]) return true;
    return false;
  }

  /** Index of the row in force at `timeMs`: the last row at or before it (row 0 when every row is later). */
  rowIndexAt(timeMs: number): number {
    let lo = 0;
    let hi = this.rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.get(mid, 0) <= timeMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lastTime(): number | undefined {
    return this.rows === 0 ? undefined : this.get(this.rows - 1, 0);
  }

  row(i: number): TimelineRow {
    const out = {} as Record<TimelineColumn, number>;
    TIMELINE_COLUMNS.forEach((name, c) => (out[name] = this.get(i, c)));
    return out;
  }

  *rowsIter(): IterableIterator<number[]> {
    if (this.folded !== undefined && this.folded.rows > 0) throw new Error("internal: the rows of a timeline that kept only its sums (keepTimelineRows false)");
    for (let i = 0; i < this.rows; i++) {
      const row = new Array<number>(WIDTH);
      for (let c = 0; c < WIDTH; c++) row[c] = this.get(i, c);
      yield row;
    }
  }

  /**
   * From the first row on, keep only the last two pages of rows: each older page is folded into
   * `sums` (what a summary and a replay's model error read) and let go. `get` and what reads
   * rows then cover rows from `sums.rows` on. `SimulateOptions.keepTimelineRows` false.
   */
  keepOnlySums(): void {
    if (this.rows > 0) throw new Error("internal: keepOnlySums on a timeline that has rows");
    this.folded = new TimelineSums(COL);
  }

  /** The folded rows' sums and executor-count changes; undefined when every row is kept. */
  get sums(): TimelineSums | undefined {
    return this.folded;
  }

  private addPage(): void {
    const full = this.timePages.length;
    if (this.folded !== undefined && full >= 2) this.foldPage(full - 2);
    this.timePages.push(new Float64Array(PAGE_ROWS));
    this.countPages.push(this.wide ? new Float64Array(PAGE_ROWS * COUNTS) : new Int32Array(PAGE_ROWS * COUNTS));
  }

  /** Folds page `p` (the next page's first row is there) and lets its arrays go. */
  private foldPage(p: number): void {
    this.folded!.fold(this, (p + 1) << PAGE_SHIFT);
    this.timePages[p] = new Float64Array(0);
    this.countPages[p] = new Int32Array(0);
  }

  private widen(): void {
    this.countPages = this.countPages.map((p) => Float64Array.from(p));
    this.wide = true;
  }
}

/** Whether every value after time_ms is a 32-bit integer (an Int32Array page holds it exactly). */
function countsAreInt32(values: ArrayLike<number>): boolean {
  for (let c = 1; c < WIDTH; c++) {
    const v = values[c]!;
    if ((v | 0) !== v) return false;
  }
  return true;
}

export const COL = Object.fromEntries(TIMELINE_COLUMNS.map((name, i) => [name, i])) as Readonly<Record<TimelineColumn, number>>;
