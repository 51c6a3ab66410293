import { objectArray } from "../core/objectArray.js";
import { numericId } from "./ExecutorNumbersById.js";

/**
 * Live executors' entries by executor id, for a table written and deleted at each of the tens
 * of thousands of registrations and removals of a run at a high limit: an id "1", "2", ... (as
 * Spark numbers them, never reused) is an index into an array, so no `Map` keyed by id is grown
 * and rehashed as executors come and go. Other ids (an event log's) fall back to a `Map`.
 * `values()` is in no particular order.
 */
export class ExecutorsById<T> {
  /** By numeric id (undefined: none); grown densely, a hole far past the end would turn it into a dictionary. */
  private readonly byNumericId: Array<T | undefined> = objectArray();
  private readonly others = new Map<string, T>();

  get(id: string): T | undefined {
    const n = numericId(id);
    return n < 0 ? this.others.get(id) : this.byNumericId[n];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, value: T): void {
    const n = numericId(id);
    if (n < 0) {
      this.others.set(id, value);
      return;
    }
    const a = this.byNumericId;
    while (a.length < n) a.push(undefined);
    a[n] = value;
  }

  delete(id: string): void {
    const n = numericId(id);
    if (n < 0) this.others.delete(id);
    else if (n < this.byNumericId.length) this.byNumericId[n] = undefined;
  }

  /** Every entry, numeric ids first (walks every id ever set: for rare questions only). */
  *values(): IterableIterator<T> {
    for (const v of this.byNumericId) if (v !== undefined) yield v;
    yield* this.others.values();
  }
}
