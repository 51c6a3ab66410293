import { describe, expect, it } from "vitest";
import { RUN_METRIC_KEYS, type RunMetrics } from "../../src/sweep/index.js";
import { RunResults } from "../../src/sweep/RunResults.js";

const metrics = (base: number): RunMetrics =>
  Object.fromEntries(RUN_METRIC_KEYS.map((k, i) => [k, base + i / 7])) as unknown as RunMetrics;

describe("RunResults", () => {
  it("gives back each run's metrics exactly, keys in RUN_METRIC_KEYS order, whatever order runs were written in", () => {
    const r = RunResults.forRuns(3);
    r.write(2, metrics(200));
    r.write(0, metrics(0));
    r.write(1, metrics(100));
    for (const run of [0, 1, 2]) {
      const m = r.read(run);
      expect(m).toEqual(metrics(run * 100));
      expect(Object.keys(m)).toEqual([...RUN_METRIC_KEYS]);
    }
  });

  it("keeps -0, NaN, Infinity and large integers as they are (a CSV row prints them)", () => {
    const r = RunResults.forRuns(1);
    const odd = { ...metrics(0), makespanMs: 2 ** 53 - 1, utilization: NaN, executorSeconds: -0, coreSeconds: Infinity };
    r.write(0, odd);
    const back = r.read(0);
    expect(back.makespanMs).toBe(2 ** 53 - 1);
    expect(back.utilization).toBeNaN();
    expect(Object.is(back.executorSeconds, -0)).toBe(true);
    expect(back.coreSeconds).toBe(Infinity);
  });

  it("is one block of memory for every thread that attaches to it", () => {
    const main = RunResults.forRuns(2);
    expect(main.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const other = RunResults.attach(structuredClone(main.data));
    other.write(1, metrics(5));
    expect(main.read(1)).toEqual(metrics(5));
  });
});
