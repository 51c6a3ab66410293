import { describe, expect, it } from "vitest";
import { Simulation } from "../../../sim/core/Simulation.js";

describe("Simulation", () => {
  it("runUntil(t) processes events exactly at t and leaves now = t", () => {
    const seen: number[] = [];
    const sim = new Simulation<number>((_, t) => seen.push(t));
    sim.schedule(100, 0, 0);
    sim.schedule(200, 0, 0);
    sim.schedule(201, 0, 0);
    sim.runUntil(200);
    expect(seen).toEqual([100, 200]);
    expect(sim.now).toBe(200);
    expect(sim.nextTime()).toBe(201);
  });

  it("runUntil(t) also processes events that handlers schedule at t", () => {
    const seen: string[] = [];
    const sim = new Simulation<string>((e, t) => {
      seen.push(`${e}@${t}`);
      if (e === "first") sim.schedule(t, 0, "scheduled-at-now");
    });
    sim.schedule(50, 1, "first");
    sim.runUntil(50);
    expect(seen).toEqual(["first@50", "scheduled-at-now@50"]);
  });

  it("an event scheduled at now in an earlier phase runs next, not before the current one", () => {
    const seen: string[] = [];
    const sim = new Simulation<string>((e, t) => {
      seen.push(e);
      if (e === "late-phase") sim.schedule(t, 0, "early-phase");
    });
    sim.schedule(10, 3, "late-phase");
    sim.schedule(10, 3, "late-phase-2");
    sim.run();
    expect(seen).toEqual(["late-phase", "early-phase", "late-phase-2"]);
  });

  it("refuses to schedule in the past or at fractional milliseconds", () => {
    const sim = new Simulation<number>(() => {});
    sim.schedule(10, 0, 0);
    sim.runUntil(10);
    expect(() => sim.schedule(9, 0, 0)).toThrow("Simulation.schedule: time 9 ms is before now (10 ms)");
    expect(() => sim.schedule(10.5, 0, 0)).toThrow("Simulation.schedule: time 10.5 ms is not an integer number of milliseconds");
    // Both wrong: the fraction is reported; NaN is no integer either.
    expect(() => sim.schedule(9.5, 0, 0)).toThrow("time 9.5 ms is not an integer");
    expect(() => sim.schedule(Number.NaN, 0, 0)).toThrow("time NaN ms is not an integer");
    expect(sim.pending).toBe(0);
  });

  it("counts processed events and stops run() when asked", () => {
    const sim = new Simulation<number>(() => {});
    for (let i = 0; i < 5; i++) sim.schedule(i, 0, i);
    sim.run(() => sim.now >= 2);
    expect(sim.eventsProcessed).toBe(3);
    expect(sim.pending).toBe(2);
  });

  it("takeDue(t) hands over the due events one by one, events scheduled at t included, and moves the clock to each", () => {
    const sim = new Simulation<string>(() => {
      throw new Error("takeDue does not call the handler");
    });
    sim.schedule(5, 0, "a");
    sim.schedule(7, 1, "b");
    sim.schedule(7, 0, "c");
    sim.schedule(9, 0, "d");
    const seen: string[] = [];
    for (let e = sim.takeDue(7); e !== undefined; e = sim.takeDue(7)) {
      seen.push(`${e}@${sim.now}`);
      if (e === "c") sim.schedule(7, 2, "at-now");
    }
    expect(seen).toEqual(["a@5", "c@7", "b@7", "at-now@7"]);
    expect(sim.eventsProcessed).toBe(4);
    expect(sim.nextTime()).toBe(9);
    expect(sim.takeDue(8)).toBeUndefined();
    expect(sim.now).toBe(7);
  });
});
