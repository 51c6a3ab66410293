import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../sim/result/SimEvent.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import { checkTerminationRules } from "../../src/check/checkTerminationRules.js";
import { createConf, job, scenario, stage } from "../helpers/builders.js";
import { simulate } from "../../sim/spark/SparkApplication.js";
import { COL, Timeline } from "../../sim/result/Timeline.js";

/** A copy of the result whose timeline rows are rewritten by `f` (rows stay in time order). */
const withRows = (r: SimulationResult, f: (row: number[]) => number[]): SimulationResult => {
  const tl = new Timeline();
  for (const row of r.timeline.rowsIter()) tl.push(f(row));
  return { ...r, timeline: tl };
};

/**
 * Each test takes a clean run, plants one violation in its result, and expects the checker
 * to report exactly that rule (with the time and executor).
 */
const base = (): SimulationResult => {
  // Two executors; map stage (2 x 1 s, shuffle 0) then a 200 s reduce; a second job later.
  // Shuffle timeout 10 s: the idle map executor goes at 201 s (job end), the other at 261 s.
  const conf = { "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.shuffleTracking.timeout": "10s" };
  const s = scenario({ conf, jobs: [job([stage(0, 2, 1000, { shuffleId: 0 }), stage(1, 1, 200_000, { parents: [0] })]), job([stage(2, 1, 1000)], { afterPreviousMs: 300_000 })] });
  return simulate(s, createConf(conf), { recordTasks: true });
};

const withEvents = (r: SimulationResult, f: (events: SimEvent[]) => SimEvent[]): SimulationResult => ({ ...r, events: f([...r.events]) });
const firstTimeoutRemoval = (r: SimulationResult) => r.events.find((e): e is Extract<SimEvent, { type: "executorRemoved" }> => e.type === "executorRemoved" && e.reason !== "application-end")!;
const rules = (r: SimulationResult, rerun?: SimulationResult) => [...new Set(checkTerminationRules(r, rerun === undefined ? {} : { rerun }).map((v) => v.rule))];

describe("checkTerminationRules", () => {
  it("finds nothing in a clean run", () => {
    const r = base();
    expect(checkTerminationRules(r, { rerun: base() })).toEqual([]);
    expect(firstTimeoutRemoval(r).timeMs).toBe(201_000);
  });

  it("rule 1: a target above maxExecutors", () => {
    const r = base();
    r.timeline.push([999_999, r.conf.maxExecutors + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rules(r)).toEqual([1]);
  });

  it("rule 2: timeout removals below the floor", () => {
    const clean = base();
    const t = firstTimeoutRemoval(clean).timeMs;
    // The target at the removal instant said more executors were wanted than remained.
    const r = withRows(clean, (row) => (row[COL.time_ms] === t ? row.map((v, c) => (c === COL.target ? 5 : v)) : row));
    expect(rules(r)).toEqual([2]);
  });

  it("rule 3: an executor removed while a task runs on it", () => {
    const r = base();
    const removal = firstTimeoutRemoval(r);
    r.tasks!.start(2, 0, 0, removal.executorId, removal.timeMs - 10, removal.timeMs + 10);
    const v = checkTerminationRules(r).filter((x) => x.rule === 3);
    expect(v).toEqual([{ rule: 3, timeMs: removal.timeMs, executorId: removal.executorId, message: expect.stringContaining("while running a task") }]);
  });

  it("rule 4: an executor removed during the job that uses its shuffle data (its timeout had passed)", () => {
    const r = withEvents(base(), (events) => events.map((e) => (e.type === "executorRemoved" && e.timeMs === 201_000 ? { ...e, timeMs: 100_000 } : e)));
    expect(rules(r)).toEqual([4]);
  });

  it("rule 5: an executor removed before its idle time reached the timeout", () => {
    // Idle since 201 s with a 60 s timeout (max of idle 60 s and shuffle 10 s): not before 261 s.
    const r = withEvents(base(), (events) => events.map((e) => (e.type === "executorRemoved" && e.timeMs === 261_000 ? { ...e, timeMs: 230_000 } : e)));
    const v = checkTerminationRules(r).filter((x) => x.rule === 5);
    expect(v).toEqual([{ rule: 5, timeMs: 230_000, executorId: expect.any(String), message: expect.stringContaining("removed after 29000 ms idle holding shuffle data; the timeout is 60000 ms") }]);
  });

  it("rule 6: an idle executor past its deadline kept with room above the floor", () => {
    // Drop the removal at 261 s and keep the executor in the counts from then on.
    const dropped = withEvents(base(), (events) => events.filter((e) => !(e.type === "executorRemoved" && e.timeMs === 261_000)));
    const r = withRows(dropped, (row) => (row[COL.time_ms]! >= 261_000 && row[COL.time_ms]! < 501_000 ? row.map((v, c) => (c === COL.running_executors || c === COL.idle_executors ? v + 1 : v)) : row));
    const v = checkTerminationRules(r).filter((x) => x.rule === 6);
    expect(v[0]).toMatchObject({ rule: 6, timeMs: 261_000 });
  });

  it("rule 7: a stage that never completes", () => {
    const r = withEvents(base(), (events) => events.filter((e) => !(e.type === "stageCompleted" && e.stageId === 1)));
    expect(rules(r)).toEqual([7]);
  });

  it("rule 8: an executor added twice", () => {
    const r = withEvents(base(), (events) => {
      const added = events.find((e) => e.type === "executorAdded")!;
      return [...events, { ...added, timeMs: 900_000 }];
    });
    expect(rules(r)).toContain(8);
  });

  it("refuses a result without task records instead of skipping rules 3-6", () => {
    const r = { ...base(), tasks: undefined };
    expect(() => checkTerminationRules(r)).toThrow(/recordTasks: true/);
  });

  it("rule 9: two runs of the same scenario that differ", () => {
    const other = withEvents(base(), (events) => events.slice(0, -1));
    expect(rules(base(), other)).toEqual([9]);
  });
});

describe("checkTerminationRules with executor losses", () => {
  // Two static 1-core executors; map stage (2 x 1 s, shuffle 0), then 3 reduce tasks of 10 s.
  // Executor 1 is lost at 5 s with map output 0 on it: it must be recomputed before stage 1 goes on.
  const lossRun = (): SimulationResult => {
    const conf = { "spark.executor.instances": "2", "spark.executor.cores": "1" };
    const s = scenario({
      conf,
      jobs: [job([stage(0, 2, 1000, { shuffleId: 0 }), stage(1, 3, 10_000, { parents: [0] })])],
      executorLosses: [{ atMs: 5000, executorId: "1", cause: "interruption" }],
    });
    return simulate(s, createConf(conf), { recordTasks: true });
  };

  it("finds nothing in a clean run with a loss, a fetch failure and retries", () => {
    expect(checkTerminationRules(lossRun())).toEqual([]);
  });

  it("rule 10: a reduce task started while map output lost with an executor was not yet recomputed", () => {
    const r = lossRun();
    const t = r.tasks!;
    // Pretend the recomputation of map partition 0 never happened: drop its successful re-run.
    const i = Array.from({ length: t.length }, (_, k) => k).find((k) => t.stageId[k] === 0 && t.attempt[k] === 1)!;
    t.failed[i] = 1;
    const v = checkTerminationRules(r).filter((x) => x.rule === 10);
    expect(v.length).toBeGreaterThan(0);
    expect(v[0]!.message).toMatch(/stage 1 partition \d started on executor \d+ while map partition 0 of stage 0 was lost/);
  });

  it("rule 7: a failed job without a task that failed spark.task.maxFailures times", () => {
    const r = lossRun();
    const planted = withEvents(r, (events) => [...events.filter((e) => e.type !== "jobEnd"), { timeMs: 6000, type: "jobFailed", jobId: 0, jobIndex: 0, reason: "planted" }]);
    expect(rules(planted)).toContain(7);
  });
});

describe("checkTerminationRules: delay scheduling (rule 12)", () => {
  /** Executor 1 caches RDD 7; job 1 reads it while a second executor arrives (wait 60 s). */
  const cachedReads = (): SimulationResult => {
    const conf = { "spark.dynamicAllocation.initialExecutors": "1", "spark.dynamicAllocation.maxExecutors": "2", "spark.locality.wait": "60s" };
    const s = scenario({ startupMs: 1000, conf, jobs: [job([stage(0, 4, 100, { cacheRddId: 7 })]), job([stage(1, 4, 20_000, { readsCachedRddId: 7 })])] });
    return simulate(s, createConf(conf), { recordTasks: true });
  };

  it("finds nothing in a clean run where reads wait for the caching executor", () => {
    expect(checkTerminationRules(cachedReads())).toEqual([]);
  });

  it("rule 12: a read launched at ANY on another executor before the wait, while the caching executor was alive", () => {
    const r = cachedReads();
    const t = r.tasks!;
    // Plant: the second read ran on executor 2 at ANY (it ran on executor 1, process-local).
    const i = Array.from({ length: t.length }, (_, k) => k).filter((k) => t.stageId[k] === 1)[1]!;
    t.executor[i] = 2;
    t.locality[i] = 4;
    const v = checkTerminationRules(r).filter((x) => x.rule === 12);
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toMatch(/stage 1\.0 partition \d launched at ANY on executor 2 \d+ ms after submission, before the locality wait \(120000 ms\), while executor 1 caching it was alive/);
  });
});
