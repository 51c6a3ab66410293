import { describe, expect, it } from "vitest";
import { SeededRandom, normal } from "../../../sim/core/random.js";

const draws = (s: { next(): number }, n: number): number[] => Array.from({ length: n }, () => s.next());

describe("SeededRandom", () => {
  it("gives the same draws for the same seed and stream name", () => {
    expect(draws(new SeededRandom(7).stream("a"), 5)).toEqual(draws(new SeededRandom(7).stream("a"), 5));
  });

  it("gives different draws for another seed or another stream", () => {
    const base = draws(new SeededRandom(7).stream("a"), 5);
    expect(draws(new SeededRandom(8).stream("a"), 5)).not.toEqual(base);
    expect(draws(new SeededRandom(7).stream("b"), 5)).not.toEqual(base);
  });

  it("keeps substreams independent: drawing from one does not shift another", () => {
    const r1 = new SeededRandom(3);
    const a1 = r1.stream("taskDurationMs", 1);
    const b1 = r1.stream("taskDurationMs", 2);
    draws(a1, 1000);
    const r2 = new SeededRandom(3);
    expect(draws(b1, 10)).toEqual(draws(r2.stream("taskDurationMs", 2), 10));
  });

  it("draws uniforms in [0, 1) and normals with mean 0 and sd 1", () => {
    const s = new SeededRandom(1).stream("u");
    const u = draws(s, 20000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const n = Array.from({ length: 20000 }, () => normal(s));
    const mean = n.reduce((a, b) => a + b, 0) / n.length;
    const sd = Math.sqrt(n.reduce((a, b) => a + (b - mean) ** 2, 0) / n.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
});
