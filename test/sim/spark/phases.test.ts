import { describe, expect, it } from "vitest";
import { columnAt, draConf, eventsOf, job, removals, run, scenario, stage } from "../../helpers/builders.js";
import { Phase } from "../../../sim/spark/phases.js";


describe("same-millisecond order (sim/spark/phases.ts)", () => {
  it("has the documented order: task end, executor loss, registration, removal, driver, speculation check, allocation tick, cluster-manager round", () => {
    expect(Phase.TaskEnd).toBeLessThan(Phase.ExecutorLost);
    expect(Phase.ExecutorLost).toBeLessThan(Phase.ExecutorRegistered);
    expect(Phase.ExecutorRegistered).toBeLessThan(Phase.ExecutorRemoved);
    expect(Phase.ExecutorRemoved).toBeLessThan(Phase.Driver);
    expect(Phase.Driver).toBeLessThan(Phase.SpeculationCheck);
    expect(Phase.SpeculationCheck).toBeLessThan(Phase.AllocationTick);
    expect(Phase.AllocationTick).toBeLessThan(Phase.ClusterManagerRound);
  });

  it("ExecutorLost before ExecutorRegistered: a replacement registering at t takes the task failed at t", () => {
    const s = scenario({
      conf: { "spark.executor.instances": "1", "spark.executor.cores": "1" },
      startupMs: [1000, 0],
      jobs: [job([stage(0, 1, 10_000)])],
      executorLosses: [{ atMs: 4000, executorId: "1", cause: "interruption" }],
    });
    const r = run(s, undefined, { recordTasks: true });
    // Executor 2 is requested at the loss and registers at once (start-up 0): the retry starts at 4000 on it.
    const t = r.tasks!;
    expect([t.executor[1], t.startMs[1]]).toEqual([2, 4000]);
  });

  it("TaskEnd first: a slot freed at t takes the pending task before an executor registering at t", () => {
    // Executor 1 (1 core) runs task 0 from 0 to 1000; task 1 waits. Executor 2 registers at
    // 1000. Task ends come first, so executor 1 takes task 1 and executor 2 stays idle: it is
    // the one removed 60 s later. (Registrations first would idle executor 1 instead.)
    const s = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.scheduler.minRegisteredResourcesRatio": "0.5" }),
      startupMs: [0, 1000],
      jobs: [job([stage(0, 2, [1000, 100000])])],
    });
    const r = run(s);
    expect(removals(r).filter(([, , reason]) => reason !== "application-end")).toEqual([[61000, "2", "idle-timeout"]]);
  });

  it("ExecutorRegistered before Driver: a stage submitted at t spreads over an executor registered at t", () => {
    // Executor 1 registers at 0 and is ready; executor 2 is requested by a second initial slot
    // and registers at 5000, the instant job 0 is submitted (submitAtMs 5000). Offers go
    // round-robin over both, so the two tasks run on two executors.
    const s = scenario({
      conf: draConf({
        "spark.dynamicAllocation.initialExecutors": "2",
        "spark.dynamicAllocation.minExecutors": "2",
        "spark.executor.cores": "4",
        "spark.scheduler.minRegisteredResourcesRatio": "0.5",
      }),
      startupMs: [0, 5000],
      jobs: [job([stage(0, 2, 1000)], { submitAtMs: 5000 })],
    });
    const r = run(s);
    expect(columnAt(r, "busy_executors", 5000)).toBe(2);
  });

  it("Driver before AllocationTick: a job submitted exactly at an idle deadline keeps the executor", () => {
    // Executor 1 is idle from 0 (idle timeout 60 s, deadline 60000). Job 0 is submitted at
    // 60000 and takes it before the tick at 60000 looks for timed-out executors.
    const s = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }),
      jobs: [job([stage(0, 1, 1000)], { submitAtMs: 60000 })],
    });
    const r = run(s);
    expect(removals(r).filter(([, , reason]) => reason !== "application-end")).toEqual([]);
    expect(eventsOf(r, "jobStart")[0]?.timeMs).toBe(60000);
  });

  it("AllocationTick last: the tick at t sees the tasks that ended at t", () => {
    // 8 one-core executors (initial 8) run 8 tasks; 4 end at 1000, 4 at 5000. The tick at 1000
    // already sees maxNeeded = 4 and lowers the target from 8 to 4 at 1000.
    const s = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "8" }),
      jobs: [job([stage(0, 8, [1000, 1000, 1000, 1000, 5000, 5000, 5000, 5000])])],
    });
    const r = run(s);
    const change = eventsOf(r, "targetChanged").find((e) => e.previous === 8);
    expect(change).toMatchObject({ timeMs: 1000, target: 4, cause: "demand-fell" });
  });
});
