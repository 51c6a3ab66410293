/** A point to compare: lower is better on both axes. */
export interface FrontCandidate {
  readonly id: number;
  readonly runTimeMs: number;
  readonly costUsd: number;
}

/**
 * The Pareto front of run time against cost: the points no other point beats on one axis
 * without losing on the other (q dominates p when q is no slower and no dearer, and better on
 * at least one). Equal points are all kept. Returns ids, fastest first (ties by id).
 * O(n log n): after sorting by run time, a point is on the front when it is the cheapest of its
 * run time and cheaper than everything strictly faster.
 */
export function paretoFront(points: readonly FrontCandidate[]): number[] {
  const sorted = [...points].sort((a, b) => a.runTimeMs - b.runTimeMs || a.costUsd - b.costUsd || a.id - b.id);
  const front: number[] = [];
  let cheapestFaster = Infinity;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.runTimeMs === sorted[i]!.runTimeMs) j++;
    const groupMin = sorted[i]!.costUsd;
    if (groupMin < cheapestFaster) {
      for (let k = i; k < j && sorted[k]!.costUsd === groupMin; k++) front.push(sorted[k]!.id);
      cheapestFaster = groupMin;
    }
    i = j;
  }
  return front;
}
