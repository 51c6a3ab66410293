import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, integrateDifference, modelError, timelineError, valueAt, type StepSeries } from "../../src/replay/index.js";

const series = (endMs: number, ...points: [number, number][]): StepSeries => ({ endMs, points: points.map(([timeMs, value]) => ({ timeMs, value })) });

describe("timeline error", () => {
  // actual: 0 until 10 s, 4 executors 10-30 s, 2 executors 30-40 s (end).
  const actual = series(40_000, [0, 0], [10_000, 4], [30_000, 2]);
  // simulated: 2 executors 5-20 s, 4 executors 20-50 s (end, 10 s after the actual end).
  const simulated = series(50_000, [0, 0], [5000, 2], [20_000, 4]);

  it("integrates |sim - actual| over [0, max(ends)], with 0 after each run's end", () => {
    // 0-5: 0 | 5-10: 2 | 10-20: 2 | 20-30: 0 | 30-40: 2 | 40-50: 4 (actual ended)
    const diffMs = 0 * 5000 + 2 * 5000 + 2 * 10_000 + 0 + 2 * 10_000 + 4 * 10_000;
    const actualMs = 4 * 20_000 + 2 * 10_000;
    expect(integrateDifference(simulated, actual)).toEqual({ absDiff: diffMs, integralB: actualMs });
    expect(timelineError(simulated, actual)).toBeCloseTo(diffMs / actualMs, 12);
  });

  it("is 0 for identical timelines and symmetric in its numerator", () => {
    expect(timelineError(actual, actual)).toBe(0);
    expect(integrateDifference(actual, simulated).absDiff).toBe(integrateDifference(simulated, actual).absDiff);
  });

  it("reads step values, 0 from the end on", () => {
    expect([valueAt(actual, 9999), valueAt(actual, 10_000), valueAt(actual, 39_999), valueAt(actual, 40_000)]).toEqual([0, 4, 2, 0]);
  });

  it("compares run time, executor-seconds and peak with signed and relative differences", () => {
    const e = modelError({
      hadExecutors: true,
      localMode: false,
      actual,
      actualExecutorSeconds: 100,
      actualPeakExecutors: 4,
      simulated,
      simulatedExecutorSeconds: 150,
      simulatedPeakExecutors: 4,
    });
    expect(e.kind).toBe("compared");
    if (e.kind !== "compared") return;
    expect(e.runTimeMs).toEqual({ simulated: 50_000, actual: 40_000, difference: 10_000, relative: 0.25 });
    expect(e.executorSeconds.relative).toBe(0.5);
    expect(e.peakExecutors.difference).toBe(0);
    expect(e.absoluteDifferenceExecutorSeconds).toBe(90);
    expect(e.timelineError).toBeCloseTo(0.9, 12);
  });

  it("has no relative difference against 0", () => {
    expect(compare(3, 0).relative).toBeUndefined();
  });

  it("says there is nothing to compare when the log has no executors", () => {
    const e = modelError({
      hadExecutors: false,
      localMode: true,
      actual: series(1000),
      actualExecutorSeconds: 0,
      actualPeakExecutors: 0,
      simulated,
      simulatedExecutorSeconds: 150,
      simulatedPeakExecutors: 4,
    });
    expect(e).toMatchObject({ kind: "no-executors" });
    if (e.kind === "no-executors") expect(e.reason).toMatch(/local mode/);
  });
});

describe("integrateDifference against the sum over every instant (property)", () => {
  /** The definition: every instant of either series (and 0 and both ends) within [0, max end], sorted, summed pair by pair. */
  function reference(a: StepSeries, b: StepSeries): { absDiff: number; integralB: number } {
    const end = Math.max(a.endMs, b.endMs);
    const times = [...new Set([0, a.endMs, b.endMs, ...a.points.map((p) => p.timeMs), ...b.points.map((p) => p.timeMs)])].filter((t) => t >= 0 && t <= end).sort((x, y) => x - y);
    let absDiff = 0;
    let integralB = 0;
    for (let i = 0; i + 1 < times.length; i++) {
      const t = times[i]!;
      const dt = times[i + 1]! - t;
      const va = valueAt(a, t);
      const vb = valueAt(b, t);
      absDiff += Math.abs(va - vb) * dt;
      integralB += vb * dt;
    }
    return { absDiff, integralB };
  }

  const point = fc.record({ timeMs: fc.integer({ min: -5, max: 60 }), value: fc.integer({ min: 0, max: 9 }) });
  const series = (sorted: boolean) =>
    fc.record({ points: fc.array(point, { maxLength: 12 }), endMs: fc.integer({ min: -5, max: 70 }) }).map((s) => (sorted ? { ...s, points: [...s.points].sort((x, y) => x.timeMs - y.timeMs) } : s));

  it("equals it for sorted series (merged as read) and unsorted ones (collected), bit for bit", () => {
    for (const sorted of [true, false]) {
      fc.assert(
        fc.property(series(sorted), series(sorted), (a, b) => {
          expect(integrateDifference(a, b)).toEqual(reference(a, b));
        }),
        { numRuns: 1000 },
      );
    }
  });
});
