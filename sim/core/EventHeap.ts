import { objectArray } from "./objectArray.js";
import { type QueuedEvent, queuedEvent, rankOf } from "./eventRank.js";

/**
 * A binary min-heap of events ordered by (timeMs, rank), rank = (phase, seq) packed in one
 * number (eventRank.ts). It was the engine's event queue; the queue (EventQueue.ts) now keeps
 * it for the events it does not hold in its wheel (far-future ones, and the several events of
 * the current millisecond), and the engine bench replays a run's queue traffic on it as the
 * "bare binary heap" floor.
 *
 * The heap is kept as parallel arrays (times and ranks in typed arrays, payloads in a plain
 * array) rather than an array of event objects: sifting then compares numbers held next to
 * each other instead of following a pointer per comparison.
 */
export class EventHeap<T> {
  /** Empty until the first insert: the event queue makes two heaps that most small runs never use. */
  private times = new Float64Array(0);
  private ranks = new Float64Array(0);
  private readonly payloads: T[] = objectArray();
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  /** Pushes with its own insertion counter: a queue on its own (the bench's floor, tests). */
  push(timeMs: number, phase: number, payload: T): void {
    this.insert(timeMs, rankOf("EventHeap", phase, this.nextSeq++), payload);
  }

  /** Inserts with a rank the caller made (rankOf), for a queue that keeps its own counter. */
  insert(timeMs: number, rank: number, payload: T): void {
    if (this.n === this.times.length) this.grow();
    const { times, ranks, payloads } = this;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeMs || (pt === timeMs && ranks[parent]! < rank)) break;
      times[i] = pt;
      ranks[i] = ranks[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = timeMs;
    ranks[i] = rank;
    payloads[i] = payload;
  }

  private grow(): void {
    const capacity = Math.max(64, this.times.length * 2);
    const times = new Float64Array(capacity);
    const ranks = new Float64Array(capacity);
    times.set(this.times);
    ranks.set(this.ranks);
    this.times = times;
    this.ranks = ranks;
  }

  peek(): QueuedEvent<T> | undefined {
    return this.n === 0 ? undefined : queuedEvent(this.times[0]!, this.ranks[0]!, this.payloads[0]!);
  }

  /** Time of the next event, or undefined when the heap is empty (no object made). */
  peekTime(): number | undefined {
    return this.n === 0 ? undefined : this.times[0];
  }

  /** Rank of the next event; only when size > 0. */
  topRank(): number {
    return this.ranks[0]!;
  }

  pop(): QueuedEvent<T> | undefined {
    const top = this.peek();
    if (top !== undefined) this.removeTop();
    return top;
  }

  /** Removes the next event and returns its payload; undefined when empty (check `size` if payloads may be undefined). */
  popPayload(): T | undefined {
    if (this.n === 0) return undefined;
    const payload = this.payloads[0];
    this.removeTop();
    return payload;
  }

  private removeTop(): void {
    const { times, ranks, payloads } = this;
    const n = --this.n;
    const lastTime = times[n]!;
    const lastRank = ranks[n]!;
    const lastPayload = payloads[n]!;
    payloads[n] = undefined as T; // drop the reference
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (times[r]! < times[l]! || (times[r] === times[l] && ranks[r]! < ranks[l]!))) c = r;
      const ct = times[c]!;
      if (ct > lastTime || (ct === lastTime && ranks[c]! > lastRank)) break;
      times[i] = ct;
      ranks[i] = ranks[c]!;
      payloads[i] = payloads[c]!;
      i = c;
    }
    times[i] = lastTime;
    ranks[i] = lastRank;
    payloads[i] = lastPayload;
  }
}
