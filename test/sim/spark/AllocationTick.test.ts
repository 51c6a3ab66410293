/** AllocationTick asks the queue for exactly the ticks the plain rule asks for, whatever the mix of this instant's requests and later ones (deadlines). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AllocationTick, ceilToTick } from "../../../sim/spark/AllocationTick.js";
import type { ExecutorAllocationManager } from "../../../sim/spark/ExecutorAllocationManager.js";

/** The rule written plainly: the first tick at or after max(at, now) and after the last tick run, asked for once while it has not run. */
class Reference {
  lastTickMs = -1;
  readonly pending = new Set<number>();
  readonly asked: number[] = [];
  request(atMs: number, now: number): void {
    let t = ceilToTick(Math.max(atMs, now));
    if (t <= this.lastTickMs) t = this.lastTickMs + 100;
    if (this.pending.has(t)) return;
    this.pending.add(t);
    this.asked.push(t);
  }
  run(now: number, changed: boolean): void {
    this.pending.delete(now);
    if (now === this.lastTickMs) return;
    this.lastTickMs = now;
    if (changed) this.request(now + 100, now);
  }
}

type Op = { kind: "wait"; ms: number } | { kind: "now" } | { kind: "later"; ms: number } | { kind: "tick"; changed: boolean };

describe("AllocationTick.request", () => {
  it("asks for the ticks the plain rule asks for, in the same order", () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.integer({ min: 0, max: 350 }).map((ms) => ({ kind: "wait" as const, ms })),
      fc.constant({ kind: "now" as const }),
      fc.integer({ min: 0, max: 400 }).map((ms) => ({ kind: "later" as const, ms })),
      fc.boolean().map((changed) => ({ kind: "tick" as const, changed })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80, size: "max" }), (ops) => {
        const clock = { now: 0 };
        const asked: number[] = [];
        let changed = false;
        const eam = { schedule: () => changed } as unknown as ExecutorAllocationManager;
        const tick = new AllocationTick(eam, clock, (t) => asked.push(t), false);
        const ref = new Reference();
        for (const o of ops) {
          if (o.kind === "wait") clock.now += o.ms;
          else if (o.kind === "now") {
            tick.request(clock.now);
            ref.request(clock.now, clock.now);
          } else if (o.kind === "later") {
            tick.request(clock.now + o.ms);
            ref.request(clock.now + o.ms, clock.now);
          } else {
            // A tick runs only at a tick time that was asked for and has not run.
            const due = [...ref.pending].filter((t) => t >= clock.now).sort((a, b) => a - b)[0];
            if (due === undefined) continue;
            clock.now = due;
            changed = o.changed;
            tick.run();
            ref.run(due, o.changed);
          }
          expect(asked).toEqual(ref.asked);
        }
      }),
      { numRuns: 500 },
    );
  });
});
