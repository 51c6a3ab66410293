/** Entries a chunk holds: 64 KiB of times and 16 KiB of kinds while times fit an Int32. */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * (time, kind) pairs in the order pushed, 5 bytes each while every time is a whole ms within
 * about 24 days of the first (an Int32 offset from it, and a byte), 9 bytes otherwise (all
 * times as Float64 from then on). Kept in chunks of 16,384 entries, so the list never copies
 * itself to grow and holds room for at most one chunk more than it has.
 */
export class TimedChanges {
  /** The first time pushed: Int32 chunks hold offsets from it. */
  private base = NaN;
  private times: (Int32Array | Float64Array)[] = [];
  private readonly kinds: Uint8Array[] = [];
  /** Whether the time chunks are Float64Array (absolute times) rather than Int32Array offsets. */
  private wide = false;
  length = 0;

  push(timeMs: number, kind: number): void {
    const i = this.length & MASK;
    if (i === 0) this.addChunk();
    const c = this.length >>> CHUNK_BITS;
    if (Number.isNaN(this.base)) this.base = timeMs;
    const offset = timeMs - this.base;
    if (!this.wide && !(Number.isInteger(offset) && offset >= INT32_MIN && offset <= INT32_MAX && this.base + offset === timeMs)) this.widen();
    this.times[c]![i] = this.wide ? timeMs : offset;
    this.kinds[c]![i] = kind;
    this.length++;
  }

  timeMs(i: number): number {
    const t = this.times[i >>> CHUNK_BITS]![i & MASK]!;
    return this.wide ? t : this.base + t;
  }

  kind(i: number): number {
    return this.kinds[i >>> CHUNK_BITS]![i & MASK]!;
  }

  private addChunk(): void {
    this.times.push(this.wide ? new Float64Array(CHUNK) : new Int32Array(CHUNK));
    this.kinds.push(new Uint8Array(CHUNK));
  }

  /** From now on times are kept as they are: the chunks so far become Float64Array. */
  private widen(): void {
    this.times = this.times.map((chunk) => {
      const wide = new Float64Array(CHUNK);
      for (let i = 0; i < CHUNK; i++) wide[i] = this.base + chunk[i]!;
      return wide;
    });
    this.wide = true;
  }
}
