/** The timeline recorder: a row per instant whose counts changed, written as integers, or as doubles when a count is not one. */
import { describe, expect, it } from "vitest";
import { COL } from "../../../sim/result/Timeline.js";
import { TimelineRecorder, type TimelineSources } from "../../../sim/spark/TimelineRecorder.js";

/** Sources whose counts a test sets: only what the recorder reads. */
function sources(): { s: TimelineSources; set: (name: string, v: number) => void } {
  const v: Record<string, number> = { executors: 5, busy: 2, target: 7, pending: 3, starting: 1, waiting: 2, nodes: 4, pendingTasks: 10, runningTasks: 8 };
  const monitor = {
    get executorCount() { return v.executors!; },
    get busyCount() { return v.busy!; },
    idleWithShuffleDataCount: 1,
    idleWithCachedBlocksCount: 0,
    executorCountWithKnownProfile: 5,
  };
  const backend = { stoppingTracked: 0, stoppingTotal: 0, decommissioner: { count: 0, noticeBusyCount: () => 0 } };
  const pools = { get pendingCount() { return v.pending!; }, get startingCount() { return v.starting!; }, get waitingForCapacity() { return v.waiting!; } };
  const listener = { get pendingTasks() { return v.pendingTasks!; }, pendingSpeculativeTasks: 0, get runningTasks() { return v.runningTasks!; }, unschedulableTaskSets: 0 };
  const s = {
    conf: { tasksPerExecutor: 4, executorAllocationRatio: 1 },
    monitor,
    listener,
    backend,
    clusterManager: pools,
    profiles: { hasCustomProfiles: false },
    nodes: () => v.nodes!,
    target: { get totalTarget() { return v.target!; } },
  } as unknown as TimelineSources;
  return { s, set: (name, x) => void (v[name] = x) };
}

describe("TimelineRecorder", () => {
  it("keeps a row per instant whose counts changed, each column read from its source", () => {
    const { s, set } = sources();
    const r = new TimelineRecorder(s);
    r.sample(0);
    r.sample(100); // nothing changed
    set("runningTasks", 12);
    r.sample(200);
    r.finish(300);
    const tl = r.timeline;
    expect(tl.length).toBe(3);
    expect(tl.row(0)).toEqual({
      time_ms: 0, target: 7, pending_executors: 3, running_executors: 5, busy_executors: 2, idle_executors: 3,
      pinned_shuffle_executors: 1, pinned_cache_executors: 0, pending_tasks: 10, running_tasks: 8,
      max_needed: 5, stopping_executors: 0, starting_executors: 1, waiting_for_capacity: 2, nodes: 4,
    });
    expect([tl.get(1, 0), tl.get(1, COL.running_tasks), tl.get(1, COL.max_needed)]).toEqual([200, 12, 6]);
    expect([tl.get(2, 0), tl.get(2, COL.running_tasks)]).toEqual([300, 12]);
  });

  it("writes a count that is not a 32-bit integer exactly, and integer rows after it", () => {
    const { s, set } = sources();
    const r = new TimelineRecorder(s);
    r.sample(0);
    set("target", 2 ** 31 + 5);
    r.sample(100);
    set("nodes", 2.5);
    r.sample(200);
    set("target", 7);
    set("nodes", 4);
    r.sample(300);
    r.sample(400); // the same as at 300
    set("pending", 0.5);
    r.finish(500);
    const tl = r.timeline;
    expect([...tl.rowsIter()].map((row) => [row[0], row[COL.target], row[COL.nodes], row[COL.pending_executors]])).toEqual([
      [0, 7, 4, 3],
      [100, 2 ** 31 + 5, 4, 3],
      [200, 2 ** 31 + 5, 2.5, 3],
      [300, 7, 4, 3],
      [500, 7, 4, 0.5],
    ]);
  });
});
