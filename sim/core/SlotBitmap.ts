/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/**
 * Which slots of the event queue's wheel hold events: one bit per slot, and a summary with one
 * bit per 32-slot word that is not empty, so the next occupied slot is found with a word or
 * two and `Math.clz32` however far away it is (at most 2 + slots / 1024 words read).
 */
export class SlotBitmap {
  private readonly words: Int32Array;
  private readonly summary: Int32Array;

  /** `slots` a power of two, at least 1024. */
  constructor(slots: number) {
    this.words = new Int32Array(slots >>> 5);
    this.summary = new Int32Array(slots >>> 10);
  }

  set(slot: number): void {
    const w = slot >>> 5;
    const word = this.words[w]!;
    if (word === 0) this.summary[w >>> 5]! |= 1 << (w & 31);
    this.words[w] = word | (1 << (slot & 31));
  }

  clear(slot: number): void {
    const w = slot >>> 5;
    const word = this.words[w]! & ~(1 << (slot & 31));
    this.words[w] = word;
    if (word === 0) this.summary[w >>> 5]! &= ~(1 << (w & 31));
  }

  /** The first occupied slot at or after `slot` (no wrapping), or -1. */
  nextFrom(slot: number): number {
    const words = this.words;
    let w = slot >>> 5;
    const bits = words[w]! & (-1 << (slot & 31));
    if (bits !== 0) return (w << 5) | lowestBit(bits);
    w = this.nextWordFrom(w + 1);
    return w < 0 ? -1 : (w << 5) | lowestBit(words[w]!);
  }

  /** The first non-empty word at or after `w`, or -1. */
  private nextWordFrom(w: number): number {
    const summary = this.summary;
    let g = w >>> 5;
    if (g >= summary.length) return -1;
    let bits = summary[g]! & (-1 << (w & 31));
    while (bits === 0) {
      if (++g >= summary.length) return -1;
      bits = summary[g]!;
    }
    return (g << 5) | lowestBit(bits);
  }
}
