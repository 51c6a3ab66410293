import { objectArray } from "./objectArray.js";

/**
 * A binary min-heap of events ordered by (timeMs, phase, seq).
 *
 * `phase` orders events that fall on the same millisecond (the model defines what the
 * phases are); `seq` is the insertion counter, so events equal in time and phase come out
 * in the order they were scheduled. The ordering is total, which is what makes a run
 * deterministic.
 *
 * The heap is kept as parallel arrays (times and a packed phase-and-seq rank in typed arrays,
 * payloads in a plain array) rather than an array of event objects: sifting then compares
 * numbers held next to each other instead of following a pointer per comparison, which kept
 * the cost per event growing with the number of events in flight (tens of thousands of
 * running tasks at thousands of executors).
 */
export interface QueuedEvent<T> {
  readonly timeMs: number;
  readonly phase: number;
  readonly seq: number;
  readonly payload: T;
}

/** Phases are small non-negative integers; each rank is phase * SEQ_SPAN + seq. */
const SEQ_SPAN = 2 ** 32;
const MAX_PHASE = 2 ** 20;

export class EventQueue<T> {
  private times = new Float64Array(64);
  private ranks = new Float64Array(64);
  private readonly payloads: T[] = objectArray();
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  push(timeMs: number, phase: number, payload: T): void {
    if (!Number.isInteger(phase) || phase < 0 || phase >= MAX_PHASE) {
      throw new Error(`EventQueue.push: phase ${phase} is not an integer from 0 to ${MAX_PHASE - 1}`);
    }
    const seq = this.nextSeq++;
    if (seq >= SEQ_SPAN) throw new Error(`EventQueue.push: more than ${SEQ_SPAN} events pushed`);
    this.insert(timeMs, phase * SEQ_SPAN + seq, payload);
  }

  private insert(timeMs: number, rank: number, payload: T): void {
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
    const times = new Float64Array(this.times.length * 2);
    const ranks = new Float64Array(this.ranks.length * 2);
    times.set(this.times);
    ranks.set(this.ranks);
    this.times = times;
    this.ranks = ranks;
  }

  peek(): QueuedEvent<T> | undefined {
    return this.n === 0 ? undefined : this.eventAt(0);
  }

  /** Time of the next event, or undefined when the queue is empty (no object made). */
  peekTime(): number | undefined {
    return this.n === 0 ? undefined : this.times[0];
  }

  pop(): QueuedEvent<T> | undefined {
    if (this.n === 0) return undefined;
    const top = this.eventAt(0);
    this.removeTop();
    return top;
  }

  /** Removes the next event and returns its payload; undefined when empty (check `size` if payloads may be undefined). */
  popPayload(): T | undefined {
    if (this.n === 0) return undefined;
    const payload = this.payloads[0];
    this.removeTop();
    return payload;
  }

  private eventAt(i: number): QueuedEvent<T> {
    const rank = this.ranks[i]!;
    const phase = Math.floor(rank / SEQ_SPAN);
    return { timeMs: this.times[i]!, phase, seq: rank - phase * SEQ_SPAN, payload: this.payloads[i]! };
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
