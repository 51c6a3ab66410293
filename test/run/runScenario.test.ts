import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run/runScenario.js";
import { job, scenario, stage } from "../helpers/builders.js";

describe("runScenario: warnings collected once, in the result", () => {
  it("carries the caller's warnings first, then the conf's, in the result the summary came from", () => {
    const s = scenario({ jobs: [job([stage(0, 2, 1000)])], conf: { "spark.shuffle.service.enabled": "true", "spark.shuffle.service.fetch.rdd.enabled": "true" } });
    const out = runScenario(s, {}, { warnings: ["scenario.yaml: loaded with a note"] });
    expect(out.result.warnings).toEqual([
      "scenario.yaml: loaded with a note",
      "spark.shuffle.service.fetch.rdd.enabled=true: cached blocks are modelled as memory-only (RDD.cache()), so this key changes nothing here",
    ]);
    expect(out.warnings).toBe(out.result.warnings);
  });

  it("a run without earlier warnings has the conf's only", () => {
    const s = scenario({ jobs: [job([stage(0, 2, 1000)])] });
    expect(runScenario(s).result.warnings).toEqual([]);
  });
});
