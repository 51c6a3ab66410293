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

/** What the count pages hold: counts from 0 to 65,535 (Uint16Array), 32-bit integers (Int32Array), or any number (Float64Array). */
const NARROW = 0;
const INT = 1;
const WIDE = 2;
type Kind = typeof NARROW | typeof INT | typeof WIDE;

/** Rows per page: pages are filled in turn and never copied (a doubling array copied each time it grew). */
const PAGE_ROWS = 4096;
const PAGE_SHIFT = 12;

/**
 * Executor-count timeline: one row at t=0, one at every instant where any column changed,
 * and one at the end. Struct-of-arrays in pages of 4,096 rows: `time_ms` in a Float64Array
 * and the other columns (counts) in a Uint16Array, 36 bytes a row, with no object per row and
 * at most one partly filled page. A count above 65,535 or below 0 switches every page's counts
 * to Int32Arrays (64 bytes a row), a value that is not a 32-bit integer to Float64Arrays, so
 * nothing is ever rounded. The pages are most of a run's typed-array memory, which V8 counts
 * toward starting a full garbage collection ("external memory pressure" in `--trace-gc`).
 */
export class Timeline {
  private readonly timePages: Float64Array[] = [];
  private countPages: Array<Uint16Array | Int32Array | Float64Array> = [];
  private kind: Kind = NARROW;
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
    const kind = kindOf(values);
    if (kind > this.kind) this.widen(kind);
    const counts = this.countPages[page]!;
    const base = at * COUNTS - 1;
    for (let c = 1; c < WIDTH; c++) counts[base + c] = values[c]!;
    this.rows++;
  }

  /** Appends the row unless its counts are the last row's (the recorder samples every instant); returns whether it did. */
  pushIfChanged(values: ArrayLike<number>): boolean {
    if (!this.differsFromLast(values)) return false;
    this.push(values);
    return true;
  }

  /**
   * `pushIfChanged` for a row whose counts are already 32-bit integers (`counts[c - 1]` is column
   * c): compares and writes in one pass, straight into the next row's place in the page, which
   * counts only once the row differs. The timeline recorder's path, once per instant.
   */
  pushCountsIfChanged(timeMs: number, counts: Int32Array): boolean {
    const n = this.rows;
    const at = n & (PAGE_ROWS - 1);
    if (at === 0 || this.kind === WIDE) return this.pushIfChanged(withTime(timeMs, counts));
    const base = at * COUNTS;
    let diff = 0;
    if (this.kind === NARROW) {
      const page = this.countPages[n >> PAGE_SHIFT] as Uint16Array;
      let bits = 0;
      for (let c = 0; c < COUNTS; c++) {
        const v = counts[c]!;
        bits |= v;
        diff |= page[base - COUNTS + c]! ^ v;
        page[base + c] = v;
      }
      // A count the page cannot hold (what was written is not a row yet): the pages widen first.
      if ((bits & ~0xffff) !== 0) return this.pushIfChanged(withTime(timeMs, counts));
    } else {
      const page = this.countPages[n >> PAGE_SHIFT] as Int32Array;
      for (let c = 0; c < COUNTS; c++) {
        const v = counts[c]!;
        diff |= page[base - COUNTS + c]! ^ v;
        page[base + c] = v;
      }
    }
    if (diff === 0) return false;
    this.timePages[n >> PAGE_SHIFT]![at] = timeMs;
    this.rows++;
    return true;
  }

  /** Appends a row given as `timeMs` and its integer counts (`counts[c - 1]` is column c). */
  pushCounts(timeMs: number, counts: Int32Array): void {
    this.push(withTime(timeMs, counts));
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
    this.countPages.push(countPage(this.kind, PAGE_ROWS * COUNTS));
  }

  /** Folds page `p` (the next page's first row is there) and lets its arrays go. */
  private foldPage(p: number): void {
    this.folded!.fold(this, (p + 1) << PAGE_SHIFT);
    this.timePages[p] = new Float64Array(0);
    this.countPages[p] = countPage(this.kind, 0);
  }

  /** Every page's counts in arrays of `kind`, which holds what they held. */
  private widen(kind: Kind): void {
    this.countPages = this.countPages.map((p) => (kind === INT ? Int32Array.from(p) : Float64Array.from(p)));
    this.kind = kind;
  }
}

/** A whole row: `timeMs`, then the counts. */
function withTime(timeMs: number, counts: Int32Array): number[] {
  const row = [timeMs];
  for (let c = 0; c < COUNTS; c++) row.push(counts[c]!);
  return row;
}

/** An empty page of counts of `kind`. */
function countPage(kind: Kind, length: number): Uint16Array | Int32Array | Float64Array {
  if (kind === NARROW) return new Uint16Array(length);
  return kind === INT ? new Int32Array(length) : new Float64Array(length);
}

/** The narrowest kind of page that holds every value after time_ms exactly. */
function kindOf(values: ArrayLike<number>): Kind {
  let kind: Kind = NARROW;
  for (let c = 1; c < WIDTH; c++) {
    const v = values[c]!;
    if ((v | 0) !== v) return WIDE;
    if ((v & ~0xffff) !== 0) kind = INT;
  }
  return kind;
}

export const COL = Object.fromEntries(TIMELINE_COLUMNS.map((name, i) => [name, i])) as Readonly<Record<TimelineColumn, number>>;
