import { describe, expect, it } from "vitest";
import { unknownKeyMessage } from "../../src/scenario/didYouMean.js";

// The ranker itself (suggest, editDistance) is tested in test/sim/text/didYouMean.test.ts.
describe("unknownKeyMessage", () => {
  it("names the key, the guess and the allowed keys", () => {
    expect(unknownKeyMessage("nmae", ["name", "seed"])).toBe('unknown key "nmae"; did you mean "name"? (allowed keys: name, seed)');
  });
});
