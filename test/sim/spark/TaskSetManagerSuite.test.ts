import { describe, expect, it } from "vitest";
import type { LocalityConf } from "../../../sim/conf/SparkConf.js";
import { TaskLocality } from "../../../sim/result/TaskLocality.js";
import type { LocalityView, TaskLocation } from "../../../sim/spark/PendingTasksByLocality.js";
import { TaskSetManager } from "../../../sim/spark/TaskSetManager.js";
import { createConf } from "../../helpers/builders.js";
import { ManualClock } from "../../helpers/ManualClock.js";

const { PROCESS_LOCAL, NODE_LOCAL, NO_PREF, ANY } = TaskLocality;
const LOCALITY_WAIT_MS = 3000;

/** Spark's `FakeTaskScheduler(sc, ("exec1", "host1"), ...)`: the executors alive and their hosts. */
class FakeTaskScheduler implements LocalityView {
  readonly executors: Map<string, string>;
  constructor(...execs: Array<[string, string]>) {
    this.executors = new Map(execs);
  }
  isExecutorAlive(id: string): boolean {
    return this.executors.has(id);
  }
  hasExecutorsAliveOnHost(host: string): boolean {
    return [...this.executors.values()].includes(host);
  }
}

/** `FakeTask.createTaskSet(n, prefs...)` and a `TaskSetManager` with a `ManualClock` at 0. */
function createTaskSetManager(sched: LocalityView, prefs: TaskLocation[][], locality: LocalityConf = createConf().locality): TaskSetManager {
  const n = prefs.length;
  return new TaskSetManager(0, 0, 0, Int32Array.from({ length: n }, (_, i) => i), new Float64Array(n).fill(1000), {
    preferred: prefs,
    conf: locality,
    view: sched,
    nowMs: 0,
  });
}

const offer = (m: TaskSetManager, exec: string, host: string, max: TaskLocality, clock: ManualClock) => m.resourceOffer(exec, host, max, clock.getTimeMillis());

describe("TaskSetManagerSuite (delay scheduling)", () => {
  it("spark.locality.wait defaults to 3s for every level, and the 3.1 reset rule is on from 3.1 (SPARK-18886)", () => {
    const c = createConf().locality;
    expect([c.processWaitMs, c.nodeWaitMs, c.rackWaitMs]).toEqual([3000, 3000, 3000]);
    expect(c.legacyResetOnTaskLaunch).toBe(false);
    expect(createConf({}, "3.0").locality.legacyResetOnTaskLaunch).toBe(true);
    expect(createConf({ "spark.locality.wait.legacyResetOnTaskLaunch": "true" }).locality.legacyResetOnTaskLaunch).toBe(true);
    expect(createConf({ "spark.locality.wait": "10s", "spark.locality.wait.node": "0" }).locality).toMatchObject({ processWaitMs: 10_000, nodeWaitMs: 0, rackWaitMs: 10_000 });
  });

  it("basic delay scheduling", () => {
    const sched = new FakeTaskScheduler(["exec1", "host1"], ["exec2", "host2"]);
    const clock = new ManualClock();
    const manager = createTaskSetManager(sched, [
      [{ host: "host1", executorId: "exec1" }],
      [{ host: "host2", executorId: "exec2" }],
      [{ host: "host1" }, { host: "host2", executorId: "exec2" }],
      [], // the last task has no locality preferences
    ]);
    expect(manager.myLocalityLevels).toEqual([PROCESS_LOCAL, NODE_LOCAL, NO_PREF, ANY]);
    // First offer host1, exec1: the first task is chosen, process-local.
    expect(offer(manager, "exec1", "host1", ANY, clock)).toEqual({ index: 0, locality: PROCESS_LOCAL });
    expect(offer(manager, "exec1", "host1", PROCESS_LOCAL, clock)).toBeUndefined();
    clock.advance(LOCALITY_WAIT_MS);
    // The process-local wait has passed: exec1 gets the task that prefers its host.
    expect(offer(manager, "exec1", "host1", NODE_LOCAL, clock)).toEqual({ index: 2, locality: NODE_LOCAL });
    expect(offer(manager, "exec2", "host2", NODE_LOCAL, clock)).toEqual({ index: 1, locality: PROCESS_LOCAL });
    expect(offer(manager, "exec2", "host2", NODE_LOCAL, clock)).toBeUndefined();
    // The no-preference task goes in the NO_PREF pass, reported PROCESS_LOCAL as Spark reports it.
    expect(offer(manager, "exec2", "host2", NO_PREF, clock)).toEqual({ index: 3, locality: PROCESS_LOCAL });
  });

  it("delay scheduling with fallback: an executor elsewhere gets a task only once the wait at each level has passed", () => {
    const sched = new FakeTaskScheduler(["exec1", "host1"], ["exec2", "host2"]);
    const clock = new ManualClock();
    const manager = createTaskSetManager(sched, [[{ host: "host1" }], [{ host: "host1" }], [{ host: "host1" }]]);
    expect(manager.myLocalityLevels).toEqual([NODE_LOCAL, ANY]);
    expect(offer(manager, "exec1", "host1", ANY, clock)).toEqual({ index: 0, locality: NODE_LOCAL });
    expect(offer(manager, "exec2", "host2", ANY, clock)).toBeUndefined();
    clock.advance(LOCALITY_WAIT_MS - 1);
    expect(offer(manager, "exec2", "host2", ANY, clock)).toBeUndefined();
    clock.advance(1);
    expect(offer(manager, "exec2", "host2", ANY, clock)).toEqual({ index: 1, locality: ANY });
  });

  it("3.0 (legacy reset): a launch at a more local level starts the wait again", () => {
    const sched = new FakeTaskScheduler(["exec1", "host1"], ["exec2", "host2"]);
    const clock = new ManualClock();
    const manager = createTaskSetManager(sched, [[{ host: "host1" }], [{ host: "host1" }], [{ host: "host1" }]], createConf({}, "3.0").locality);
    clock.advance(2000);
    expect(offer(manager, "exec1", "host1", ANY, clock)).toEqual({ index: 0, locality: NODE_LOCAL });
    // The launch at 2 s reset the clock: at 3 s exec2 still waits, until 5 s.
    clock.advance(1000);
    expect(offer(manager, "exec2", "host2", ANY, clock)).toBeUndefined();
    clock.advance(2000);
    expect(offer(manager, "exec2", "host2", ANY, clock)).toEqual({ index: 1, locality: ANY });
    // From 3.1 the task set itself does not reset: the same offers launch at 3 s.
    const newer = createTaskSetManager(sched, [[{ host: "host1" }], [{ host: "host1" }], [{ host: "host1" }]]);
    const c2 = new ManualClock(2000);
    expect(offer(newer, "exec1", "host1", ANY, c2)).toEqual({ index: 0, locality: NODE_LOCAL });
    c2.advance(1000);
    expect(offer(newer, "exec2", "host2", ANY, c2)).toEqual({ index: 1, locality: ANY });
  });

  it("we do not need to delay scheduling when we only have noPref tasks in the queue", () => {
    const sched = new FakeTaskScheduler(["exec1", "host1"], ["exec3", "host2"]);
    const clock = new ManualClock();
    const manager = createTaskSetManager(sched, [[{ host: "host1", executorId: "exec1" }], [{ host: "host2", executorId: "exec3" }], []]);
    expect(offer(manager, "exec1", "host1", PROCESS_LOCAL, clock)?.index).toBe(0);
    expect(offer(manager, "exec3", "host2", PROCESS_LOCAL, clock)?.index).toBe(1);
    // Only the no-preference task is left: nothing is more local for it, so no wait.
    expect(offer(manager, "exec3", "host2", ANY, clock)?.index).toBe(2);
  });

  it("a task set without preferences has the levels NO_PREF, ANY and launches in index order", () => {
    const manager = new TaskSetManager(0, 0, 0, Int32Array.from([0, 1, 2]), new Float64Array(3));
    expect(manager.hasPreferences).toBe(false);
    expect(manager.myLocalityLevels).toEqual([NO_PREF, ANY]);
    expect([0, 1, 2].map(() => manager.resourceOffer("1", "h", ANY, 0)?.index)).toEqual([0, 1, 2]);
  });

  it("new executors get added and lost: the valid levels follow the executors alive", () => {
    const sched = new FakeTaskScheduler();
    const manager = createTaskSetManager(sched, [[{ host: "host1", executorId: "execA" }], [{ host: "host2", executorId: "execC" }], []]);
    expect(manager.myLocalityLevels).toEqual([NO_PREF, ANY]);
    sched.executors.set("execA", "host1");
    manager.recomputeLocality();
    expect(manager.myLocalityLevels).toEqual([PROCESS_LOCAL, NODE_LOCAL, NO_PREF, ANY]);
    sched.executors.delete("execA");
    manager.recomputeLocality();
    expect(manager.myLocalityLevels).toEqual([NO_PREF, ANY]);
  });

  it("SPARK-31837: Shift to the new highest locality level if there is when recomputeLocality (3.1+; 3.0 stays at its level)", () => {
    const prefs = [[{ host: "host3" }], [{ host: "host3" }]];
    const schedNew = new FakeTaskScheduler(["exec1", "host1"]);
    const schedOld = new FakeTaskScheduler(["exec1", "host1"]);
    const newer = createTaskSetManager(schedNew, prefs);
    const older = createTaskSetManager(schedOld, prefs, createConf({}, "3.0").locality);
    for (const [m, sched] of [[newer, schedNew], [older, schedOld]] as const) {
      expect(m.myLocalityLevels).toEqual([ANY]);
      // host3's executor arrives.
      sched.executors.set("exec3", "host3");
      m.recomputeLocality();
      expect(m.myLocalityLevels).toEqual([NODE_LOCAL, ANY]);
    }
    const clock = new ManualClock(1000);
    // 3.1+: back to NODE_LOCAL, so exec1 elsewhere waits; 3.0 stays at ANY and launches.
    expect(offer(newer, "exec1", "host1", ANY, clock)).toBeUndefined();
    expect(offer(older, "exec1", "host1", ANY, clock)).toEqual({ index: 0, locality: ANY });
  });

  it("a failed task goes back on top of its lists and runs before the next fresh index", () => {
    const sched = new FakeTaskScheduler(["exec1", "host1"]);
    const clock = new ManualClock();
    const manager = createTaskSetManager(sched, [[{ host: "host1" }], [{ host: "host1" }], [{ host: "host1" }]]);
    expect(offer(manager, "exec1", "host1", ANY, clock)?.index).toBe(0);
    expect(offer(manager, "exec1", "host1", ANY, clock)?.index).toBe(1);
    manager.taskFailed(0, true);
    expect(offer(manager, "exec1", "host1", ANY, clock)).toEqual({ index: 0, locality: NODE_LOCAL });
    expect(offer(manager, "exec1", "host1", ANY, clock)?.index).toBe(2);
    expect(manager.hasPending).toBe(false);
  });
});
