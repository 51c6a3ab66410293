import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paretoFront, type FrontCandidate } from "../../src/sweep/index.js";

const p = (id: number, runTimeMs: number, costUsd: number): FrontCandidate => ({ id, runTimeMs, costUsd });

function dominates(q: FrontCandidate, x: FrontCandidate): boolean {
  return q.runTimeMs <= x.runTimeMs && q.costUsd <= x.costUsd && (q.runTimeMs < x.runTimeMs || q.costUsd < x.costUsd);
}

describe("paretoFront", () => {
  it("keeps the points nothing beats on both run time and cost, fastest first", () => {
    const points = [
      p(0, 100, 10), // fastest, dearest: on the front
      p(1, 120, 6), // on the front
      p(2, 130, 7), // beaten by 1 (faster and cheaper)
      p(3, 150, 5), // on the front
      p(4, 150, 6), // beaten by 3 (as fast, cheaper)
      p(5, 200, 5), // beaten by 3 (as cheap, faster)
      p(6, 300, 2), // slowest, cheapest: on the front
      p(7, 100, 11), // beaten by 0 (as fast, cheaper)
    ];
    expect(paretoFront(points)).toEqual([0, 1, 3, 6]);
  });

  it("keeps equal points together (neither beats the other)", () => {
    expect(paretoFront([p(3, 10, 1), p(1, 10, 1), p(2, 20, 0.5)])).toEqual([1, 3, 2]);
  });

  it("is empty for no points and the point itself for one", () => {
    expect(paretoFront([])).toEqual([]);
    expect(paretoFront([p(9, 1, 1)])).toEqual([9]);
  });

  it("matches the definition: front points undominated, every other point dominated (property)", () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 })), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (pairs) => {
        const points = pairs.map(([t, c], id) => p(id, t, c));
        const front = new Set(paretoFront(points));
        for (const x of points) {
          const beaten = points.some((q) => dominates(q, x));
          expect(front.has(x.id)).toBe(!beaten);
        }
      }),
    );
  });
});
