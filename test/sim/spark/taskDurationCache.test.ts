/**
 * A sweep reuses the task durations drawn for a seed across its configs (SimulateOptions
 * taskDurationCache): runs with the cache give the same results as runs without it, and the
 * cache is what the run reads (a changed entry changes the run).
 */
import { describe, expect, it } from "vitest";
import type { TaskDurationCache } from "../../../sim/scenario/durations.js";
import { summarize } from "../../../sim/result/summarize.js";
import { createConf, draConf, job, run, scenario, stage } from "../../helpers/builders.js";

const workload = scenario({
  seed: 5,
  conf: draConf({ "spark.dynamicAllocation.maxExecutors": "6" }),
  jobs: [job([stage(0, 40, { distribution: "lognormal", medianMs: 2_000, p95Ms: 9_000 }, { shuffleId: 0 }), stage(1, 10, { distribution: "exponential", meanMs: 1_000 }, { parents: [0] })])],
});

describe("task duration cache", () => {
  it("gives the same run as drawing afresh, for every config and seed", () => {
    const cache: TaskDurationCache = new Map();
    for (const seed of [5, 6]) {
      for (const max of ["2", "6"]) {
        const s = { ...workload, seed };
        const conf = createConf({ ...s.conf, "spark.dynamicAllocation.maxExecutors": max });
        const fresh = run(s, conf);
        const cached = run(s, conf, { taskDurationCache: cache });
        expect(cached.events).toEqual(fresh.events);
        expect(summarize(cached)).toEqual(summarize(fresh));
      }
    }
    // One entry per (seed, stage), drawn once.
    expect([...cache.keys()].sort()).toEqual(["5/0", "5/1", "6/0", "6/1"]);
  });

  it("is read, not redrawn: a run takes the durations it finds", () => {
    const cache: TaskDurationCache = new Map([["5/0", new Float64Array(40).fill(60_000)], ["5/1", new Float64Array(10).fill(60_000)]]);
    const r = summarize(run(workload, createConf(workload.conf), { taskDurationCache: cache }));
    expect(r.makespanMs).toBeGreaterThanOrEqual(120_000);
    expect(summarize(run(workload)).makespanMs).toBeLessThan(120_000);
  });
});
