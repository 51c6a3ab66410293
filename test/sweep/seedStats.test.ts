import { describe, expect, it } from "vitest";
import { median, percentile, seedStats } from "../../src/sweep/index.js";

describe("seed statistics", () => {
  it("median: the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("p90 is nearest-rank: a value one of the runs had", () => {
    const ten = [10, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(percentile(ten, 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(percentile([5, 1], 0.9)).toBe(5);
    expect(seedStats([42])).toEqual({ median: 42, p90: 42 });
  });
});
