/** The listener bus's task events: posted in one reused object, yet each listener reads the event it was given. */
import { describe, expect, it } from "vitest";
import { ListenerBus, type SparkListener, type SparkListenerTaskEnd, type SparkListenerTaskStart } from "../../../sim/spark/SparkListener.js";

/** Copies what it is given (the bus may fill the same object again after the call). */
class Recorder implements SparkListener {
  readonly starts: SparkListenerTaskStart[] = [];
  readonly ends: SparkListenerTaskEnd[] = [];
  onTaskStart(e: SparkListenerTaskStart): void {
    this.starts.push({ ...e });
  }
  onTaskEnd(e: SparkListenerTaskEnd): void {
    this.ends.push({ ...e });
  }
}

const start = (index: number): SparkListenerTaskStart => ({ stageId: 3, attempt: 1, index, executorId: `e${index}`, executorNumber: index, speculative: index % 2 === 1, timeMs: 100 + index });

describe("ListenerBus task events", () => {
  it("delivers each task start and end to every listener with one, in registration order", () => {
    const bus = new ListenerBus();
    const order: string[] = [];
    const a = new Recorder(), b = new Recorder();
    bus.add({ onTaskStart: () => order.push("a") });
    bus.add(a);
    bus.add({ onJobStart: () => order.push("never") });
    bus.add(b);
    bus.postTaskStartOf(3, 1, 7, "e7", 7, true, 107);
    bus.postTaskEndOf(3, 1, 7, "e7", 7, true, "Success", 120);
    expect(order).toEqual(["a"]);
    for (const r of [a, b]) {
      expect(r.starts).toEqual([start(7)]);
      expect(r.ends).toEqual([{ ...start(7), reason: "Success", timeMs: 120 }]);
    }
  });

  it("gives a task start posted while one is delivered its own object: the outer listeners still read the outer event", () => {
    const bus = new ListenerBus();
    const seenAfterInner: SparkListenerTaskStart[] = [];
    bus.add({
      onTaskStart: (e) => {
        if (e.index === 1) bus.postTaskStartOf(3, 1, 2, "e2", 2, false, 102);
      },
    });
    const rec = new Recorder();
    bus.add(rec);
    bus.add({ onTaskStart: (e) => void seenAfterInner.push({ ...e }) });
    bus.postTaskStartOf(3, 1, 1, "e1", 1, true, 101);
    // The inner start reached every listener first (the first listener posted it), then the outer one went on.
    expect(rec.starts).toEqual([start(2), start(1)]);
    expect(seenAfterInner).toEqual([start(2), start(1)]);
  });

  it("keeps delivering right events after a listener threw in the middle of one", () => {
    const bus = new ListenerBus();
    let fail = true;
    bus.add({
      onTaskEnd: () => {
        if (fail) throw new Error("listener failed");
      },
    });
    const rec = new Recorder();
    bus.add(rec);
    expect(() => bus.postTaskEndOf(3, 1, 4, "e4", 4, false, "Success", 104)).toThrow("listener failed");
    fail = false;
    bus.postTaskEndOf(3, 1, 5, "e5", 5, true, "Success", 105);
    bus.postTaskEndOf(3, 1, 6, "e6", 6, false, "Success", 106);
    expect(rec.ends).toEqual([5, 6].map((i) => ({ ...start(i), reason: "Success" })));
  });
});
