/** A binary heap of numbers: the smallest on top, or the largest with `max`. */
class NumberHeap {
  private readonly a: number[] = [];

  constructor(private readonly max: boolean) {}

  get size(): number {
    return this.a.length;
  }

  get top(): number {
    return this.a[0]!;
  }

  private above(x: number, y: number): boolean {
    return this.max ? x > y : x < y;
  }

  push(x: number): void {
    const a = this.a;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(x, a[parent]!)) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && this.above(a[r]!, a[l]!) ? r : l;
      if (!this.above(a[c]!, last)) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

/**
 * The successful task durations of a task set and their median, as `TaskSetManager` keeps them
 * for speculation: Spark 3.4+'s `PercentileHeap` (the value at sorted[floor(n / 2)]) or, before,
 * `MedianHeap` (the mean of the two middle values when n is even). Both are two heaps; here the
 * lower one holds floor(n / 2) values, so the upper one's top is sorted[floor(n / 2)].
 */
export class PercentileHeap {
  private readonly lower = new NumberHeap(true);
  private readonly upper = new NumberHeap(false);

  /** `meanOfMiddles`: MedianHeap's rule for an even count (Spark before 3.4). */
  constructor(private readonly meanOfMiddles: boolean) {}

  get size(): number {
    return this.lower.size + this.upper.size;
  }

  insert(x: number): void {
    if (this.upper.size > 0 && x < this.upper.top) this.lower.push(x);
    else this.upper.push(x);
    const wantLower = Math.floor(this.size / 2);
    if (this.lower.size > wantLower) this.upper.push(this.lower.pop());
    else if (this.lower.size < wantLower) this.lower.push(this.upper.pop());
  }

  /** The median; undefined when empty (Spark throws). */
  percentile(): number | undefined {
    if (this.upper.size === 0) return undefined;
    if (this.meanOfMiddles && this.lower.size === this.upper.size) return (this.lower.top + this.upper.top) / 2;
    return this.upper.top;
  }
}
