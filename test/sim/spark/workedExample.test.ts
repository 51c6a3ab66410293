import { describe, expect, it } from "vitest";
import { createConf, job, run, scenario, stage, targetChanges } from "../../helpers/builders.js";

describe("issue #2 worked example: the doubling ramp", () => {
  it("min 0, max 20, initial 0, 1 core, backlog 1s, sustained 2s, 1000 long tasks at t=0 -> 1, 3, 7, 15, 20", () => {
    const conf = {
      "spark.dynamicAllocation.minExecutors": "0",
      "spark.dynamicAllocation.maxExecutors": "20",
      "spark.dynamicAllocation.initialExecutors": "0",
      "spark.executor.cores": "1",
      "spark.dynamicAllocation.schedulerBacklogTimeout": "1s",
      "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout": "2s",
    };
    // Executors slow to start: none registers during the ramp.
    const s = scenario({ conf, startupMs: 60_000, jobs: [job([stage(0, 1000, 3_600_000)])] });
    const result = run(s, createConf(conf));
    const ramp = targetChanges(result).filter(([t]) => t > 0 && t <= 10_000);
    expect(ramp).toEqual([
      [1000, 1],
      [3000, 3],
      [5000, 7],
      [7000, 15],
      [9000, 20],
    ]);
  });
});
