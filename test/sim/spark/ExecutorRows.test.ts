/**
 * ExecutorRows: the executor monitor and the counting map output tracker sharing one row per
 * executor number (as the engine has them) answer as each does with rows of its own, whatever
 * the order of task events, map outputs and removals on the same numbers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountingMapOutputTracker } from "../../../sim/spark/CountingMapOutputTracker.js";
import { ExecutorMonitor } from "../../../sim/spark/ExecutorMonitor.js";
import { ExecutorRows } from "../../../sim/spark/ExecutorRows.js";
import { monitorConf } from "../../helpers/monitorHarness.js";

type Op =
  | { kind: "add" | "start" | "end" | "remove"; exec: number }
  | { kind: "output"; exec: number; shuffle: number; partition: number }
  | { kind: "job"; shuffle: number };

// Mostly a few executors, so that one sees add, start, output, end and remove in one sequence;
// now and then one past the rows' first size (32 numbers), so that they grow while shared.
const exec = fc.oneof({ arbitrary: fc.nat(5), weight: 4 }, { arbitrary: fc.integer({ min: 32, max: 39 }), weight: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom("add" as const, "start" as const, "end" as const, "remove" as const), exec }),
  fc.record({ kind: fc.constant("output" as const), exec, shuffle: fc.nat(2), partition: fc.nat(5) }),
  // A job whose stage 0 (every task's here) writes the shuffle: the monitor's shuffle field in the row.
  fc.record({ kind: fc.constant("job" as const), shuffle: fc.nat(2) }),
);

function pair(shared: boolean): { m: ExecutorMonitor; t: CountingMapOutputTracker } {
  const conf = monitorConf({ "spark.shuffle.service.enabled": "false", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
  const rows = shared ? new ExecutorRows() : undefined;
  const t = new CountingMapOutputTracker(rows);
  for (let s = 0; s < 3; s++) t.registerShuffle(s, 6);
  return { m: new ExecutorMonitor(conf, { now: 0 }, () => {}, () => true, false, rows), t };
}

function apply({ m, t }: ReturnType<typeof pair>, o: Op, jobId: number): void {
  if (o.kind === "job") {
    m.onJobStart({ jobId, timeMs: 0, stageInfos: [{ stageId: 0, shuffleId: o.shuffle }] as unknown as Parameters<ExecutorMonitor["onJobStart"]>[0]["stageInfos"] });
    return;
  }
  const executorId = String(o.exec + 1), executorNumber = o.exec;
  const task = { stageId: 0, attempt: 0, index: 0, executorId, executorNumber, speculative: false, timeMs: 0 };
  if (o.kind === "add") m.onExecutorAdded({ executorId, timeMs: 0 });
  else if (o.kind === "start") m.onTaskStart(task);
  else if (o.kind === "end") m.onTaskEnd({ ...task, reason: "Success" });
  else if (o.kind === "output") t.registerMapOutput(o.shuffle, o.partition, executorId, executorNumber);
  else {
    m.onExecutorRemoved({ executorId, timeMs: 0, reason: "executor-lost" });
    t.removeOutputsOnExecutor(executorId, false);
  }
}

function stateOf({ m, t }: ReturnType<typeof pair>): unknown {
  return {
    trackers: m.trackers().map((e) => [e.id, e.runningTasks, e.idleStartMs, e.shuffleIds === null ? null : [...e.shuffleIds]]),
    busy: m.busyCount,
    shuffles: [0, 1, 2].map((s) => [t.isAvailable(s), [...t.missingPartitions(s)], t.locationsWithLargestOutputs(s, 0.2)]),
    outputsOn: m.trackers().map((e) => t.outputsOn(e.id)),
  };
}

describe("ExecutorRows shared by the monitor and the map output tracker", () => {
  it("leaves both as they are with rows of their own", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 150, size: "max" }), (ops) => {
        const shared = pair(true), apart = pair(false);
        for (const [i, o] of ops.entries()) {
          apply(shared, o, i);
          apply(apart, o, i);
          expect(stateOf(shared)).toEqual(stateOf(apart));
        }
      }),
      { numRuns: 300 },
    );
  });
});
