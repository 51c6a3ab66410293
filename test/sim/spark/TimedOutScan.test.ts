/**
 * `TimedOutScan` keeps trackers' deadlines packed by slot: a removal moves the last tracker into
 * the freed slot (and tells it), and a scan lists exactly the trackers whose deadline has passed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TimedOutScan, type ScannedTracker } from "../../../sim/spark/TimedOutScan.js";

class Tracker implements ScannedTracker {
  slot = -1;
  deadlineMs = Infinity;
  constructor(readonly id: string) {}
  movedToSlot(slot: number): void {
    this.slot = slot;
  }
}

type Op = { readonly kind: "add" } | { readonly kind: "remove"; readonly pick: number } | { readonly kind: "set"; readonly pick: number; readonly deadlineMs: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: "add" as const }),
  fc.nat().map((pick) => ({ kind: "remove" as const, pick })),
  fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), deadlineMs: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.constant(Infinity)) }),
);

describe("TimedOutScan", () => {
  it("lists the trackers whose deadline has passed and their earliest deadline, through adds and removals (against a plain list)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 0, max: 1_000 }), (ops, nowMs) => {
        const scan = new TimedOutScan<Tracker>();
        const live: Tracker[] = [];
        let made = 0;
        for (const o of ops) {
          if (o.kind === "add") {
            const t = new Tracker(String(made++));
            t.slot = scan.add(t);
            live.push(t);
          } else if (live.length > 0) {
            const t = live[o.pick % live.length]!;
            if (o.kind === "set") {
              t.deadlineMs = o.deadlineMs;
              scan.set(t.slot, o.deadlineMs);
            } else {
              scan.remove(t.slot);
              expect(t.slot).toBe(-1);
              live.splice(live.indexOf(t), 1);
            }
          }
          expect(scan.size).toBe(live.length);
          expect(new Set(live.map((t) => t.slot)).size).toBe(live.length);
          for (const t of live) expect(scan.deadlineAt(t.slot)).toBe(t.deadlineMs);
        }
        const out: string[] = [];
        const earliest = scan.scan(nowMs, out);
        expect(out.sort()).toEqual(live.filter((t) => t.deadlineMs <= nowMs).map((t) => t.id).sort());
        expect(earliest).toBe(Math.min(Infinity, ...live.map((t) => t.deadlineMs)));
      }),
      { numRuns: 300 },
    );
  });

  it("grows past its first 64 slots", () => {
    const scan = new TimedOutScan<Tracker>();
    const ts = Array.from({ length: 200 }, (_, i) => new Tracker(String(i)));
    for (const t of ts) t.slot = scan.add(t);
    for (const t of ts) scan.set(t.slot, Number(t.id));
    const out: string[] = [];
    expect(scan.scan(9, out)).toBe(0);
    expect(out.map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
