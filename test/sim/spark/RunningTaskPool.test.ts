/** Reused running-task objects: what a launch takes carries only that launch's values. */
import { describe, expect, it } from "vitest";
import { RunningTaskPool } from "../../../sim/spark/RunningTask.js";
import type { ExecutorSlots, TaskSetManager } from "../../../sim/spark/TaskSchedulerImpl.js";

const slots = (id: string): ExecutorSlots => ({ id, number: Number(id), host: "h", resourceProfileId: 0, slots: 4, freeSlots: 4, removed: false });
const taskSet = {} as TaskSetManager;

describe("RunningTaskPool", () => {
  it("hands out distinct objects while they run, and a released one again with every field of the new launch", () => {
    const pool = new RunningTaskPool();
    const a = pool.take(taskSet, 0, 10, slots("1"), 500, 0, 100, false);
    const b = pool.take(taskSet, 1, 11, slots("2"), 700, 0, 100, false);
    expect(a).not.toBe(b);
    a.failed = true;
    a.recordIndex = 42;
    pool.release(a);
    const c = pool.take(taskSet, 5, 15, slots("3"), 900, 4, 250, true);
    expect(c).toBe(a);
    expect(c).toEqual({ type: "taskEnd", taskSet, index: 5, partition: 15, executorId: "3", slots: slots("3"), durationMs: 900, locality: 4, launchMs: 250, speculative: true, failed: false, recordIndex: -1 });
    expect(b.index).toBe(1);
  });
});
