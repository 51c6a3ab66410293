import { describe, expect, it } from "vitest";
import { columnAt, draConf, eventsOf, job, removals, run, scenario, stage, timeoutRemovals } from "../../helpers/builders.js";


/**
 * Two 1-core executors from the start; a 1-task stage caches partition 0 of RDD 7 on one of
 * them (0-1000). The other never runs a task (idle since 0). Job 1 comes much later.
 */
const cacheOne = (extraConf: Record<string, string>, unpersistAtMs?: number, sparkVersion = "3.5") =>
  scenario({
    sparkVersion,
    conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", ...extraConf }),
    jobs: [job([stage(0, 1, 1000, { cacheRddId: 7 })]), job([stage(1, 1, 1000)], { afterPreviousMs: 1_000_000 })],
    unpersist: unpersistAtMs === undefined ? [] : [{ rddId: 7, atMs: unpersistAtMs }],
  });

describe("cached blocks (spec §7.1, §7.4)", () => {
  it("an executor holding cached blocks waits for cachedExecutorIdleTimeout; one without waits for executorIdleTimeout", () => {
    const r = run(cacheOne({ "spark.dynamicAllocation.cachedExecutorIdleTimeout": "120s" }));
    expect(timeoutRemovals(r).map(([t, , reason]) => [t, reason])).toEqual([
      [60_000, "idle-timeout"],
      [121_000, "cached-idle-timeout"],
    ]);
    expect(columnAt(r, "pinned_cache_executors", 60_000)).toBe(1);
    expect(columnAt(r, "pinned_cache_executors", 121_000)).toBe(0);
  });

  it("with the default (infinite) cached timeout the executor stays until the end", () => {
    const r = run(cacheOne({}));
    expect(timeoutRemovals(r).map(([t]) => t)).toEqual([60_000]);
    expect(removals(r).filter(([, , reason]) => reason === "application-end")).toHaveLength(1);
  });

  it("unpersist does not restart the idle clock: a deadline already past removes the executor at once", () => {
    // Idle since 1000 with cached blocks; unpersisted at 500 s: idle deadline 1000 + 60 s passed.
    const r = run(cacheOne({}, 500_000));
    expect(eventsOf(r, "unpersist").map((e) => e.timeMs)).toEqual([500_000]);
    expect(timeoutRemovals(r).map(([t, , reason]) => [t, reason])).toEqual([
      [60_000, "idle-timeout"],
      [500_000, "idle-timeout"],
    ]);
  });

  it("3.4.1+: a cached timeout below the idle timeout is not used (max rule); 3.4.0 uses it (min rule)", () => {
    const newer = run(cacheOne({ "spark.dynamicAllocation.cachedExecutorIdleTimeout": "30s" }));
    expect(timeoutRemovals(newer).map(([t, , reason]) => [t, reason])).toEqual([
      [60_000, "idle-timeout"],
      [61_000, "idle-timeout"],
    ]);
    const older = run(cacheOne({ "spark.dynamicAllocation.cachedExecutorIdleTimeout": "30s" }, undefined, "3.4.0"));
    expect(timeoutRemovals(older).map(([t, , reason]) => [t, reason])).toEqual([
      [31_000, "cached-idle-timeout"],
      [60_000, "idle-timeout"],
    ]);
  });

  it("SPARK-43398: cached and shuffle data together take the longer timeout from 3.4.1, the shorter before", () => {
    // One executor, 1 core: a map stage that also caches; shuffle 240 s, cached 120 s, idle 60 s.
    const mk = (v: string) =>
      scenario({
        sparkVersion: v,
        conf: draConf({
          "spark.dynamicAllocation.initialExecutors": "1",
          "spark.dynamicAllocation.shuffleTracking.timeout": "240s",
          "spark.dynamicAllocation.cachedExecutorIdleTimeout": "120s",
        }),
        jobs: [job([stage(0, 1, 1000, { shuffleId: 0, cacheRddId: 1 })]), job([stage(1, 1, 1000)], { afterPreviousMs: 1_000_000 })],
      });
    expect(timeoutRemovals(run(mk("3.5"))).map(([t, , reason]) => [t, reason])).toEqual([[241_000, "shuffle-idle-timeout"]]);
    expect(timeoutRemovals(run(mk("3.4.0"))).map(([t, , reason]) => [t, reason])).toEqual([[121_000, "cached-idle-timeout"]]);
  });
});
