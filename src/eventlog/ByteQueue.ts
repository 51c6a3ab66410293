/** FIFO of byte chunks for block-framed decoders: only the unread tail is kept. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Read offset into chunks[0]. */
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** The next `n` bytes (n <= length) without consuming them. */
  peek(n: number): Uint8Array {
    return this.read(n, false);
  }

  /** Consumes and returns the next `n` bytes (n <= length). A view when they sit in one chunk, else a copy. */
  take(n: number): Uint8Array {
    return this.read(n, true);
  }

  private read(n: number, consume: boolean): Uint8Array {
    if (n > this.size) throw new RangeError(`ByteQueue: asked for ${n} bytes, ${this.size} buffered`);
    const first = this.chunks[0];
    if (n === 0 || first === undefined) return new Uint8Array(0);
    if (first.length - this.head >= n) {
      const view = first.subarray(this.head, this.head + n);
      if (consume) this.advance(n);
      return view;
    }
    const out = new Uint8Array(n);
    let written = 0;
    let index = 0;
    let offset = this.head;
    while (written < n) {
      const c = this.chunks[index]!;
      const count = Math.min(n - written, c.length - offset);
      out.set(c.subarray(offset, offset + count), written);
      written += count;
      index += 1;
      offset = 0;
    }
    if (consume) this.advance(n);
    return out;
  }

  private advance(n: number): void {
    this.size -= n;
    let left = n;
    while (left > 0) {
      const c = this.chunks[0]!;
      const available = c.length - this.head;
      if (available > left) {
        this.head += left;
        return;
      }
      left -= available;
      this.chunks.shift();
      this.head = 0;
    }
  }
}
