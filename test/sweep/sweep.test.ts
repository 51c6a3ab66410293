import { describe, expect, it } from "vitest";
import {
  analyzeSweep,
  formatSweep,
  mergeSweeps,
  parseGrid,
  readSweepCsv,
  requireWorkerEntry,
  sweep,
  sweepCsv,
  SweepConfigError,
  SweepError,
  type SweepResult,
} from "../../src/sweep/index.js";
import { randomWorkload } from "./sweepScenario.js";

const MAX = "spark.dynamicAllocation.maxExecutors";
const MIN = "spark.dynamicAllocation.minExecutors";
const GRID = parseGrid([`${MAX}=4..16:4`, `${MIN}=0,2`, "spark.dynamicAllocation.executorIdleTimeout=10s,60s"]);

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("sweep: checking the grid before running", () => {
  it("reports every point Spark would refuse, with Spark's messages and the values, and runs nothing", async () => {
    let progressCalls = 0;
    const grid = parseGrid([`${MAX}=0,4,ten`, `${MIN}=0,6`]);
    const e = await caught(sweep(randomWorkload(), grid, { workers: 1, onProgress: () => progressCalls++ }));
    expect(e).toBeInstanceOf(SweepConfigError);
    const err = e as SweepConfigError;
    expect(progressCalls).toBe(0);
    expect(err.totalPoints).toBe(6);
    expect(err.points.map((p) => p.gridIndex)).toEqual([0, 1, 3, 4, 5]);
    expect(err.points[0]!.messages).toContain(`org.apache.spark.SparkException: ${MAX} cannot be 0!`);
    expect(err.points[2]!.values).toEqual({ [MAX]: "4", [MIN]: "6" });
    expect(err.points[2]!.messages).toContain(`org.apache.spark.SparkException: ${MIN} (6) must be less than or equal to ${MAX} (4)!`);
    expect(err.points[3]!.messages).toEqual([`java.lang.IllegalArgumentException: ${MAX} should be int, but was ten`]);
    expect(err.message).toMatch(/^Spark would refuse to start with 5 of the 6 grid points \(nothing was run; set skipInvalid to run the others\):\n  #0 spark\.dynamicAllocation\.maxExecutors=0 spark\.dynamicAllocation\.minExecutors=0\n/);
  });

  it("checks the driver keys the cost model reads", async () => {
    const e = await caught(sweep(randomWorkload(), parseGrid(["spark.driver.memory=2g,lots"]), { workers: 1 }));
    expect((e as SweepConfigError).points.map((p) => p.gridIndex)).toEqual([1]);
    expect((e as SweepConfigError).points[0]!.messages[0]).toMatch(/^java\.lang\.NumberFormatException: Size must be specified/);
  });

  it("with skipInvalid runs the others and lists the skipped points", async () => {
    const r = await sweep(randomWorkload(), parseGrid([`${MAX}=0,4,8`]), { workers: 1, skipInvalid: true });
    expect(r.skipped.map((s) => s.gridIndex)).toEqual([0]);
    expect(r.rows.map((row) => row.gridIndex)).toEqual([1, 2]);
    expect(r.analysis?.configs.map((c) => c.gridIndex).sort()).toEqual([1, 2]);
    expect(formatSweep(r, r.analysis)).toContain(`skipped 1 grid point Spark would refuse (--skip-invalid):\n  #0 ${MAX}=0: org.apache.spark.SparkException: ${MAX} cannot be 0!`);
  });

  it("applies the base conf to every point", async () => {
    const r = await sweep(randomWorkload(), parseGrid([`${MAX}=6`]), { workers: 1, baseConf: { "spark.executor.cores": "4" } });
    expect(r.rows[0]!.metrics.peakExecutors).toBeLessThanOrEqual(6);
    expect(r.analysis?.recommendation.kind === "chosen" && r.analysis.recommendation.changes).toEqual({ [MAX]: "6", "spark.executor.cores": "4" });
  });

  it("refuses a key given both in baseConf and in the grid (one would silently win and mislabel every row)", async () => {
    await expect(sweep(randomWorkload(), parseGrid([`${MAX}=6`]), { workers: 1, baseConf: { [MAX]: "100" } })).rejects.toThrow(
      `grid ${MAX} and baseConf ${MAX}=100: give the key in one of them`,
    );
  });
});

describe("sweep: errors speak the library's words (the CLI restates them with its flags)", () => {
  it("names the options of the API, and says the same with the CLI's flags when restated", async () => {
    const cases: Array<[Promise<unknown>, string, string]> = [
      [sweep(randomWorkload(), parseGrid([`${MAX}=6`]), { seeds: 0 }), "seeds 0: must be a whole number >= 1", "--seeds 0: must be a whole number >= 1"],
      [sweep(randomWorkload(), parseGrid([`${MAX}=6`]), { workers: 0 }), "workers 0: must be a whole number >= 1", "--workers 0: must be a whole number >= 1"],
      [
        sweep(randomWorkload(), parseGrid([`${MAX}=6`]), { prices: { vcpuHourUsd: -1, gibHourUsd: 0 } }),
        "prices.vcpuHourUsd -1: must be a price in US dollars >= 0",
        "--price-vcpu-hour -1: must be a price in US dollars >= 0",
      ],
      [sweep(randomWorkload(), parseGrid([`${MAX}=6`]), { shard: { index: 2, count: 2 } }), "shard 2/2: expected i/n with 0 <= i < n", "--shard 2/2: expected i/n with 0 <= i < n"],
      [sweep(randomWorkload(), [{ key: MAX, values: [] }]), `grid ${MAX}: no values`, `--grid ${MAX}: no values`],
      [
        sweep(randomWorkload(), parseGrid(["spark.kubernetes.allocation.batch.size=5,10"]), { workers: 1 }),
        "only act on Spark's Kubernetes pod allocator: set the scenario's cluster.manager to kubernetes",
        "only act on Spark's Kubernetes pod allocator: pass --cluster-manager kubernetes (or set cluster.manager in the scenario)",
      ],
    ];
    const cli = { seeds: "--seeds", workers: "--workers", grid: "--grid", baseConf: "--conf", shard: "--shard", objective: "--objective", sla: "--sla", vcpuHourPrice: "--price-vcpu-hour", gibHourPrice: "--price-gb-hour", skipInvalid: "pass --skip-invalid", oneWorker: "pass --workers 1", setConf: (s: string) => `add --conf ${s}`, kubernetes: "pass --cluster-manager kubernetes (or set cluster.manager in the scenario)" };
    for (const [run, api, restated] of cases) {
      const e = await caught(run);
      expect(e).toBeInstanceOf(SweepError);
      const err = e as SweepError;
      expect(err.message).toContain(api);
      expect(err.message).not.toMatch(/--[a-z]/);
      err.restate(cli);
      expect(err.message).toContain(restated);
    }
  });
});

describe("sweep: runs, seeds and cost", () => {
  it("runs each point with seeds base+0..N-1 and reports median and p90 over them", async () => {
    const r = await sweep(randomWorkload(20), parseGrid([`${MAX}=4,12`]), { workers: 1, seeds: 5 });
    expect(r.rows.map((row) => [row.gridIndex, row.seedIndex, row.seed])).toEqual([0, 1].flatMap((g) => [0, 1, 2, 3, 4].map((s) => [g, s, 20 + s])));
    const times = r.rows.filter((row) => row.gridIndex === 0).map((row) => row.metrics.makespanMs);
    expect(new Set(times).size).toBeGreaterThan(1);
    const sorted = [...times].sort((a, b) => a - b);
    const c0 = r.analysis!.configs.find((c) => c.gridIndex === 0)!;
    expect(c0.runTimeMs).toEqual({ median: sorted[2], p90: sorted[4] });
    expect(c0.runs).toBe(5);
  });

  it("counts the driver for the whole run time", async () => {
    const r = await sweep(randomWorkload(), [], { workers: 1, prices: { vcpuHourUsd: 1, gibHourUsd: 0 } });
    const row = r.rows[0]!;
    // Overhead: floor(0.1 x 4096 MiB), as Spark truncates with toLong.
    expect(row.driver).toEqual({ cores: 2, containerMemoryMiB: 4096 + 409 });
    expect(row.cost.vcpuHours).toBeCloseTo(row.metrics.coreSeconds / 3600 + (2 * row.metrics.makespanMs) / 3_600_000, 12);
    expect(row.cost.costUsd).toBe(row.cost.vcpuHours);
  });

  it("is deterministic: the same sweep twice gives the same rows", async () => {
    const a = await sweep(randomWorkload(), GRID, { workers: 1, seeds: 2 });
    const b = await sweep(randomWorkload(), GRID, { workers: 1, seeds: 2 });
    expect(b.rows).toEqual(a.rows);
  });
});

describe("sweep: CSV, shards and merge", () => {
  it("reads its CSV back to the same runs", async () => {
    const r = await sweep(randomWorkload(), GRID, { workers: 1, seeds: 2 });
    const back = readSweepCsv(sweepCsv(r, r.analysis), "r.csv");
    expect(back.meta).toEqual(r.meta);
    expect(back.rows).toEqual(r.rows);
  });

  it("gives the same CSV and report from merged shards as from one unsharded run", async () => {
    const grid = parseGrid([`${MAX}=0,4..16:4`, `${MIN}=0,2`]);
    const options = { workers: 1, seeds: 3, skipInvalid: true } as const;
    const whole: SweepResult = await sweep(randomWorkload(), grid, options);
    expect(whole.skipped.length).toBe(2);
    const shardTexts = await Promise.all([0, 1, 2].map(async (index) => {
      const part = await sweep(randomWorkload(), grid, { ...options, shard: { index, count: 3 } });
      expect(part.analysis).toBeUndefined();
      return sweepCsv(part, part.analysis);
    }));
    // Files in any order.
    const order = [2, 0, 1];
    const merged = mergeSweeps(order.map((i) => readSweepCsv(shardTexts[i]!, `s${i}.csv`)), order.map((i) => `s${i}.csv`));
    const analysis = analyzeSweep(merged);
    expect(sweepCsv(merged, analysis)).toBe(sweepCsv(whole, whole.analysis));
    expect(formatSweep(merged, analysis)).toBe(formatSweep(whole, whole.analysis));
  });

  it("refuses shard files that do not make up one sweep", async () => {
    const parts = await Promise.all([0, 1].map((index) => sweep(randomWorkload(), GRID, { workers: 1, shard: { index, count: 2 } })));
    const texts = parts.map((p) => sweepCsv(p));
    const read = (i: number) => readSweepCsv(texts[i]!, `s${i}.csv`);
    expect(() => mergeSweeps([read(0)], ["s0.csv"])).toThrow("shard 1/2 missing: merge needs every shard's file");
    expect(() => mergeSweeps([read(0), read(0)], ["s0.csv", "again.csv"])).toThrow("again.csv and s0.csv are both shard 0/2");
    const other = await sweep(randomWorkload(99), GRID, { workers: 1, shard: { index: 1, count: 2 } });
    expect(() => mergeSweeps([read(0), readSweepCsv(sweepCsv(other), "other.csv")], ["s0.csv", "other.csv"])).toThrow(/other\.csv is from another sweep than s0\.csv/);
    const cut = texts[1]!.split("\n").slice(0, -3).join("\n") + "\n";
    expect(() => mergeSweeps([read(0), readSweepCsv(cut, "cut.csv")], ["s0.csv", "cut.csv"])).toThrow(/cut\.csv: grid point #\d+ has 0 of 1 runs \(was the file cut short\?\)/);
  });

  it("re-prices merged runs without running them again", async () => {
    const whole = await sweep(randomWorkload(), GRID, { workers: 1 });
    const repriced = mergeSweeps([readSweepCsv(sweepCsv(whole), "w.csv")], ["w.csv"], { prices: { vcpuHourUsd: 0.1012, gibHourUsd: 0.0111125 } });
    expect(repriced.rows[0]!.cost.costUsd).toBeCloseTo(whole.rows[0]!.cost.costUsd * 2, 10);
    expect(repriced.meta.prices.vcpuHourUsd).toBe(0.1012);
  });
});

describe("worker threads", () => {
  it("explain how to get the compiled worker when it is missing", () => {
    expect(() => requireWorkerEntry("/nonexistent/dist/src/sweep/worker.js")).toThrow(SweepError);
    expect(() => requireWorkerEntry("/nonexistent/dist/src/sweep/worker.js")).toThrow(/run npm run build \(or set workers to 1\)/);
  });
});
