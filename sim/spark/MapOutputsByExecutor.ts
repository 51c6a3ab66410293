/** Ints per chunk: 16 [shuffleId, partition] pairs. */
const CHUNK = 32;
const NONE = -1;

/** A copy of `a` in a typed array of `length` (at least a's length), the rest filled with `fill`. */
function grown(a: Int32Array, length: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * The map outputs each executor wrote, as [shuffleId, partition] pairs in write order, by the
 * executor's dense number (`ExecutorSlots.number`): what `MapOutputTracker` walks when the
 * executor goes. A run starts and removes thousands of executors, each writing one output per
 * map task it ran, so the lists are chunks of one shared typed array, linked per executor and
 * recycled when it goes: no allocation per output or per executor.
 */
export class MapOutputsByExecutor {
  private data = new Int32Array(CHUNK * 64);
  /** Per chunk: the next chunk of the same executor, or NONE. */
  private nextChunk = new Int32Array(64);
  private chunksUsed = 0;
  private freeChunks = NONE;
  /** Per executor number: first and last chunk (NONE: nothing written), ints used in the last. */
  private head = new Int32Array(64).fill(NONE);
  private tail = new Int32Array(64);
  private tailUsed = new Int32Array(64);

  /** The executor wrote something that is still listed. */
  has(x: number): boolean {
    return x < this.head.length && this.head[x] !== NONE;
  }

  add(x: number, shuffleId: number, partition: number): void {
    if (x >= this.head.length) this.growExecutors(x);
    let chunk = this.tail[x]!;
    let used = this.tailUsed[x]!;
    if (this.head[x] === NONE || used === CHUNK) {
      const fresh = this.newChunk();
      if (this.head[x] === NONE) this.head[x] = fresh;
      else this.nextChunk[chunk] = fresh;
      chunk = this.tail[x] = fresh;
      used = 0;
    }
    const at = chunk * CHUNK + used;
    this.data[at] = shuffleId;
    this.data[at + 1] = partition;
    this.tailUsed[x] = used + 2;
  }

  /** Visits the executor's pairs in write order, then empties its list and recycles its chunks. */
  take(x: number, visit: (shuffleId: number, partition: number) => void): void {
    if (!this.has(x)) return;
    this.forEach(x, visit);
    let chunk = this.head[x]!;
    while (chunk !== NONE) {
      const next = this.nextChunk[chunk]!;
      this.nextChunk[chunk] = this.freeChunks;
      this.freeChunks = chunk;
      chunk = next;
    }
    this.head[x] = NONE;
  }

  /** Visits the executor's pairs in write order. */
  forEach(x: number, visit: (shuffleId: number, partition: number) => void): void {
    if (!this.has(x)) return;
    const data = this.data;
    for (let c = this.head[x]!; c !== NONE; c = this.nextChunk[c]!) {
      const end = c * CHUNK + (c === this.tail[x] ? this.tailUsed[x]! : CHUNK);
      for (let i = c * CHUNK; i < end; i += 2) visit(data[i]!, data[i + 1]!);
    }
  }

  private newChunk(): number {
    let chunk = this.freeChunks;
    if (chunk !== NONE) this.freeChunks = this.nextChunk[chunk]!;
    else {
      chunk = this.chunksUsed++;
      if (chunk === this.nextChunk.length) {
        this.nextChunk = grown(this.nextChunk, chunk * 2, 0);
        this.data = grown(this.data, chunk * 2 * CHUNK, 0);
      }
    }
    this.nextChunk[chunk] = NONE;
    return chunk;
  }

  private growExecutors(x: number): void {
    const n = Math.max(x + 1, this.head.length * 2);
    this.head = grown(this.head, n, NONE);
    this.tail = grown(this.tail, n, 0);
    this.tailUsed = grown(this.tailUsed, n, 0);
  }
}
