/** The per-executor lists of map outputs kept in chunks of one shared typed array. */
import { describe, expect, it } from "vitest";
import { MapOutputsByExecutor } from "../../../sim/spark/MapOutputsByExecutor.js";

const pairsOf = (m: MapOutputsByExecutor, x: number): number[] => {
  const out: number[] = [];
  m.forEach(x, (s, p) => out.push(s, p));
  return out;
};

describe("MapOutputsByExecutor", () => {
  it("keeps each executor's pairs in write order while writes of many executors interleave over many chunks", () => {
    const m = new MapOutputsByExecutor();
    const expected = new Map<number, number[]>();
    // 300 executors (past the initial 64), 100 pairs each (past a chunk's 16), round-robin.
    for (let k = 0; k < 100; k++) {
      for (let x = 0; x < 300; x++) {
        m.add(x, x % 7, k * 300 + x);
        expected.set(x, [...(expected.get(x) ?? []), x % 7, k * 300 + x]);
      }
    }
    for (const [x, pairs] of expected) expect(pairsOf(m, x)).toEqual(pairs);
    expect(m.has(300)).toBe(false);
  });

  it("take visits the pairs once, empties the list and recycles its chunks for other executors", () => {
    const m = new MapOutputsByExecutor();
    for (let i = 0; i < 40; i++) m.add(0, 1, i);
    for (let i = 0; i < 40; i++) m.add(1, 2, i);
    const seen: number[] = [];
    m.take(0, (s, p) => seen.push(s, p));
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => [1, i]).flat());
    expect(m.has(0)).toBe(false);
    expect(pairsOf(m, 0)).toEqual([]);
    // The freed chunks go to the next writer; executor 1's list is untouched by the reuse.
    for (let i = 0; i < 40; i++) m.add(2, 3, i);
    expect(pairsOf(m, 2)).toEqual(Array.from({ length: 40 }, (_, i) => [3, i]).flat());
    expect(pairsOf(m, 1)).toEqual(Array.from({ length: 40 }, (_, i) => [2, i]).flat());
    // An executor written again after a take starts a new list.
    m.add(0, 9, 9);
    expect(pairsOf(m, 0)).toEqual([9, 9]);
  });
});
