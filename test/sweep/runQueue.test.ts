import { beforeAll, describe, expect, it } from "vitest";
import type { SparkConf } from "../../sim/index.js";
import { runTasks, SweepRunError, validateGrid, expandGrid, parseGrid, type RunTask } from "../../src/sweep/index.js";
import { RunQueue } from "../../src/sweep/RunQueue.js";
import { SeedCache } from "../../src/sweep/SeedCache.js";
import { ensureCompiledBuild } from "./compiledBuild.js";
import { randomWorkload } from "./sweepScenario.js";

beforeAll(() => ensureCompiledBuild(), 240_000);

const drain = (q: RunQueue): number[] => {
  const out: number[] = [];
  for (let i = q.claim(); i !== undefined; i = q.claim()) out.push(i);
  return out;
};

describe("RunQueue", () => {
  it("hands out every run once, seed by seed, in run order within a seed", () => {
    expect(drain(RunQueue.bySeed([8, 7, 8, 7, 9, 7]))).toEqual([1, 3, 5, 0, 2, 4]);
    expect(drain(RunQueue.bySeed([]))).toEqual([]);
  });

  it("is one queue for every thread that attaches to it: no run is claimed twice", () => {
    const main = RunQueue.bySeed([1, 1, 1, 2, 2]);
    const other = RunQueue.attach(main.data);
    const claims = [main.claim(), other.claim(), other.claim(), main.claim(), other.claim(), main.claim(), other.claim()];
    expect(claims).toEqual([0, 1, 2, 3, 4, undefined, undefined]);
  });

  it("hands out nothing once stopped, in any thread", () => {
    const main = RunQueue.bySeed([1, 2, 3]);
    const other = RunQueue.attach(main.data);
    expect(other.claim()).toBe(0);
    main.stop();
    expect(other.claim()).toBeUndefined();
    expect(main.claim()).toBeUndefined();
  });
});

describe("SeedCache", () => {
  const scenario = randomWorkload();

  it("gives every run of a seed the same scenario object, with that seed, and the same durations", () => {
    const c = new SeedCache(scenario);
    const a = c.for(7);
    a.durations.set("7/0", Float64Array.of(1, 2));
    const b = c.for(7);
    expect(b.scenario).toBe(a.scenario);
    expect(b.scenario.seed).toBe(7);
    expect(b.scenario.workload).toBe(scenario.workload);
    expect(b.durations.get("7/0")).toEqual(Float64Array.of(1, 2));
  });

  it("keeps the current seed only", () => {
    const c = new SeedCache(scenario);
    c.for(7).durations.set("7/0", Float64Array.of(1, 2));
    const next = c.for(8);
    expect(next.scenario.seed).toBe(8);
    expect(next.durations.size).toBe(0);
    expect(c.for(7).durations.size).toBe(0);
  });
});

describe("runTasks", () => {
  const scenario = randomWorkload();
  const valid = validateGrid(scenario, expandGrid(parseGrid(["spark.dynamicAllocation.maxExecutors=4..16:4"])), {}).valid;
  const tasks: RunTask[] = valid.flatMap((pt) => [11, 12].map((seed) => ({ gridIndex: pt.gridIndex, values: pt.values, seed, conf: pt.conf })));

  it("gives each task's metrics in task order, the same on 1, 2 and 3 threads, whatever order the runs were claimed in", async () => {
    const one = await runTasks(scenario, tasks, 1);
    expect(one).toHaveLength(tasks.length);
    // Seeds differ, so the order of the results is checked, not only their set.
    expect(one[0]).not.toEqual(one[1]);
    expect(await runTasks(scenario, tasks, 2)).toEqual(one);
    expect(await runTasks(scenario, tasks, 3)).toEqual(one);
  });

  it.each([1, 2])("stops at a run that fails on %i thread(s) and names its grid point and seed", async (workers) => {
    // A conf no engine can read: the run throws inside the simulation, in whichever thread claimed it.
    const broken = tasks.map((t, i) => (i === 5 ? { ...t, conf: {} as SparkConf } : t));
    const e = await runTasks(scenario, broken, workers).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SweepRunError);
    expect(e).toMatchObject({ gridIndex: broken[5]!.gridIndex, seed: broken[5]!.seed });
  });
});
