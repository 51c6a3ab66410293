/** Entries of the pool's first chunk (8 KiB); each later chunk is twice the last, up to POOL_CHUNK_MAX. */
const POOL_FIRST_CHUNK = 1024;
const POOL_CHUNK_MAX = 65_536;
/** Stages declaring more tasks than this keep their own array, grown as indices arrive (`DurationsByIndex`). */
export const POOLED_MAX_TASKS = POOL_CHUNK_MAX;

/** A stage's span of a pool chunk: entries `offset` to `offset` + its count of `chunk`. */
export interface DurationSpan {
  readonly chunk: Float64Array;
  readonly offset: number;
}

/**
 * The first-attempt durations of the stages declaring up to POOLED_MAX_TASKS tasks, in shared
 * Float64Array chunks (NaN = not known yet): a stage takes a span of its declared task count
 * when it is submitted, and the scenario takes that span as the stage's durations (a view, not
 * a copy). No array of its own per stage, only 8 bytes a declared task. A span that does not
 * fit in what is left of the current chunk starts a new one, and the rest of the old chunk is
 * never used: what is lost so is always less than the span that did not fit, so less than what
 * the stages use (under half of the pool's memory); a chunk stays alive while any stage's view
 * into it does.
 */
export class DurationPool {
  private chunk = new Float64Array(0);
  private used = 0;
  private nextSize = POOL_FIRST_CHUNK;

  /** A span of `count` (0 < count <= POOLED_MAX_TASKS) NaN entries. */
  reserve(count: number): DurationSpan {
    if (this.used + count > this.chunk.length) {
      this.chunk = new Float64Array(Math.max(count, this.nextSize)).fill(NaN);
      this.nextSize = Math.min(POOL_CHUNK_MAX, this.nextSize * 2);
      this.used = 0;
    }
    const offset = this.used;
    this.used += count;
    return { chunk: this.chunk, offset };
  }
}
