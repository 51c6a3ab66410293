/** `givenV8Flags`: how bin/v8Flags.js and `youngGenerationCap` read the flags node was given. */
import { describe, expect, it } from "vitest";
import { givenFlagNames, v8FlagName } from "../../src/cli/givenV8Flags.js";

describe("givenV8Flags", () => {
  it("names a flag as V8 reads it: one or two dashes, no-, a value and underscores aside", () => {
    for (const flag of ["--max-semi-space-size=64", "-max-semi-space-size=64", "--max_semi_space_size", "-max_semi_space_size=1"]) expect(v8FlagName(flag)).toBe("max-semi-space-size");
    for (const flag of ["--no-sparkplug", "-no-sparkplug", "--no_sparkplug", "-sparkplug"]) expect(v8FlagName(flag)).toBe("sparkplug");
  });

  it("takes the words beginning with a dash, not values or scripts", () => {
    expect([...givenFlagNames(["-max-semi-space-size=64", "--import", "x.mjs", "", "--jitless"])]).toEqual(["max-semi-space-size", "import", "jitless"]);
  });
});
