/** The batch draw of a stage's task durations against the draw of one index at a time. */
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../../sim/core/random.js";
import { drawsRandomly, NO_DRAWS, sampleDuration, sampleDurations } from "../../../sim/scenario/durations.js";
import type { DurationSpec } from "../../../sim/scenario/Scenario.js";

const specs: ReadonlyArray<[string, DurationSpec]> = [
  ["a constant", 1234],
  ["a list (the last value repeats)", [5, 7, 9]],
  ["uniform", { distribution: "uniform", minMs: 100, maxMs: 5_000 }],
  ["exponential", { distribution: "exponential", meanMs: 1_500 }],
  ["lognormal", { distribution: "lognormal", medianMs: 2_000, p95Ms: 8_000 }],
];

describe("sampleDurations", () => {
  for (const [name, spec] of specs) {
    it(`gives, for ${name}, exactly what sampleDuration gives index by index on the same stream`, () => {
      const random = new SeededRandom(42);
      const batch = sampleDurations(spec, 20_000, random.stream("taskDurationMs", 3));
      const one = random.stream("taskDurationMs", 3);
      const single = Float64Array.from({ length: 20_000 }, (_, i) => sampleDuration(spec, i, one));
      // Byte-identical outputs depend on every value being the same double, not a close one.
      expect(Buffer.from(batch.buffer).equals(Buffer.from(single.buffer))).toBe(true);
      expect(new Set(batch).size).toBeGreaterThan(typeof spec === "number" ? 0 : 2);
    });
  }
});

describe("drawsRandomly", () => {
  it("is false exactly for the specs whose draws read no stream (a stage of those gets none)", () => {
    for (const [name, spec] of specs) {
      const random = new SeededRandom(42);
      const draws = drawsRandomly(spec);
      expect(draws, name).toBe(typeof spec === "object" && !Array.isArray(spec));
      if (draws) expect(() => sampleDurations(spec, 10, NO_DRAWS)).toThrow(/drew a random number/);
      else expect(sampleDurations(spec, 10, NO_DRAWS)).toEqual(sampleDurations(spec, 10, random.stream("taskDurationMs", 3)));
    }
  });
});
