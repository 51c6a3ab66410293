/**
 * The shuffles an executor's tracker holds data of: none (`NO_SHUFFLE`), the one shuffle id
 * (most executors only ever write one shuffle, or one at a time), or a Set from the second
 * distinct one on. A Set per executor, which lives as long as the executor, was the largest
 * part of what tens of thousands of executors left for the garbage collector to copy.
 */
export type HeldShuffles = number | Set<number>;

/** No shuffle held (shuffle ids are Spark ids, integers >= 0). */
export const NO_SHUFFLE = -1;

export function heldCount(h: HeldShuffles): number {
  return typeof h === "number" ? (h === NO_SHUFFLE ? 0 : 1) : h.size;
}

export function holds(h: HeldShuffles, shuffleId: number): boolean {
  return typeof h === "number" ? h === shuffleId && h !== NO_SHUFFLE : h.has(shuffleId);
}

/** `h` with `shuffleId` added (the Set itself once it is one). */
export function withShuffle(h: HeldShuffles, shuffleId: number): HeldShuffles {
  if (typeof h !== "number") return h.add(shuffleId);
  return h === NO_SHUFFLE || h === shuffleId ? shuffleId : new Set([h, shuffleId]);
}

/** `h` without `shuffleId`. */
export function withoutShuffle(h: HeldShuffles, shuffleId: number): HeldShuffles {
  if (typeof h !== "number") {
    h.delete(shuffleId);
    return h;
  }
  return h === shuffleId ? NO_SHUFFLE : h;
}

/** What readers see: a Set (a copy while one or none is held). */
export function heldSet(h: HeldShuffles): ReadonlySet<number> {
  return typeof h === "number" ? new Set(h === NO_SHUFFLE ? [] : [h]) : h;
}
