/**
 * The generic cluster manager's requests (`PendingExecutors`): a registration is accepted only
 * for a request still outstanding, whatever happened to the requests around it; its answers and
 * counts against a plain list of the outstanding requests, over random sequences.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../../sim/core/random.js";
import { ClusterManager } from "../../../sim/spark/ClusterManager.js";

function manager(): { cm: ClusterManager; cancelled: string[] } {
  const cancelled: string[] = [];
  const hooks = { scheduleRegistration: () => {}, onRequested: () => {}, onCancelled: (id: string) => void cancelled.push(id), kill: () => true };
  const cm = new ClusterManager(1_000, new SeededRandom(1).stream("startup"), { now: 0 }, hooks);
  return { cm, cancelled };
}

describe("ClusterManager requests", () => {
  it("registers outstanding requests only: not a withdrawn one, not one registered already, not an unknown id", () => {
    const { cm, cancelled } = manager();
    cm.requestTotalExecutors(5); // "1" .. "5"
    expect(cm.register("3")).toBe(true);
    cm.requestTotalExecutors(3); // 1 registered + 2 outstanding: "5" and "4" withdrawn, newest first
    expect(cancelled).toEqual(["5", "4"]);
    expect(cm.register("5")).toBe(false);
    expect(cm.register("4")).toBe(false);
    expect(cm.register("3")).toBe(false);
    for (const id of ["", "x", "0", "-1", "2.5", "6", "99"]) expect(cm.register(id)).toBe(false);
    expect(cm.register("1")).toBe(true);
    expect(cm.pendingCount).toBe(1);
    cm.requestTotalExecutors(5); // 2 registered + "2" outstanding: "6" and "7"
    expect(cm.register("7")).toBe(true);
    expect(cm.register("2")).toBe(true);
    expect(cm.register("6")).toBe(true);
    expect([cm.pendingCount, cm.registeredCount]).toEqual([0, 5]);
  });

  it("answers and counts as a plain list of outstanding requests, over random totals and registrations", () => {
    const step = fc.oneof(fc.record({ total: fc.nat(12) }), fc.record({ register: fc.nat(40) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const { cm } = manager();
        let outstanding: number[] = [];
        let next = 1;
        let registered = 0;
        for (const s of steps) {
          if ("total" in s) {
            cm.requestTotalExecutors(s.total);
            const missing = s.total - registered - outstanding.length;
            for (let i = 0; i < missing; i++) outstanding.push(next++);
            if (missing < 0) outstanding = outstanding.slice(0, Math.max(0, outstanding.length + missing));
          } else {
            const wanted = outstanding.includes(s.register);
            expect(cm.register(String(s.register))).toBe(wanted);
            if (wanted) {
              outstanding = outstanding.filter((n) => n !== s.register);
              registered++;
            }
          }
          expect(cm.pendingCount).toBe(outstanding.length);
          expect(cm.registeredCount).toBe(registered);
        }
      }),
      { numRuns: 300 },
    );
  });
});
