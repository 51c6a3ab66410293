/** A set of small non-negative integers (task indices) as a growable bitmap. */
export class IndexSet {
  private bits = new Uint8Array(16);
  size = 0;

  add(i: number): void {
    if (i >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(i + 1, this.bits.length * 2));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    if (this.bits[i] === 0) {
      this.bits[i] = 1;
      this.size++;
    }
  }

  delete(i: number): void {
    if (i < this.bits.length && this.bits[i] === 1) {
      this.bits[i] = 0;
      this.size--;
    }
  }
}
