/**
 * The multi-profile cases of Spark's `ExecutorAllocationManagerSuite` (apache/spark master),
 * each named as in Spark: a target and an increment per resource profile, every profile held
 * to the same min / max, removals floored per profile. The builders' amounts are Spark's
 * (`ExecutorResourceRequests().cores(4).resource("gpu", 4)`, `TaskResourceRequests().cpus(1).resource("gpu", 1)`).
 */
import { describe, expect, it } from "vitest";
import { createConf, createManager, type UpdatesNeeded } from "../../helpers/allocationHarness.js";
import { ManualClock } from "../../helpers/ManualClock.js";
import { createStageInfo, stageSubmitted } from "../../helpers/sparkListenerEvents.js";

const range = (from: number, toInclusive: number): string[] => Array.from({ length: toInclusive - from + 1 }, (_, i) => String(from + i));

describe("ExecutorAllocationManagerSuite (multiple resource profiles)", () => {
  it("add executors multiple profiles", () => {
    const h = createManager(createConf(1, 10, 1));
    h.post(stageSubmitted(createStageInfo(0, 1000)));
    const rprof1 = h.addResourceProfile({ executorCores: 4, executorGpus: 4, taskCpus: 1, taskGpus: 1 });
    h.post(stageSubmitted(createStageInfo(1, 1000, { rp: rprof1 })));
    const updatesNeeded: UpdatesNeeded = new Map();
    const m = h.manager;
    const addDefault = (): number => h.addExecutorsToTargetForDefaultProfile(updatesNeeded);
    const addRp1 = (): number => h.addExecutorsToTarget(updatesNeeded, rprof1);
    const upd = (): number => h.doUpdateRequest(updatesNeeded, h.clock.getTimeMillis());

    // Keep adding until the limit is reached
    expect([m.target, m.toAdd]).toEqual([1, 1]);
    expect(addDefault()).toBe(1);
    expect([h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([1, 1]);
    expect(addRp1()).toBe(1);
    upd();
    expect([m.target, m.toAdd]).toEqual([2, 2]);
    expect(addDefault()).toBe(2);
    expect([h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([2, 2]);
    expect(addRp1()).toBe(2);
    upd();
    expect([m.target, m.toAdd]).toEqual([4, 4]);
    expect(addDefault()).toBe(4);
    expect([h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([4, 4]);
    expect(addRp1()).toBe(4);
    upd();
    expect([m.target, m.toAdd]).toEqual([8, 8]);
    // reached the limit of 10
    expect(addDefault()).toBe(2);
    expect([h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([8, 8]);
    expect(addRp1()).toBe(2);
    upd();
    expect([m.target, m.toAdd]).toEqual([10, 1]);
    expect(addDefault()).toBe(0);
    expect([h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([1, 10]);
    expect(addRp1()).toBe(0);
    upd();
    expect([m.target, m.toAdd, h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([10, 1, 1, 10]);

    // Register previously requested executors
    h.onExecutorAddedDefaultProfile("first");
    h.onExecutorAdded("firstrp1", rprof1);
    expect([m.target, h.numExecutorsTarget(rprof1.id)]).toEqual([10, 10]);
    for (const id of ["second", "third", "fourth"]) h.onExecutorAddedDefaultProfile(id);
    for (const id of ["secondrp1", "thirdrp1", "fourthrp1"]) h.onExecutorAdded(id, rprof1);
    expect([m.target, h.numExecutorsTarget(rprof1.id)]).toEqual([10, 10]);
    h.onExecutorAddedDefaultProfile("first"); // duplicates should not count
    h.onExecutorAddedDefaultProfile("second");
    h.onExecutorAdded("firstrp1", rprof1);
    h.onExecutorAdded("secondrp1", rprof1);
    expect([m.target, h.numExecutorsTarget(rprof1.id)]).toEqual([10, 10]);
    expect([h.monitor.profiles.executorCount(0), h.monitor.profiles.executorCount(rprof1.id)]).toEqual([4, 4]);

    // Try adding again: this should still fail because the number pending + running is still at the limit
    for (let i = 0; i < 2; i++) {
      expect(addDefault()).toBe(0);
      expect(addRp1()).toBe(0);
      upd();
      expect([m.target, m.toAdd, h.numExecutorsToAdd(rprof1), h.numExecutorsTarget(rprof1.id)]).toEqual([10, 1, 1, 10]);
    }
  });

  it("add executors multiple profiles initial num same as needed", () => {
    // The initial number of executors equals the number needed for the first stage of a
    // non-default profile: initial 2, 2 tasks per executor of rprof1, a stage of 4 tasks.
    const clock = new ManualClock(8888);
    const h = createManager(createConf(0, 10, 2), clock);
    const rprof1 = h.addResourceProfile({ executorCores: 2, executorGpus: 2, taskCpus: 1, taskGpus: 1 });
    expect(rprof1.maxTasksPerExecutor).toBe(2);
    h.post(stageSubmitted(createStageInfo(1, 4, { rp: rprof1 })));
    // called once on start and a second time on stage submit with initial number
    expect(h.client.requests.length).toBe(2);
    expect(h.numExecutorsTarget(rprof1.id)).toBe(2);
    expect(h.client.requests[1]).toEqual(new Map([[0, 2], [rprof1.id, 2]]));
  });

  it("remove executors multiple profiles", () => {
    const h = createManager(createConf(5, 10, 5));
    const rprof1 = h.addResourceProfile({ executorCores: 4, executorGpus: 4, taskCpus: 1, taskGpus: 1 });
    const rprof2 = h.addResourceProfile({ executorCores: 1, taskCpus: 1 });
    h.post(stageSubmitted(createStageInfo(1, 10, { rp: rprof1 })));
    h.post(stageSubmitted(createStageInfo(2, 10, { rp: rprof2 })));
    for (const id of range(1, 10)) h.onExecutorAdded(id, rprof1);
    for (const id of range(11, 20)) h.onExecutorAdded(id, rprof2);
    for (const id of range(21, 30)) h.onExecutorAddedDefaultProfile(id);
    const pending = (): string[] => h.executorsPendingToRemove();

    // Keep removing until the limit is reached
    expect(pending()).toEqual([]);
    expect(h.removeExecutor("1")).toBe(true);
    expect(pending()).toEqual(["1"]);
    expect(h.removeExecutor("11")).toBe(true);
    expect(h.removeExecutor("2")).toBe(true);
    expect(pending()).toEqual(["1", "11", "2"]);
    expect(h.removeExecutor("21")).toBe(true);
    expect(h.removeExecutor("3")).toBe(true);
    expect(h.removeExecutor("4")).toBe(true);
    expect(pending()).toEqual(["1", "11", "2", "21", "3", "4"]);
    expect(h.removeExecutor("5")).toBe(true);
    expect(h.removeExecutor("6")).toBe(false); // reached the limit of 5
    expect(pending()).toEqual(["1", "11", "2", "21", "3", "4", "5"]);

    // Kill executors previously requested to remove
    h.onExecutorRemoved("1");
    expect(pending()).toEqual(["11", "2", "21", "3", "4", "5"]);
    h.onExecutorRemoved("2");
    h.onExecutorRemoved("3");
    expect(pending()).toEqual(["11", "21", "4", "5"]);
    h.onExecutorRemoved("2"); // duplicates should not count
    h.onExecutorRemoved("3");
    expect(pending().length).toBe(4);
    h.onExecutorRemoved("4");
    h.onExecutorRemoved("5");
    expect(pending()).toEqual(["11", "21"]);

    // Try removing again: this should still fail because the number pending + running is still at the limit
    expect(h.removeExecutor("7")).toBe(false);
    expect(h.removeExecutor("8")).toBe(false);
    expect(pending()).toEqual(["11", "21"]);

    // make sure rprof2 has the same min limit of 5
    for (const id of ["12", "13", "14", "15"]) expect(h.removeExecutor(id)).toBe(true);
    expect(h.removeExecutor("16")).toBe(false); // reached the limit of 5
    expect(pending().length).toBe(6);
    expect(pending()).not.toContain("16");
    for (const id of ["11", "12", "13", "14", "15"]) h.onExecutorRemoved(id);
    expect(pending()).toEqual(["21"]);
  });
});
