/** HeldShuffles (none, one id, or an array of ids from the second on) behaves as a plain Set of shuffle ids. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heldCount, heldSet, holds, NO_SHUFFLE, withoutShuffle, withShuffle, type HeldShuffles } from "../../../sim/spark/HeldShuffles.js";

describe("HeldShuffles", () => {
  it("adds, removes, counts and lists as a Set does (insertion order kept)", () => {
    const op = fc.record({ add: fc.boolean(), id: fc.nat(4) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let h: HeldShuffles = NO_SHUFFLE;
        const ref = new Set<number>();
        for (const o of ops) {
          if (o.add) {
            h = withShuffle(h, o.id);
            ref.add(o.id);
          } else {
            h = withoutShuffle(h, o.id);
            ref.delete(o.id);
          }
          expect(heldCount(h)).toBe(ref.size);
          expect([...heldSet(h)]).toEqual([...ref]);
          for (let id = 0; id < 5; id++) expect(holds(h, id)).toBe(ref.has(id));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("holds one shuffle without an array", () => {
    expect(withShuffle(withShuffle(NO_SHUFFLE, 3), 3)).toBe(3);
    expect(withShuffle(3, 4)).toEqual([3, 4]);
    expect(holds(NO_SHUFFLE, NO_SHUFFLE)).toBe(false);
  });
});
