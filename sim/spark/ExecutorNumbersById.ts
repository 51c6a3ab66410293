import { idNumber } from "../result/EventLog.js";

/**
 * The map output trackers' table from an executor id to the task scheduler's number for it
 * (`ExecutorSlots.number`), and back. Spark's executor ids are "1", "2", ... (never reused):
 * such an id is an index into a typed array, so the tens of thousands of executors a run at a
 * high limit starts and removes cost no growing and rehashing of a `Map` keyed by id (about
 * 5 MB of hash tables per run at max 5,000). Other ids (an event log's, "driver") fall back to a `Map`.
 */
export class ExecutorNumbersById {
  /** By numeric id: its number + 1 (0: none). */
  private byNumericId = new Int32Array(64);
  private readonly others = new Map<string, number>();
  /** By number: its id ("" for none). */
  private readonly ids: string[] = [];

  get(id: string): number | undefined {
    const n = numericId(id);
    if (n < 0) return this.others.get(id);
    const v = n < this.byNumericId.length ? this.byNumericId[n]! : 0;
    return v === 0 ? undefined : v - 1;
  }

  /** An executor's first map output: `id` is numbered `x`. */
  set(id: string, x: number): void {
    const n = numericId(id);
    if (n < 0) this.others.set(id, x);
    else {
      if (n >= this.byNumericId.length) this.grow(n);
      this.byNumericId[n] = x + 1;
    }
    // Grown densely: a hole far past the end would turn the array into a dictionary.
    while (this.ids.length <= x) this.ids.push("");
    this.ids[x] = id;
  }

  delete(id: string): void {
    const n = numericId(id);
    if (n < 0) this.others.delete(id);
    else if (n < this.byNumericId.length) this.byNumericId[n] = 0;
  }

  /** The id numbered `x` ("" if none was). */
  idOf(x: number): string {
    return this.ids[x] ?? "";
  }

  private grow(n: number): void {
    const next = new Int32Array(Math.max(n + 1, this.byNumericId.length * 2));
    next.set(this.byNumericId);
    this.byNumericId = next;
  }
}

/**
 * Ids at most this long are read as numbers: up to 9,999,999, so one odd id (an event log's
 * "999999999") costs an array of at most 10M entries, not gigabytes; longer ids use the Map.
 */
const MAX_DIGITS = 7;

/**
 * `id` as a number when it is one written the canonical way ("0", "17"; not "017", "+1", "1e3")
 * with at most 7 digits, else -1: how every table here keyed by executor id (cluster nodes,
 * map output trackers, the task scheduler) decides between an array index and a Map.
 */
export function numericId(id: string): number {
  return idNumber(id, MAX_DIGITS);
}
