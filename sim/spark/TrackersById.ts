import { objectArray } from "../core/objectArray.js";
import { ExecutorsById } from "./ExecutorsById.js";

/** What the table needs of an entry: its id, and a field where it keeps the entry's place in insertion order. */
export interface OrderedEntry {
  readonly id: string;
  /** Its place in the table's insertion order (-1: not in the table); only the table writes it. */
  orderSlot: number;
}

/**
 * The executor monitor's trackers by executor id (`ExecutorMonitor.executors`), iterated in
 * the order they were first seen, as its `Map` was: that order decides, for one, which
 * executors a scenario's loss of `count` executors picks. Lookups go through `ExecutorsById`
 * (an id "1", "2", ... is an array index), and the order is an array with holes where entries
 * left, compacted once they are half of it: the tens of thousands of executors a run at a high
 * limit starts and removes grow and rehash no hash table keyed by id.
 */
export class TrackersById<T extends OrderedEntry> {
  private readonly byId = new ExecutorsById<T>();
  /** Entries in insertion order, holes where they left, up to `end`; the array never shrinks (regrowing it after each compaction reallocated it). */
  private readonly order: Array<T | undefined> = objectArray();
  private end = 0;
  private holes = 0;

  get size(): number {
    return this.end - this.holes;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.get(id) !== undefined;
  }

  /** Adds `e`, last in order (its id must not be in the table). */
  add(e: T): void {
    this.byId.set(e.id, e);
    const slot = this.end++;
    e.orderSlot = slot;
    if (slot === this.order.length) this.order.push(e);
    else this.order[slot] = e;
  }

  /** Takes out `e` (in the table). */
  delete(e: T): void {
    this.byId.delete(e.id);
    this.order[e.orderSlot] = undefined;
    e.orderSlot = -1;
    if (++this.holes * 2 > this.end) this.compact();
  }

  /** Every entry in insertion order (a copy: the table may change while the caller walks it). */
  values(): T[] {
    const out: T[] = objectArray();
    this.forEach((e) => out.push(e));
    return out;
  }

  /** Calls `f` on every entry in insertion order; `f` must not add or delete entries. */
  forEach(f: (e: T) => void): void {
    const order = this.order;
    for (let i = 0; i < this.end; i++) {
      const e = order[i];
      if (e !== undefined) f(e);
    }
  }

  /** Every id in insertion order. */
  ids(): string[] {
    const out: string[] = objectArray();
    this.forEach((e) => out.push(e.id));
    return out;
  }

  private compact(): void {
    const order = this.order;
    let kept = 0;
    for (let i = 0; i < this.end; i++) {
      const e = order[i];
      if (e === undefined) continue;
      e.orderSlot = kept;
      order[kept++] = e;
    }
    for (let i = kept; i < this.end; i++) order[i] = undefined;
    this.end = kept;
    this.holes = 0;
  }
}
