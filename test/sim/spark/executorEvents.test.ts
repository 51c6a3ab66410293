/** The executorRemoved record: the same fields, in the same order, whichever way it is built (one literal for a kill's removal, fields added otherwise). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../../../sim/result/EventLog.js";
import { executorRemovedRecord, recordExecutorRemoved } from "../../../sim/spark/executorEvents.js";

/** The rule written plainly: base fields, then each optional field when it applies, in the events log's order. */
function reference(executorId: string, timeMs: number, reason: string, idleSinceMs?: number, killedAtMs?: number, cause?: string, decommissionedAtMs?: number, finished = false): Record<string, unknown> {
  const e: Record<string, unknown> = { timeMs, type: "executorRemoved", executorId, reason };
  if (idleSinceMs !== undefined && idleSinceMs >= 0) e.idleSinceMs = idleSinceMs;
  if (killedAtMs !== undefined && killedAtMs < timeMs) e.killedAtMs = killedAtMs;
  if (cause !== undefined) e.cause = cause;
  if (decommissionedAtMs !== undefined) {
    e.decommissionedAtMs = decommissionedAtMs;
    e.decommission = finished ? "finished" : "unfinished";
  }
  return e;
}

describe("executorRemovedRecord", () => {
  it("writes the reference's fields in the reference's order (JSON compared as text)", () => {
    const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.constantFrom("idle-timeout", "shuffle-idle-timeout", "application-end", "executor-lost" as const),
        maybe(fc.integer({ min: -1, max: 100_000 })),
        maybe(fc.nat(100_000)),
        maybe(fc.constantFrom("failure", "interruption" as const)),
        maybe(fc.nat(100_000)),
        fc.boolean(),
        (timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished) => {
          const got = executorRemovedRecord("7", timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished);
          expect(JSON.stringify(got)).toBe(JSON.stringify(reference("7", timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("builds a kill's removal as one literal (no property added after it)", () => {
    const e = executorRemovedRecord("3", 50, "idle-timeout", 10, 40, undefined, undefined, false);
    expect(e).toEqual({ timeMs: 50, type: "executorRemoved", executorId: "3", reason: "idle-timeout", idleSinceMs: 10, killedAtMs: 40 });
    expect(Object.keys(executorRemovedRecord("3", 50, "idle-timeout", 10, 50, undefined, undefined, false))).toEqual(["timeMs", "type", "executorId", "reason", "idleSinceMs"]);
  });

  it("is what the log builds from recordExecutorRemoved (a row or the object), for numeric ids and others", () => {
    const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom("7", "123456", "exec-2", "07"),
        fc.nat(100_000),
        fc.constantFrom("idle-timeout", "cached-idle-timeout", "shuffle-idle-timeout", "application-end", "executor-lost" as const),
        maybe(fc.integer({ min: -1, max: 100_000 })),
        maybe(fc.nat(100_000)),
        maybe(fc.constantFrom("failure", "interruption" as const)),
        maybe(fc.nat(100_000)),
        fc.boolean(),
        (id, timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished) => {
          const log = new EventLog();
          recordExecutorRemoved(log, id, timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished);
          const want = reference(id, timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished);
          const [got] = log.events();
          expect(JSON.stringify(got)).toBe(JSON.stringify(want));
          expect(Object.keys(got!)).toEqual(Object.keys(want));
        },
      ),
      { numRuns: 500 },
    );
  });
});
