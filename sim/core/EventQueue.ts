/**
 * A binary min-heap of events ordered by (timeMs, phase, seq).
 *
 * `phase` orders events that fall on the same millisecond (the model defines what the
 * phases are); `seq` is the insertion counter, so events equal in time and phase come out
 * in the order they were scheduled. The ordering is total, which is what makes a run
 * deterministic.
 */
export interface QueuedEvent<T> {
  readonly timeMs: number;
  readonly phase: number;
  readonly seq: number;
  readonly payload: T;
}

function before<T>(a: QueuedEvent<T>, b: QueuedEvent<T>): boolean {
  if (a.timeMs !== b.timeMs) return a.timeMs < b.timeMs;
  if (a.phase !== b.phase) return a.phase < b.phase;
  return a.seq < b.seq;
}

export class EventQueue<T> {
  private readonly heap: QueuedEvent<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(timeMs: number, phase: number, payload: T): QueuedEvent<T> {
    const event: QueuedEvent<T> = { timeMs, phase, seq: this.nextSeq++, payload };
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
    return event;
  }

  peek(): QueuedEvent<T> | undefined {
    return this.heap[0];
  }

  pop(): QueuedEvent<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(heap[r]!, heap[l]!)) c = r;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}
