/** The running attempts' rows: what a launch takes reads back as that launch's values, whatever rows and task-set serials were reused. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RunningTasks, type RunningTask } from "../../../sim/spark/RunningTask.js";
import type { ExecutorSlots, TaskSetManager } from "../../../sim/spark/TaskSchedulerImpl.js";
import type { TaskLocality } from "../../../sim/result/TaskLocality.js";

const slotsOf = (n: number): ExecutorSlots => ({ id: String(n + 1), number: n, host: "h", resourceProfileId: 0, slots: 4, freeSlots: 4, removed: false });

/** The simple version: an object per running attempt. */
interface Launch {
  taskSet: TaskSetManager;
  index: number;
  partition: number;
  slots: ExecutorSlots;
  durationMs: number;
  locality: TaskLocality;
  launchMs: number;
  speculative: boolean;
  failed: boolean;
  recordIndex: number;
}

function readBack(tasks: RunningTasks, t: RunningTask): Launch {
  return {
    taskSet: tasks.taskSet(t),
    index: tasks.index(t),
    partition: tasks.partition(t),
    slots: tasks.slots(t),
    durationMs: tasks.durationMs(t),
    locality: tasks.locality(t),
    launchMs: tasks.launchMs(t),
    speculative: tasks.speculative(t),
    failed: tasks.failed(t),
    recordIndex: tasks.recordIndex(t),
  };
}

describe("RunningTasks", () => {
  it("reads back every field of a launch, and a released row taken again carries only the new launch's values", () => {
    const tasks = new RunningTasks();
    const executors = [slotsOf(0), slotsOf(1), slotsOf(70_000)];
    for (const s of executors) tasks.executorAdded(s);
    const a = {} as TaskSetManager, b = {} as TaskSetManager;
    const t1 = tasks.take(a, 0, 10, executors[0]!, 500, 0, 100, false);
    const t2 = tasks.take(b, 7, 11, executors[2]!, 2 ** 40, 4, 3e9, true);
    expect(t1).not.toBe(t2);
    tasks.markFailed(t1);
    tasks.setRecordIndex(t1, 42);
    expect(readBack(tasks, t1)).toEqual({ taskSet: a, index: 0, partition: 10, slots: executors[0], durationMs: 500, locality: 0, launchMs: 100, speculative: false, failed: true, recordIndex: 42 });
    expect(readBack(tasks, t2)).toEqual({ taskSet: b, index: 7, partition: 11, slots: executors[2], durationMs: 2 ** 40, locality: 4, launchMs: 3e9, speculative: true, failed: false, recordIndex: -1 });
    expect(tasks.executorId(t2)).toBe("70001");
    expect(tasks.executorNumber(t2)).toBe(70_000);
    tasks.release(t1);
    const t3 = tasks.take(b, 5, 15, executors[1]!, 900, 3, 250, false);
    expect(t3).toBe(t1);
    expect(readBack(tasks, t3)).toEqual({ taskSet: b, index: 5, partition: 15, slots: executors[1], durationMs: 900, locality: 3, launchMs: 250, speculative: false, failed: false, recordIndex: -1 });
    expect(tasks.taskSet(t2)).toBe(b);
  });

  it("without speculation or task records keeps neither times nor record rows, and says so when asked for them", () => {
    const tasks = new RunningTasks({ times: false, records: false });
    const executors = Array.from({ length: 3 }, (_, i) => slotsOf(i));
    for (const s of executors) tasks.executorAdded(s);
    const a = {} as TaskSetManager;
    // Past the first 64 rows, so the arrays grow without the ones not kept.
    const rows = Array.from({ length: 200 }, (_, i) => tasks.take(a, i, 1000 + i, executors[i % 3]!, 500 + i, (i % 5) as TaskLocality, 100 + i, i % 2 === 0));
    rows.forEach((t, i) => {
      expect([tasks.index(t), tasks.partition(t), tasks.slots(t), tasks.locality(t), tasks.speculative(t), tasks.failed(t)]).toEqual([i, 1000 + i, executors[i % 3], i % 5, i % 2 === 0, false]);
      expect(tasks.recordIndex(t)).toBe(-1);
    });
    expect(() => tasks.durationMs(rows[0]!)).toThrow("running tasks' durations are not kept");
    expect(() => tasks.launchMs(rows[0]!)).toThrow("launch times are not kept");
    expect(() => tasks.setRecordIndex(rows[0]!, 3)).toThrow("task record rows are not kept");
    const timed = new RunningTasks({ times: true, records: false });
    timed.executorAdded(executors[0]!);
    const t = timed.take(a, 0, 0, executors[0]!, 750, 0, 40, false);
    expect([timed.durationMs(t), timed.launchMs(t), timed.recordIndex(t)]).toEqual([750, 40, -1]);
  });

  it("agrees with an object per attempt over any sequence of launches, releases, failures and record rows", () => {
    const taskSets = Array.from({ length: 5 }, () => ({}) as TaskSetManager);
    const executors = Array.from({ length: 6 }, (_, i) => slotsOf(i * 997));
    const op = fc.oneof(
      fc.record({ kind: fc.constant("take" as const), ts: fc.nat(4), index: fc.nat(100_000), partition: fc.nat(100_000), ex: fc.nat(5), durationMs: fc.nat(2 ** 40), locality: fc.nat(4), launchMs: fc.nat(2 ** 40), speculative: fc.boolean() }),
      fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("fail" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("record" as const), pick: fc.nat(), row: fc.nat(1_000_000) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const tasks = new RunningTasks();
        for (const s of executors) tasks.executorAdded(s);
        const live = new Map<RunningTask, Launch>();
        for (const o of ops) {
          const rows = [...live.keys()];
          if (o.kind === "take") {
            const l: Launch = { taskSet: taskSets[o.ts]!, index: o.index, partition: o.partition, slots: executors[o.ex]!, durationMs: o.durationMs, locality: o.locality as TaskLocality, launchMs: o.launchMs, speculative: o.speculative, failed: false, recordIndex: -1 };
            const t = tasks.take(l.taskSet, l.index, l.partition, l.slots, l.durationMs, l.locality, l.launchMs, l.speculative);
            expect(live.has(t)).toBe(false);
            live.set(t, l);
          } else if (rows.length > 0) {
            const t = rows[o.pick % rows.length]!;
            if (o.kind === "release") {
              tasks.release(t);
              live.delete(t);
            } else if (o.kind === "fail") {
              tasks.markFailed(t);
              live.get(t)!.failed = true;
            } else {
              tasks.setRecordIndex(t, o.row);
              live.get(t)!.recordIndex = o.row;
            }
          }
          for (const [t, l] of live) expect(readBack(tasks, t)).toEqual(l);
        }
      }),
      { numRuns: 200 },
    );
  });
});
