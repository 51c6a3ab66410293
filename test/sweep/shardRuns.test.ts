import { describe, expect, it } from "vitest";
import { resolveConf } from "../../src/run/runScenario.js";
import { expandGrid } from "../../src/sweep/expandGrid.js";
import { parseGrid } from "../../src/sweep/parseGrid.js";
import { shardRuns } from "../../src/sweep/sweep.js";
import { validateGrid } from "../../src/sweep/validateGrid.js";
import { randomWorkload } from "./sweepScenario.js";

const MAX = "spark.dynamicAllocation.maxExecutors";

describe("shardRuns: what the workers receive", () => {
  it("gives every seed of a point the point's one resolved conf, the one Spark's reading of its settings gives", () => {
    const scenario = randomWorkload();
    const { valid } = validateGrid(scenario, expandGrid(parseGrid([`${MAX}=4,8,12`])), {});
    const runs = shardRuns(valid, { index: 0, count: 1 }, 3, scenario.seed);
    expect(runs.map((r) => [r.pt.gridIndex, r.seedIndex, r.seed])).toEqual([0, 1, 2].flatMap((g) => [0, 1, 2].map((i) => [g, i, scenario.seed + i])));
    for (const r of runs) {
      // The same object for each seed: resolved once per point, not once per run.
      expect(r.pt.conf).toBe(valid[r.pt.gridIndex]!.conf);
      expect(r.pt.conf).toEqual(resolveConf(scenario, r.pt.values).conf);
    }
  });

  it("keeps only the shard's points", () => {
    const scenario = randomWorkload();
    const { valid } = validateGrid(scenario, expandGrid(parseGrid([`${MAX}=4,8,12,16`])), {});
    expect(shardRuns(valid, { index: 1, count: 2 }, 1, 0).map((r) => r.pt.gridIndex)).toEqual([1, 3]);
  });
});
