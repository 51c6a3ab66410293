import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventQueue } from "../../../sim/core/EventQueue.js";

describe("EventQueue", () => {
  it("orders by time first", () => {
    const q = new EventQueue<string>();
    q.push(300, 0, "c");
    q.push(100, 5, "a");
    q.push(200, 0, "b");
    expect([q.pop()?.payload, q.pop()?.payload, q.pop()?.payload]).toEqual(["a", "b", "c"]);
  });

  it("orders events at the same millisecond by phase", () => {
    const q = new EventQueue<string>();
    q.push(100, 3, "tick");
    q.push(100, 0, "taskEnd");
    q.push(100, 2, "driver");
    q.push(100, 1, "registered");
    expect([1, 2, 3, 4].map(() => q.pop()?.payload)).toEqual(["taskEnd", "registered", "driver", "tick"]);
  });

  it("keeps insertion order for equal time and phase (seq)", () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 50; i++) q.push(7, 1, i);
    const out: number[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.payload);
    expect(out).toEqual([...Array(50).keys()]);
  });

  it("pops any sequence of pushes in (time, phase, seq) order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 }), (items) => {
        const q = new EventQueue<number>();
        items.forEach(([t, p], i) => q.push(t, p, i));
        const popped: Array<[number, number, number]> = [];
        for (let e = q.pop(); e !== undefined; e = q.pop()) popped.push([e.timeMs, e.phase, e.payload]);
        const expected = items.map(([t, p], i): [number, number, number] => [t, p, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
        expect(popped).toEqual(expected);
      }),
      { seed: 20261125, numRuns: 200 },
    );
  });

  it("rejects a phase that is not a small non-negative integer (phases are packed with the seq)", () => {
    const q = new EventQueue<string>();
    expect(() => q.push(1, 1.5, "x")).toThrow(/phase 1.5 is not an integer/);
    expect(() => q.push(1, -1, "x")).toThrow(/phase -1/);
    expect(q.size).toBe(0);
  });

  it("peekTime and popPayload agree with peek and pop", () => {
    const q = new EventQueue<string>();
    q.push(5, 2, "late");
    q.push(5, 1, "early");
    expect(q.peekTime()).toBe(5);
    expect(q.peek()).toEqual({ timeMs: 5, phase: 1, seq: 1, payload: "early" });
    expect(q.popPayload()).toBe("early");
    expect(q.pop()).toEqual({ timeMs: 5, phase: 2, seq: 0, payload: "late" });
    expect(q.peekTime()).toBeUndefined();
    expect(q.popPayload()).toBeUndefined();
  });
});
