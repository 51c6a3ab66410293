import { describe, expect, it } from "vitest";
import { SimulationError } from "../../../sim/spark/SimulationError.js";
import { columnAt, draConf, eventsOf, job, removals, run, scenario, stage, targetChanges, timeoutRemovals } from "../../helpers/builders.js";


describe("removal and the floors (spec §8)", () => {
  it("applies min to a running count in timed-out order, which sorts ids as strings (\"10\" < \"2\")", () => {
    // 12 initial executors, min 10: before any job they all time out at 60 s; initializing
    // ends and the target falls to 10; exactly two go, the first two ids as strings: 1, 10.
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "12", "spark.dynamicAllocation.minExecutors": "10" }), jobs: [job([stage(0, 1, 1000)], { submitAtMs: 100_000 })] }));
    expect(timeoutRemovals(r)).toEqual([
      [60_000, "1", "idle-timeout"],
      [60_000, "10", "idle-timeout"],
    ]);
  });

  it("initial executors that never get a task time out; that ends initializing and the target falls in the same tick (spec §13.1)", () => {
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "5", "spark.dynamicAllocation.minExecutors": "1" }), jobs: [job([stage(0, 1, 1000)], { submitAtMs: 200_000 })] }));
    expect(targetChanges(r).slice(0, 2)).toEqual([
      [0, 5],
      [60_000, 1],
    ]);
    expect(timeoutRemovals(r).map(([t, id]) => [t, id])).toEqual([
      [60_000, "1"],
      [60_000, "2"],
      [60_000, "3"],
      [60_000, "4"],
    ]);
  });

  it("keeps idle executors while the target (which counts requested executors) is at least what would remain", () => {
    // A stage of 4 one-core tasks: 2 short (1 s) and 2 of 100 s, on 4 initial executors. The
    // two short-task executors idle from 1000 with 60 s timeout; at 61000 the target is 2
    // (two running tasks) and 4 - 1 >= 2, 3 - 1 >= 2: both go.
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "4" }), jobs: [job([stage(0, 4, [1000, 1000, 100_000, 100_000])])] }));
    expect(timeoutRemovals(r).map(([t]) => t)).toEqual([61_000, 61_000]);
    expect(columnAt(r, "target", 61_000)).toBe(2);
  });
});

describe("target and requests (spec §6)", () => {
  it("lowering the target cancels requests not yet registered, newest first", () => {
    // Two initial executors start at once; every later request takes 100 s to start.
    const r = run(
      scenario({
        conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.scheduler.minRegisteredResourcesRatio": "0.5" }),
        startupMs: [0, 0, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000],
        jobs: [job([stage(0, 8, 5000)])],
      }),
    );
    // Two executors run 2 tasks at a time. Backlog at 0: target 3 at 1000 (id 3), 5 at 2000
    // (ids 4, 5), 8 at 3000 (8 needed; ids 6-8). The 8 tasks finish on the two executors by
    // 20000 (waves at 5, 10, 15, 20 s) and the target falls with the remaining work,
    // cancelling the 6 slow requests newest first.
    expect(targetChanges(r).slice(0, 4)).toEqual([
      [0, 2],
      [1000, 3],
      [2000, 5],
      [3000, 8],
    ]);
    const cancelled = eventsOf(r, "executorRequestCancelled").map((e) => [e.timeMs, e.executorId]);
    expect(cancelled.map(([, id]) => id)).toEqual(["8", "7", "6", "5", "4", "3"]);
    expect(cancelled.every(([t]) => (t as number) <= 20_000)).toBe(true);
    expect(eventsOf(r, "executorAdded")).toHaveLength(2);
  });

  it("executorAllocationRatio 0.5 asks for half the executors: maxNeeded = ceil(tasks * 0.5 / tasksPerExecutor)", () => {
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.executorAllocationRatio": "0.5", "spark.executor.cores": "4" }), startupMs: 60_000, jobs: [job([stage(0, 100, 100_000)])] }));
    expect(columnAt(r, "max_needed", 0)).toBe(13);
    expect(Math.max(...targetChanges(r).map(([, t]) => t))).toBe(13);
  });

  it("never raises the target above maxExecutors", () => {
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.maxExecutors": "6" }), startupMs: 60_000, jobs: [job([stage(0, 100, 100_000)])] }));
    expect(Math.max(...targetChanges(r).map(([, t]) => t))).toBe(6);
  });

  it("Spark 3.0 re-arms the backlog timer even when the add branch changes nothing; 3.1+ lets a later rise be served at once", () => {
    // 4 one-core tasks at 0, executors take 100 s: targets 1, 3, 4 (capped by need); at 4000
    // the add branch gives delta 0. Job 1 (submitAtMs 4500) adds 4 tasks while all still pend.
    const mk = (v: string) =>
      run(
        scenario({
          sparkVersion: v,
          conf: draConf({ "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout": "1s" }),
          startupMs: 100_000,
          jobs: [job([stage(0, 4, 10_000)]), job([stage(1, 4, 10_000)], { submitAtMs: 4500 })],
        }),
      );
    const firstAbove4 = (r: ReturnType<typeof run>) => targetChanges(r).find(([, t]) => t > 4);
    expect(firstAbove4(mk("3.5"))).toEqual([4500, 5]);
    expect(firstAbove4(mk("3.0"))).toEqual([5000, 5]);
  });
});

describe("application start", () => {
  it("the driver program waits until 80% of the initial executors registered (next 100 ms poll)", () => {
    const r = run(
      scenario({
        conf: draConf({ "spark.dynamicAllocation.initialExecutors": "10" }),
        startupMs: [1000, 2000, 3000, 4000, 5000, 6000, 7000, 12_345, 50_000, 50_000],
        jobs: [job([stage(0, 1, 1000)])],
      }),
    );
    expect(eventsOf(r, "driverReady")).toEqual([{ timeMs: 12_400, type: "driverReady", registeredExecutors: 8 }]);
    expect(eventsOf(r, "jobStart")[0]?.timeMs).toBe(12_400);
  });

  it("...or until spark.scheduler.maxRegisteredResourcesWaitingTime (30 s) has passed", () => {
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "4" }), startupMs: 60_000, jobs: [job([stage(0, 1, 1000)])] }));
    expect(eventsOf(r, "driverReady")[0]).toMatchObject({ timeMs: 30_000, registeredExecutors: 0 });
  });

  it("static allocation (dynamic allocation off): spark.executor.instances executors, never removed before the end", () => {
    const r = run(scenario({ conf: { "spark.dynamicAllocation.enabled": "false", "spark.executor.instances": "3" }, jobs: [job([stage(0, 1, 1000)]), job([stage(1, 1, 1000)], { afterPreviousMs: 600_000 })] }));
    expect(timeoutRemovals(r)).toEqual([]);
    expect(removals(r).map(([t, , reason]) => [t, reason])).toEqual([
      [602_000, "application-end"],
      [602_000, "application-end"],
      [602_000, "application-end"],
    ]);
    expect(columnAt(r, "target", 0)).toBe(3);
  });

  it("static allocation with instances unset uses Spark's default of 2 executors", () => {
    const r = run(scenario({ conf: { "spark.dynamicAllocation.enabled": "false" }, jobs: [job([stage(0, 1, 1000)])] }));
    expect(eventsOf(r, "executorAdded")).toHaveLength(2);
  });
});

describe("scenario extensions", () => {
  it("workload.endAfterLastJobMs keeps the application (and its allocation policy) running after the last job", () => {
    const base = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.minExecutors": "1" }), jobs: [job([stage(0, 2, 1000)])] });
    const tail = { ...base, workload: { ...base.workload, endAfterLastJobMs: 120_000 } };
    const r = run(tail);
    // The job ends at 1000; the idle executors time out at 61000 (min 1 keeps one); the app ends at 121000.
    expect(eventsOf(r, "applicationEnd")[0]?.timeMs).toBe(121_000);
    expect(timeoutRemovals(r).map(([t]) => t)).toEqual([61_000]);
    expect(eventsOf(run(base), "applicationEnd")[0]?.timeMs).toBe(1000);
  });

  it("an executor start-up list gives executors in request order their latency, the last value repeating", () => {
    const r = run(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "4" }), startupMs: [0, 5000], jobs: [job([stage(0, 4, 100_000)])] }));
    expect(eventsOf(r, "executorAdded").map((e) => [e.executorId, e.timeMs])).toEqual([
      ["1", 0],
      ["2", 5000],
      ["3", 5000],
      ["4", 5000],
    ]);
  });
});

describe("runs that cannot make progress", () => {
  it("static allocation with spark.executor.instances=0 is reported at once, not after 30 simulated days", () => {
    const s = scenario({ conf: { "spark.dynamicAllocation.enabled": "false", "spark.executor.instances": "0" }, jobs: [job([stage(0, 1, 1000)])] });
    expect(() => run(s)).toThrow(SimulationError);
    expect(() => run(s)).toThrow("dynamic allocation is off and spark.executor.instances is 0");
  });
});
