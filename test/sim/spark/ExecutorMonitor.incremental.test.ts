/**
 * Task events carrying the executor's number (the engine's hint: running-task counts and the
 * shuffle last added kept in arrays by it, `ExecutorTrackersByNumber`) leave every tracker, the
 * totals and the timed-out lists as the same events without it do; and the timed-out list, read
 * from the deadlines packed by slot (`TimedOutScan`), is what the trackers themselves say.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExecutorMonitor } from "../../../sim/spark/ExecutorMonitor.js";
import { monitorConf } from "../../helpers/monitorHarness.js";

type Op =
  | { readonly kind: "add"; readonly exec: number }
  | { readonly kind: "start"; readonly exec: number; readonly stage: number }
  | { readonly kind: "end"; readonly exec: number; readonly stage: number; readonly success: boolean }
  | { readonly kind: "remove"; readonly exec: number }
  | { readonly kind: "job"; readonly job: number; readonly end: boolean }
  | { readonly kind: "clean"; readonly shuffle: number }
  | { readonly kind: "kill"; readonly exec: number }
  | { readonly kind: "decommission"; readonly exec: number }
  | { readonly kind: "wait"; readonly ms: number };

const EXECS = 4;
const exec = fc.integer({ min: 0, max: EXECS - 1 });
const stage = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: exec.map((e) => ({ kind: "add" as const, exec: e })), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("start" as const), exec, stage }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("end" as const), exec, stage, success: fc.boolean() }), weight: 6 },
  { arbitrary: exec.map((e) => ({ kind: "remove" as const, exec: e })), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("job" as const), job: fc.integer({ min: 0, max: 1 }), end: fc.boolean() }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 1 }).map((s) => ({ kind: "clean" as const, shuffle: s })), weight: 2 },
  { arbitrary: exec.map((e) => ({ kind: "kill" as const, exec: e })), weight: 1 },
  { arbitrary: exec.map((e) => ({ kind: "decommission" as const, exec: e })), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 90_000 }).map((ms) => ({ kind: "wait" as const, ms })), weight: 4 },
);

/** Job j runs stages 2j (writing shuffle j) and 2j + 1. */
function apply(m: ExecutorMonitor, o: Op, nowMs: number, withNumbers: boolean): void {
  const id = "exec" in o ? String(o.exec + 1) : "";
  const executorNumber = withNumbers && "exec" in o ? o.exec : -1;
  switch (o.kind) {
    case "add":
      return m.onExecutorAdded({ executorId: id, timeMs: nowMs });
    case "start":
      return m.onTaskStart({ stageId: o.stage, attempt: 0, index: 0, executorId: id, executorNumber, speculative: false, timeMs: nowMs });
    case "end":
      return m.onTaskEnd({ stageId: o.stage, attempt: 0, index: 0, executorId: id, executorNumber, speculative: false, reason: o.success ? "Success" : "Failure", timeMs: nowMs });
    case "remove":
      return m.onExecutorRemoved({ executorId: id, timeMs: nowMs, reason: "executor-lost" });
    case "job": {
      if (o.end) return m.onJobEnd({ jobId: o.job, timeMs: nowMs });
      const stageInfos = [
        { stageId: 2 * o.job, shuffleId: o.job, numTasks: 1 },
        { stageId: 2 * o.job + 1, shuffleId: undefined, numTasks: 1 },
      ];
      return m.onJobStart({ jobId: o.job, timeMs: nowMs, stageInfos });
    }
    case "clean":
      return m.onShuffleCleaned({ shuffleId: o.shuffle, timeMs: nowMs });
    case "kill":
      return m.executorsKilled([id]);
    case "decommission":
      return m.executorsDecommissioned([id]);
    case "wait":
      return;
  }
}

function stateOf(m: ExecutorMonitor): unknown {
  return m.executorIds().map((id) => {
    const t = m.tracker(id)!;
    return [id, t.runningTasks, t.idleStartMs, t.timeoutAtMs, t.hasActiveShuffle, t.pendingRemoval, [...(t.shuffleIds ?? [])].sort()];
  });
}

/** The timed-out list straight from the trackers: eligible ones whose deadline has passed, sorted by id. */
function timedOutOfTrackers(m: ExecutorMonitor, nowMs: number): string[] {
  const out = [...m.trackers()].filter((t) => !t.pendingRemoval && !t.hasActiveShuffle && !t.decommissioning && t.timeoutAtMs <= nowMs);
  return out.map((t) => t.id).sort();
}

describe("ExecutorMonitor with executor numbers", () => {
  for (const tracking of [true, false]) {
    it(`the same trackers, totals and timed-out lists as without numbers (shuffle tracking ${tracking ? "on" : "off"})`, () => {
      const conf = monitorConf({ "spark.shuffle.service.enabled": String(!tracking), "spark.dynamicAllocation.shuffleTracking.enabled": String(tracking) });
      fc.assert(
        fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
          const clock = { now: 0 };
          const numbered = new ExecutorMonitor(conf, clock);
          // The reference: no numbers, every timed-out list by a full scan.
          const plain = new ExecutorMonitor(conf, clock, () => {}, () => true, true);
          for (const o of ops) {
            if (o.kind === "wait") clock.now += o.ms;
            const now = clock.now;
            apply(numbered, o, now, true);
            apply(plain, o, now, false);
            expect(stateOf(numbered)).toEqual(stateOf(plain));
            expect(numbered.timedOutExecutors(now)).toEqual(plain.timedOutExecutors(now));
            // The packed scan (the reference scans every time) against the trackers' own state.
            expect(plain.timedOutExecutors(now)).toEqual(timedOutOfTrackers(plain, now));
            expect(numbered.timedOutExecutors(now)).toEqual(timedOutOfTrackers(numbered, now));
            expect(numbered.busyCount).toBe(plain.busyCount);
            expect(numbered.idleWithShuffleDataCount).toBe(plain.idleWithShuffleDataCount);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it("a shuffle cleaned and written again is held again (the shuffle last added, kept by number, is forgotten)", () => {
    const conf = monitorConf({ "spark.shuffle.service.enabled": "false", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
    expect(conf.shuffleTrackingActive).toBe(true);
    const m = new ExecutorMonitor(conf, { now: 0 });
    m.onExecutorAdded({ executorId: "1", timeMs: 0 });
    m.onJobStart({ jobId: 0, timeMs: 0, stageInfos: [{ stageId: 0, shuffleId: 7, numTasks: 2 }] });
    const task = { stageId: 0, attempt: 0, index: 0, executorId: "1", executorNumber: 0, speculative: false, timeMs: 0 };
    m.onTaskStart(task);
    m.onTaskEnd({ ...task, reason: "Success" });
    expect([...m.tracker("1")!.shuffleIds!]).toEqual([7]);
    m.onShuffleCleaned({ shuffleId: 7, timeMs: 0 });
    expect([...m.tracker("1")!.shuffleIds!]).toEqual([]);
    m.onTaskStart(task);
    m.onTaskEnd({ ...task, reason: "Success" });
    expect([...m.tracker("1")!.shuffleIds!]).toEqual([7]);
  });

  it("a removed executor's count goes back to its tracker, and a new tracker of the same id starts from zero", () => {
    const conf = monitorConf();
    const m = new ExecutorMonitor(conf, { now: 0 });
    m.onExecutorAdded({ executorId: "1", timeMs: 0 });
    const task = { stageId: 0, attempt: 0, index: 0, executorId: "1", executorNumber: 0, speculative: false, timeMs: 0 };
    m.onTaskStart(task);
    m.onTaskStart(task);
    const t = m.tracker("1")!;
    expect(t.runningTasks).toBe(2);
    m.onExecutorRemoved({ executorId: "1", timeMs: 0, reason: "executor-lost" });
    expect(t.runningTasks).toBe(2);
    m.onTaskStart(task); // a late start: tracked again (SPARK-4951), from zero
    expect(m.tracker("1")!.runningTasks).toBe(1);
    expect(t.runningTasks).toBe(2);
  });
});
