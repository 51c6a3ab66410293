/**
 * The shuffles a map output tracker knows, by shuffle id, with the last one looked up kept at
 * hand: a run registers a whole stage's outputs in a row, so `cached` rarely hashes. The
 * executor monitor keeps its stages' shuffles in one too, keyed by stage id (task ends come in
 * runs of a stage's).
 */
export class ShuffleTable<T> extends Map<number, T> {
  private lastId = Number.NaN;
  private last: T | undefined;

  /** `get`, answered from the last lookup when it asked for the same shuffle. */
  cached(shuffleId: number): T | undefined {
    if (shuffleId === this.lastId) return this.last;
    const s = this.get(shuffleId);
    this.lastId = shuffleId;
    this.last = s;
    return s;
  }

  override set(shuffleId: number, outputs: T): this {
    if (shuffleId === this.lastId) this.lastId = Number.NaN;
    return super.set(shuffleId, outputs);
  }

  override delete(shuffleId: number): boolean {
    if (shuffleId === this.lastId) this.lastId = Number.NaN;
    return super.delete(shuffleId);
  }

  override clear(): void {
    this.lastId = Number.NaN;
    this.last = undefined;
    super.clear();
  }
}
