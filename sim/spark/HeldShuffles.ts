/**
 * The shuffles an executor's tracker holds data of: none (`NO_SHUFFLE`), the one shuffle id
 * (most executors only ever write one shuffle, or one at a time), or from the second distinct
 * one on a small array of ids in the order first held. A Set per executor, which lives as long
 * as the executor, was the largest part of what tens of thousands of executors left for the
 * garbage collector to copy; an array of a few ids is a fifth of a Set's size.
 */
export type HeldShuffles = number | number[];

/** No shuffle held (shuffle ids are Spark ids, integers >= 0). */
export const NO_SHUFFLE = -1;

export function heldCount(h: HeldShuffles): number {
  return typeof h === "number" ? (h === NO_SHUFFLE ? 0 : 1) : h.length;
}

export function holds(h: HeldShuffles, shuffleId: number): boolean {
  return typeof h === "number" ? h === shuffleId && h !== NO_SHUFFLE : h.includes(shuffleId);
}

/** `h` with `shuffleId` added (the array itself once it is one). */
export function withShuffle(h: HeldShuffles, shuffleId: number): HeldShuffles {
  if (typeof h !== "number") {
    if (!h.includes(shuffleId)) h.push(shuffleId);
    return h;
  }
  return h === NO_SHUFFLE || h === shuffleId ? shuffleId : [h, shuffleId];
}

/** `h` without `shuffleId`. */
export function withoutShuffle(h: HeldShuffles, shuffleId: number): HeldShuffles {
  if (typeof h !== "number") {
    const i = h.indexOf(shuffleId);
    if (i >= 0) h.splice(i, 1);
    return h;
  }
  return h === shuffleId ? NO_SHUFFLE : h;
}

/** What readers see: a Set of the ids held, in the order first held (a copy). */
export function heldSet(h: HeldShuffles): ReadonlySet<number> {
  return typeof h === "number" ? new Set(h === NO_SHUFFLE ? [] : [h]) : new Set(h);
}
