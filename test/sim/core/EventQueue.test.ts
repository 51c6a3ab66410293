import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventHeap } from "../../../sim/core/EventHeap.js";
import { EventQueue } from "../../../sim/core/EventQueue.js";

/** The wheel's largest span (EventQueue.ts): a push this far ahead of the time last popped always waits in its overflow heap. */
const WHEEL_MS = 2 ** 16;

interface Queue<T> {
  readonly size: number;
  push(timeMs: number, phase: number, payload: T): void;
  peek(): { timeMs: number; phase: number; seq: number; payload: T } | undefined;
  peekTime(): number | undefined;
  pop(): { timeMs: number; phase: number; seq: number; payload: T } | undefined;
  popPayload(): T | undefined;
}

describe.each([
  ["EventQueue", <T>(): Queue<T> => new EventQueue<T>()],
  ["EventHeap", <T>(): Queue<T> => new EventHeap<T>()],
])("%s", (_name, make) => {
  it("orders by time first", () => {
    const q = make<string>();
    q.push(300, 0, "c");
    q.push(100, 5, "a");
    q.push(200, 0, "b");
    expect([q.pop()?.payload, q.pop()?.payload, q.pop()?.payload]).toEqual(["a", "b", "c"]);
  });

  it("orders events at the same millisecond by phase", () => {
    const q = make<string>();
    q.push(100, 3, "tick");
    q.push(100, 0, "taskEnd");
    q.push(100, 2, "driver");
    q.push(100, 1, "registered");
    expect([1, 2, 3, 4].map(() => q.pop()?.payload)).toEqual(["taskEnd", "registered", "driver", "tick"]);
  });

  it("keeps insertion order for equal time and phase (seq)", () => {
    const q = make<number>();
    for (let i = 0; i < 50; i++) q.push(7, 1, i);
    const out: number[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.payload);
    expect(out).toEqual([...Array(50).keys()]);
  });

  it("pops any sequence of pushes in (time, phase, seq) order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 }), (items) => {
        const q = make<number>();
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
    const q = make<string>();
    expect(() => q.push(1, 1.5, "x")).toThrow(/phase 1.5 is not an integer/);
    expect(() => q.push(1, -1, "x")).toThrow(/phase -1/);
    expect(q.size).toBe(0);
  });

  it("peekTime and popPayload agree with peek and pop", () => {
    const q = make<string>();
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

/** Pops everything left as [time, phase, payload]. */
function drain<T>(q: Queue<T>): Array<[number, number, T]> {
  const out: Array<[number, number, T]> = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push([e.timeMs, e.phase, e.payload]);
  return out;
}

describe("EventQueue (timing wheel)", () => {
  it("refuses a push before the time last popped, or a time that is not whole milliseconds, and stays usable", () => {
    const q = new EventQueue<string>();
    q.push(10, 0, "a");
    q.push(20, 0, "b");
    expect(q.popPayload()).toBe("a");
    expect(() => q.push(9, 0, "x")).toThrow("EventQueue.push: time 9 ms is not a whole number of milliseconds at or after 10 ms (the time last popped)");
    expect(() => q.push(10.5, 0, "x")).toThrow(/time 10.5 ms is not a whole number/);
    expect(() => q.push(Number.NaN, 0, "x")).toThrow(/time NaN ms/);
    q.push(10, 0, "c");
    expect(q.size).toBe(2);
    expect(drain(q)).toEqual([
      [10, 0, "c"],
      [20, 0, "b"],
    ]);
  });

  it("wraps around the wheel: times many spans apart, in and out of order, come out in time order", () => {
    const q = new EventQueue<number>();
    const times = [3, WHEEL_MS - 1, WHEEL_MS, WHEEL_MS + 3, 2 * WHEEL_MS + 3, 5 * WHEEL_MS, 5 * WHEEL_MS + 1, 3 * WHEEL_MS - 1];
    times.forEach((t, i) => q.push(t, 0, i));
    expect(drain(q).map(([t]) => t)).toEqual([...times].sort((a, b) => a - b));
    // after popping far ahead, a slot's index is reused for a later time
    q.push(5 * WHEEL_MS + 3, 0, 99);
    q.push(6 * WHEEL_MS + 2, 0, 100);
    expect(drain(q)).toEqual([
      [5 * WHEEL_MS + 3, 0, 99],
      [6 * WHEEL_MS + 2, 0, 100],
    ]);
  });

  it("keeps order past 2^31 and 2^32 ms (30 simulated days is 2.6e9 ms; slots come from the time's low bits)", () => {
    const q = new EventQueue<number>();
    const times = [2 ** 31 - 2, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + WHEEL_MS, 2 ** 40 + 3];
    [...times].reverse().forEach((t, i) => q.push(t, 0, i));
    const popped: number[] = [];
    for (let t = q.peekTime(); t !== undefined; t = q.peekTime()) {
      popped.push(t);
      q.popPayload();
      if (t === 2 ** 31) q.push(2 ** 31 + 1, 0, 99); // beside an event already in that slot
    }
    expect(popped).toEqual([...times.slice(0, 4), 2 ** 31 + 1, ...times.slice(4)]);
  });

  it("puts events moved from beyond the wheel in their order among those pushed later at the same time", () => {
    const q = new EventQueue<string>();
    const t = WHEEL_MS + 500;
    q.push(t, 2, "far phase 2"); // beyond the wheel at push time
    q.push(t, 0, "far phase 0");
    q.push(t, 2, "far phase 2 again");
    q.push(1000, 0, "step");
    expect(q.popPayload()).toBe("step"); // base 1000: t is within the wheel now, moved into its slot
    q.push(t, 1, "near phase 1");
    q.push(t, 2, "near phase 2");
    q.push(t, 0, "near phase 0");
    expect(drain(q).map(([, , p]) => p)).toEqual(["far phase 0", "near phase 0", "near phase 1", "far phase 2", "far phase 2 again", "near phase 2"]);
  });

  it("pops a same-millisecond burst of thousands (fixed task durations) in seq order, with pushes at the current time among them", () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 5000; i++) q.push(2000, 1, i);
    const out: number[] = [];
    for (let i = 0; i < 2500; i++) out.push(q.popPayload()!);
    q.push(2000, 0, -1); // at the current time, an earlier phase: next
    q.push(2000, 1, 5000); // same phase: after the burst
    q.push(2000, 2, 5001); // a later phase: last
    for (let e = q.popPayload(); e !== undefined; e = q.popPayload()) out.push(e);
    expect(out).toEqual([...Array(2500).keys(), -1, ...Array.from({ length: 2501 }, (_, i) => 2500 + i), 5001]);
  });

  it("takes pushes at the current time after the only event of that millisecond was popped, in phase order", () => {
    const q = new EventQueue<string>();
    q.push(7, 1, "first");
    q.push(9, 0, "later");
    expect(q.popPayload()).toBe("first");
    q.push(7, 3, "tick");
    q.push(7, 0, "end");
    expect(q.peekTime()).toBe(7);
    expect(q.peek()).toEqual({ timeMs: 7, phase: 0, seq: 3, payload: "end" });
    expect(drain(q).map(([, , p]) => p)).toEqual(["end", "tick", "later"]);
  });

  it("peekTime sees a push earlier than the next event it found", () => {
    const q = new EventQueue<string>();
    q.push(500, 0, "b");
    expect(q.peekTime()).toBe(500);
    q.push(300, 0, "a");
    expect(q.peekTime()).toBe(300);
    q.push(WHEEL_MS * 3, 0, "far");
    expect(q.popPayload()).toBe("a");
    expect(q.popPayload()).toBe("b");
    expect(q.peekTime()).toBe(WHEEL_MS * 3);
    expect(q.popPayload()).toBe("far");
    expect(q.size).toBe(0);
  });

  /** One step of a run: pop, peek, or push at the time last popped plus a delta. */
  const step = fc.oneof(
    { arbitrary: fc.constant({ pop: true as const }), weight: 4 },
    { arbitrary: fc.constant({ peek: true as const }), weight: 2 },
    {
      arbitrary: fc.record({
        delta: fc.oneof(
          { arbitrary: fc.constant(0), weight: 3 },
          { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 3 },
          { arbitrary: fc.integer({ min: 0, max: 3 * WHEEL_MS }), weight: 2 },
          { arbitrary: fc.integer({ min: WHEEL_MS - 3, max: WHEEL_MS + 3 }), weight: 1 },
          { arbitrary: fc.integer({ min: 0, max: 2 ** 24 }), weight: 1 },
        ),
        phase: fc.integer({ min: 0, max: 6 }),
        count: fc.oneof({ arbitrary: fc.constant(1), weight: 4 }, { arbitrary: fc.integer({ min: 2, max: 40 }), weight: 1 }),
      }),
      weight: 5,
    },
  );

  /** Replays the steps on the wheel and on the binary heap from a first event at `startMs`; both must agree on every answer. */
  function agreesWithHeap(startMs: number, steps: ReadonlyArray<{ pop: true } | { peek: true } | { delta: number; phase: number; count: number }>): void {
    const wheel = new EventQueue<number>();
    const heap = new EventHeap<number>();
    wheel.push(startMs, 0, -1);
    heap.push(startMs, 0, -1);
    expect(wheel.popPayload()).toBe(heap.popPayload());
    let now = startMs;
    let id = 0;
    const seen: unknown[] = [];
    const expected: unknown[] = [];
    for (const s of steps) {
      if ("peek" in s) {
        seen.push([wheel.peekTime(), wheel.peek()]);
        expected.push([heap.peekTime(), heap.peek()]);
      } else if ("pop" in s) {
        const t = heap.peekTime();
        seen.push([wheel.size, wheel.peekTime(), wheel.popPayload()]);
        expected.push([heap.size, t, heap.popPayload()]);
        if (t !== undefined) now = t;
      } else {
        for (let i = 0; i < s.count; i++, id++) {
          wheel.push(now + s.delta, s.phase, id);
          heap.push(now + s.delta, s.phase, id);
        }
      }
    }
    expect(seen).toEqual(expected);
    expect(drain(wheel)).toEqual(drain(heap));
  }

  it("pops exactly what the binary heap pops, peekTime and size included, for any run that never pushes into the past", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => agreesWithHeap(0, steps)),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it("agrees with the binary heap while its wheel grows (long runs with many events far ahead, from any start time)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 33 }), fc.array(step, { minLength: 200, maxLength: 800 }), (startMs, steps) => agreesWithHeap(startMs, steps)),
      { seed: 20261207, numRuns: 60 },
    );
  });
});
