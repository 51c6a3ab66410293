import { describe, expect, it } from "vitest";
import type { Scenario, YarnSpec } from "../../../sim/scenario/Scenario.js";
import { allocationSleepMs, containerArrivalMs } from "../../../sim/spark/ApplicationMasterAllocationThread.js";
import { YarnAllocator } from "../../../sim/spark/YarnAllocator.js";
import { columnAt, draConf, eventsOf, job, run, scenario, stage, timeoutRemovals } from "../../helpers/builders.js";

const yarn = (s: Scenario, y: Partial<YarnSpec> = {}, extra: Partial<Scenario["cluster"]> = {}): Scenario => ({
  ...s,
  cluster: { ...s.cluster, manager: "yarn", yarn: { amStartupMs: 0, containerAllocationMs: 1000, ...y }, ...extra },
});

describe("ApplicationMaster allocation heartbeat (allocationThreadImpl)", () => {
  it("doubles the initial interval up to the heartbeat interval while asks are pending, and starts over when none are", () => {
    const p = { heartbeatIntervalMs: 3000, initialAllocationIntervalMs: 200 };
    const sleeps: number[] = [];
    let next = 200;
    for (let i = 0; i < 6; i++) {
      const [sleep, n] = allocationSleepMs({ ...p, pendingAsks: 2, nextAllocationIntervalMs: next });
      sleeps.push(sleep);
      next = n;
    }
    expect(sleeps).toEqual([200, 400, 800, 1600, 3000, 3000]);
    expect(allocationSleepMs({ ...p, pendingAsks: 0, nextAllocationIntervalMs: next })).toEqual([3000, 200]);
  });

  it("an ask comes back on the first heartbeat after the RM allocated it: 200 + 400 + 800 ms for a 1 s allocation", () => {
    expect(containerArrivalMs({ heartbeatIntervalMs: 3000, initialAllocationIntervalMs: 200, containerAllocationMs: 1000 })).toBe(1400);
    expect(containerArrivalMs({ heartbeatIntervalMs: 3000, initialAllocationIntervalMs: 200, containerAllocationMs: 0 })).toBe(200);
  });
});

describe("YarnAllocator's counts", () => {
  it("starting: launched containers whose executor has neither registered nor been killed, through every way out", () => {
    const clock = { now: 0 };
    const heartbeats: number[] = [];
    const cancelled: string[] = [];
    const settings = { heartbeatIntervalMs: 3000, initialAllocationIntervalMs: 200, amStartupMs: 0, containerAllocationMs: 0, maxContainers: Infinity };
    const hooks = { scheduleHeartbeat: (t: number) => heartbeats.push(t), scheduleRegistration: () => {}, onRequested: () => {}, onCancelled: (id: string) => cancelled.push(id), kill: () => true };
    const am = new YarnAllocator(settings, 10_000, { next: () => 0.5 }, clock, hooks);
    const nextHeartbeat = (): void => {
      clock.now = heartbeats.at(-1)!;
      am.heartbeat();
    };
    am.start();
    nextHeartbeat();
    am.requestTotalExecutors(6);
    // The heartbeat after the request sends the asks; the next one brings their containers.
    nextHeartbeat();
    expect([am.starting, am.pendingCount]).toEqual([0, 6]);
    nextHeartbeat();
    expect([am.starting, am.pendingCount, am.registeredCount]).toEqual([6, 6, 0]);
    expect(am.register("1") && am.register("2")).toBe(true);
    expect(am.register("1")).toBe(false);
    am.executorGone("2"); // a registered executor killed: not starting before either
    am.executorGone("3"); // killed while it started
    am.executorLost("4"); // its container failed before it registered
    am.executorGone("3"); // again: nothing changes
    am.containerStopped("3");
    expect([am.starting, am.registeredCount]).toEqual([2, 1]);
    am.cancelAll();
    expect(cancelled).toEqual(["5", "6"]);
    expect([am.starting, am.pendingCount]).toEqual([0, 0]);
  });
});

describe("YarnAllocator (cluster.manager: yarn)", () => {
  // One slow task stream on 1-core executors: the ramp asks for more while four 3 s tasks run
  // one after the other, then demand falls before the new executors (10 s to start) register.
  // The driver works on for 2 minutes after the job, so late executors live out their idle timeout.
  const base = scenario({
    conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.dynamicAllocation.maxExecutors": "10" }),
    startupMs: 10_000,
    jobs: [job([stage(0, 4, 3000)])],
  });
  const ramp: Scenario = { ...base, workload: { ...base.workload, endAfterLastJobMs: 120_000 } };

  it("launches every container it was allocated: executors register after the target fell, then idle out", () => {
    const r = run(yarn(ramp));
    const fell = eventsOf(r, "targetChanged").filter((e) => e.cause === "demand-fell").map((e) => e.timeMs);
    expect(fell.length).toBeGreaterThan(0);
    const lastFallMs = Math.max(...fell);
    const added = eventsOf(r, "executorAdded");
    // Nothing launched is ever cancelled: every requested (launched) executor registers.
    expect(eventsOf(r, "executorRequestCancelled")).toEqual([]);
    expect(added.length).toBe(eventsOf(r, "executorRequested").length);
    const late = added.filter((e) => e.timeMs > lastFallMs);
    expect(late.length).toBeGreaterThan(0);
    // Each late one ran nothing and went after executorIdleTimeout (60 s).
    const removedAt = new Map(timeoutRemovals(r).map(([t, id]) => [id, t]));
    for (const e of late) expect(removedAt.get(e.executorId)).toBe(e.timeMs + 60_000);
  });

  it("the generic manager cancels the same requests before they register (the old behaviour)", () => {
    const r = run(ramp);
    const lastFallMs = Math.max(...eventsOf(r, "targetChanged").filter((e) => e.cause === "demand-fell").map((e) => e.timeMs));
    expect(eventsOf(r, "executorRequestCancelled").length).toBeGreaterThan(0);
    expect(eventsOf(r, "executorAdded").filter((e) => e.timeMs > lastFallMs)).toEqual([]);
  });

  it("asks not yet allocated are cancelled when the target falls (only asks)", () => {
    // The RM takes 60 s to allocate: by then demand is gone, every ask was cancelled, nothing launched but the first.
    const r = run(yarn(ramp, { containerAllocationMs: 60_000 }));
    expect(eventsOf(r, "executorRequested").map((e) => e.executorId)).toEqual(["1"]);
  });

  it("the first executors wait for the ApplicationMaster: none is launched before amStartupMs plus the allocation", () => {
    const s = yarn(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2" }), startupMs: 5000, jobs: [job([stage(0, 2, 1000)])] }), {
      amStartupMs: 20_000,
    });
    const r = run(s);
    // AM up at 20 s asks for 2; heartbeats at +200, +600, +1400 ms: allocated at 21.4 s, registered 5 s later.
    expect(eventsOf(r, "executorRequested").map((e) => e.timeMs)).toEqual([21_400, 21_400]);
    expect(eventsOf(r, "executorAdded").map((e) => e.timeMs)).toEqual([26_400, 26_400]);
    expect(eventsOf(r, "driverReady")[0]!.timeMs).toBe(26_400);
  });

  it("wakes the allocation thread when the target changes: the ask goes out at the tick, not on the next 3 s heartbeat", () => {
    // Executor 1 runs 2 tasks of 20 s one after the other; the backlog raises the target at 1 s after the job.
    const s = yarn(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }), startupMs: 0, jobs: [job([stage(0, 2, 20_000)])] }), {
      containerAllocationMs: 0,
    });
    const r = run(s);
    const raise = eventsOf(r, "targetChanged").find((e) => e.target === 2)!;
    // Allocation 0 ms: the container comes back on the first heartbeat after the woken one (200 ms).
    expect(eventsOf(r, "executorRequested")[1]!.timeMs).toBe(raise.timeMs + 200);
  });

  it("asks beyond maxContainers wait for capacity (waiting_for_capacity); a killed container holds it until it is gone", () => {
    // Executor 2 idles out at 61.4 s (minExecutors 1 keeps executor 1) and its container stops
    // 30 s later. Job 1 at 70 s needs a second executor: its ask waits for that capacity.
    const s = yarn(
      scenario({
        conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.minExecutors": "1" }),
        startupMs: 0,
        jobs: [job([stage(0, 1, 1000)]), job([stage(1, 2, 30_000)], { submitAtMs: 70_000 })],
      }),
      {},
      { maxContainers: 2, executorRemovalMs: 30_000 },
    );
    const r = run(s);
    // ExecutorRemoved comes when the container is gone, 30 s after the kill.
    expect(eventsOf(r, "executorRemoved")[0]).toMatchObject({ timeMs: 91_400, executorId: "2", killedAtMs: 61_400 });
    const third = eventsOf(r, "executorRequested")[2]!;
    expect(third.timeMs).toBeGreaterThan(91_400);
    expect(columnAt(r, "waiting_for_capacity", 80_000)).toBe(1);
    expect(columnAt(r, "stopping_executors", 80_000)).toBe(1);
    expect(columnAt(r, "waiting_for_capacity", third.timeMs)).toBe(0);
  });
});
