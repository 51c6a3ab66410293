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

type Op = { kind: "add" | "start" | "end" | "remove"; exec: number } | { kind: "output"; exec: number; shuffle: number; partition: number };

const EXECS = 40; // past the rows' first size (32 numbers): they grow while shared
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom("add" as const, "start" as const, "end" as const, "remove" as const), exec: fc.nat(EXECS - 1) }),
  fc.record({ kind: fc.constant("output" as const), exec: fc.nat(EXECS - 1), shuffle: fc.nat(2), partition: fc.nat(5) }),
);

function pair(shared: boolean): { m: ExecutorMonitor; t: CountingMapOutputTracker } {
  const conf = monitorConf({ "spark.shuffle.service.enabled": "false", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
  const rows = shared ? new ExecutorRows() : undefined;
  const t = new CountingMapOutputTracker(rows);
  for (let s = 0; s < 3; s++) t.registerShuffle(s, 6);
  return { m: new ExecutorMonitor(conf, { now: 0 }, () => {}, () => true, false, rows), t };
}

function apply({ m, t }: ReturnType<typeof pair>, o: Op): void {
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
    trackers: m.trackers().map((e) => [e.id, e.runningTasks, e.idleStartMs]),
    busy: m.busyCount,
    shuffles: [0, 1, 2].map((s) => [t.isAvailable(s), [...t.missingPartitions(s)]]),
  };
}

describe("ExecutorRows shared by the monitor and the map output tracker", () => {
  it("leaves both as they are with rows of their own", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const shared = pair(true), apart = pair(false);
        for (const o of ops) {
          apply(shared, o);
          apply(apart, o);
          expect(stateOf(shared)).toEqual(stateOf(apart));
        }
      }),
      { numRuns: 300 },
    );
  });
});
