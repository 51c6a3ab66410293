import { describe, expect, it } from "vitest";
import { objectArray } from "../../../sim/core/objectArray.js";

describe("objectArray", () => {
  it("gives an empty array of its own at each call, which holds what is pushed in order", () => {
    const a = objectArray<{ n: number }>();
    const b = objectArray<{ n: number }>();
    expect(a).toEqual([]);
    expect(a).not.toBe(b);
    a.push({ n: 1 }, { n: 2 });
    expect(a).toEqual([{ n: 1 }, { n: 2 }]);
    // The other array (and any later one) is untouched: no state is shared between calls.
    expect(b).toEqual([]);
    expect(objectArray()).toEqual([]);
    expect(a.pop()).toEqual({ n: 2 });
    expect(a).toHaveLength(1);
  });
});
