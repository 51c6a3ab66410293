import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenario as scenarioArb } from "../../src/arbitraries/index.js";
import { formatCounterexample } from "../../src/check/counterexample.js";
import { loadScenarioText } from "../../src/scenario/index.js";

describe("counterexamples", () => {
  it("are scenario files dra-sim accepts, equal to the scenario that failed", () => {
    for (const s of fc.sample(scenarioArb(), { numRuns: 50, seed: 5 })) {
      const yaml = formatCounterexample(s, [{ rule: 3, timeMs: 1200, executorId: "4", message: "example" }]);
      expect(yaml.split("\n")[2]).toBe("# rule 3 at 1200 ms (executor 4): example");
      const loaded = loadScenarioText(yaml, "counterexample.yaml", "yaml");
      expect(loaded.scenario).toEqual(s);
    }
  });
});
