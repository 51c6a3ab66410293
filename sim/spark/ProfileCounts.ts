/** A count per resource profile id (`ExecutorMonitor.execResourceProfileCount`), a key gone at 0. */
export class ProfileCounts {
  private readonly counts = new Map<number, number>();

  /** Profiles with a count. */
  get size(): number {
    return this.counts.size;
  }

  get(id: number): number {
    return this.counts.get(id) ?? 0;
  }

  has(id: number): boolean {
    return this.counts.has(id);
  }

  add(id: number, delta: number): void {
    const n = this.get(id) + delta;
    if (n === 0) this.counts.delete(id);
    else this.counts.set(id, n);
  }
}
