import { beforeAll, describe, expect, it } from "vitest";
import { formatSweep, parseGrid, sweep, sweepCsv } from "../../src/sweep/index.js";
import { ensureCompiledBuild } from "./compiledBuild.js";
import { randomWorkload } from "./sweepScenario.js";

// Workers load dist/; make sure it is the build of these sources (CI's npm ci built it already).
beforeAll(() => ensureCompiledBuild(), 240_000);

const GRID = parseGrid(["spark.dynamicAllocation.maxExecutors=4..16:4", "spark.dynamicAllocation.minExecutors=0,2", "spark.dynamicAllocation.executorIdleTimeout=10s,60s"]);

describe("worker threads", () => {
  it("give results identical to one thread: rows, CSV and report (--workers 1 vs 2)", async () => {
    const one = await sweep(randomWorkload(), GRID, { workers: 1, seeds: 3 });
    let calls = 0;
    const two = await sweep(randomWorkload(), GRID, { workers: 2, seeds: 3, onProgress: () => calls++ });
    expect(two.rows).toEqual(one.rows);
    expect(sweepCsv(two, two.analysis)).toBe(sweepCsv(one, one.analysis));
    expect(formatSweep(two, two.analysis)).toBe(formatSweep(one, one.analysis));
    // Once at the start, then once per run.
    expect(calls).toBe(1 + 16 * 3);
  });

  it("cope with more workers than runs", async () => {
    const one = await sweep(randomWorkload(), parseGrid(["spark.dynamicAllocation.maxExecutors=4,8"]), { workers: 1 });
    const many = await sweep(randomWorkload(), parseGrid(["spark.dynamicAllocation.maxExecutors=4,8"]), { workers: 5 });
    expect(many.rows).toEqual(one.rows);
  });
});
