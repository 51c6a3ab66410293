import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { itShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SWEEP_CSV_MARKER } from "../../src/sweep/index.js";
import { sweepCli } from "./sweepCli.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
const MAX = "spark.dynamicAllocation.maxExecutors";
const MIN = "spark.dynamicAllocation.minExecutors";
const dir = useTempDir("dra-sim-sweep-cli");

// The seed scenario: initial 10 executors, min 5, max 100, 6 cores and 20G each, driver 5 cores and 15G.
const SEED_GRID = ["--grid", `${MAX}=20,50,100`, "--grid", `${MIN}=0,5`];

describe("dra-sim sweep", () => {
  it("prints the configs sorted by cost, the Pareto front and the recommendation, and nothing on a non-terminal stderr", async () => {
    const r = await sweepCli(dir, ["sweep", SEED, ...SEED_GRID, "--workers", "1"]);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe('sweep of "seed-trip-count": 6 configs x 1 seed (seed 1, Spark 3.0.1, spark-dra-sim 0.1.0)');
    expect(r.stdout).toContain(`  grid ${MAX} = 20, 50, 100\n  grid ${MIN} = 0, 5\n`);
    expect(r.stdout).toContain("  cost: $0.0506 per vCPU-hour + $0.00555625 per GiB-hour of container memory");
    // Rows: cheapest first.
    const rows = lines.filter((l) => /^[* ]  #\d/.test(l));
    expect(rows.map((l) => l.match(/#(\d)/)![1])).toEqual(["0", "1", "2", "3", "4", "5"]);
    const costs = rows.map((l) => Number(l.match(/\$([\d.]+)/)![1]));
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    expect(rows[2]).toMatch(/^\*  #2  50 +0 +4 min 18 s +\$1\.369 .*<- recommended$/);
    expect(r.stdout).toContain("recommendation: the cheapest config within 10 % of the fastest run time (medians over seeds):\n  #2 spark.dynamicAllocation.maxExecutors=50 spark.dynamicAllocation.minExecutors=0\n");
    expect(r.stdout).toContain(`  spark-submit options:\n    --conf ${MAX}=50 \\\n    --conf ${MIN}=0\n`);
    expect(r.stdout).toContain('"classification": "spark-defaults"');
    expect(r.stdout).toContain(`"${MAX}": "50"`);
    expect(r.stdout).toContain('"spark.dynamicAllocation.shuffleTracking.enabled": "true"');
  });

  it("writes a plain CSV, one row per config and seed, the config keys as columns, its metadata in a sidecar", async () => {
    const r = await sweepCli(dir, ["sweep", SEED, ...SEED_GRID, "--seeds", "2", "--workers", "1", "--out", "seed.csv", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const text = readFileSync(join(dir, "seed.csv"), "utf8");
    // The header is the first line: any CSV reader with default options loads the table.
    const [header, ...rows] = text.trimEnd().split("\n");
    expect(text).not.toContain("#dra-sim-sweep");
    const meta = JSON.parse(readFileSync(join(dir, "seed.csv.meta.json"), "utf8")) as Record<string, unknown>;
    expect(meta).toMatchObject({ format: "dra-sim-sweep/1", seeds: 2, prices: { vcpuHourUsd: 0.0506, gibHourUsd: 0.00555625 }, objective: { kind: "cheapest-within", fraction: 0.1 }, shard: { index: 0, count: 1 } });
    expect(header).toBe(
      `grid_index,seed_index,seed,${MAX},${MIN},status,cost_usd,vcpu_hours,memory_gib_hours,pareto,recommended,driver_cores,driver_memory_mib,` +
        "run_time_ms,driver_ready_ms,executor_seconds,executor_core_seconds,executor_memory_gib_seconds,peak_executors,executors_requested," +
        "executors_added,executors_removed,requests_cancelled,utilization,busy_task_slot_seconds,allocated_task_slot_seconds,tasks,error",
    );
    expect(rows.length).toBe(12);
    expect(rows[0]).toMatch(/^0,0,1,20,0,ok,[\d.]+,[\d.]+,[\d.]+,true,false,5,16896,299000,/);
    expect(rows[5]).toMatch(/^2,1,2,50,0,ok,.*,true,true,5,16896,/);
  });

  it("gives the same table, front, recommendation and CSV from merged shards as unsharded", async () => {
    const common = [...SEED_GRID, "--grid", "spark.dynamicAllocation.executorIdleTimeout=30s,60s", "--workers", "1", "--objective", "cheapest-within=20%"];
    const whole = await sweepCli(dir, ["sweep", SEED, ...common, "--out", "whole.csv"]);
    expect(whole.code).toBe(0);
    for (const i of [0, 1, 2]) {
      const s = await sweepCli(dir, ["sweep", SEED, ...common, "--shard", `${i}/3`, "--out", `shard-${i}.csv`]);
      expect(s.code).toBe(0);
      expect(s.stdout).toContain(`shard ${i}/3: 4 runs of 4 configs; the table, the Pareto front and the recommendation need every shard`);
    }
    const merged = await sweepCli(dir, ["merge", "shard-2.csv", "shard-0.csv", "shard-1.csv", "--out", "merged.csv"]);
    expect(merged.error).toBeUndefined();
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(readFileSync(join(dir, "merged.csv"), "utf8")).toBe(readFileSync(join(dir, "whole.csv"), "utf8"));
    expect(readFileSync(join(dir, "merged.csv.meta.json"), "utf8")).toBe(readFileSync(join(dir, "whole.csv.meta.json"), "utf8"));
  });

  it("refuses to overwrite an existing metadata sidecar without --force", async () => {
    writeFileSync(join(dir, "side.csv.meta.json"), "precious");
    const r = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=50`, "--workers", "1", "--out", "side.csv", "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out side.csv: its metadata file side.csv.meta.json: file exists; pass --force to overwrite it");
    expect(readFileSync(join(dir, "side.csv.meta.json"), "utf8")).toBe("precious");
    expect(existsSync(join(dir, "side.csv"))).toBe(false);
    const forced = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=50`, "--workers", "1", "--out", "side.csv", "--quiet", "--force"]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "side.csv.meta.json"), "utf8"))).toMatchObject({ format: "dra-sim-sweep/1" });
  });

  it("writes the CSV to stdout with --out -, and merge reads it even after log lines (kubectl logs)", async () => {
    const r = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=20,50`, "--workers", "1", "--shard", "0/1", "--out=-"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(SWEEP_CSV_MARKER)).toBe(true);
    writeFileSync(join(dir, "pod-0.log"), "Defaulted container \"sweep\" out of: sweep\n" + r.stdout);
    const m = await sweepCli(dir, ["merge", "pod-0.log"]);
    expect(m.code).toBe(0);
    expect(m.stderr).toBe("pod-0.log: ignored 1 line before the sweep's metadata line\n");
    expect(m.stdout).toContain("<- recommended");
  });

  it("re-judges and re-prices in merge without running again", async () => {
    await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=10..100:30`, "--workers", "1", "--out", "judge.csv"]);
    const sla = await sweepCli(dir, ["merge", "judge.csv", "--sla", "270s"]);
    expect(sla.stdout).toContain("recommendation: the cheapest config finishing within the SLA of 4 min 30 s (medians over seeds):\n  #1 spark.dynamicAllocation.maxExecutors=40\n");
    const none = await sweepCli(dir, ["merge", "judge.csv", "--objective", "fastest-under-cost=0.10"]);
    expect(none.stdout).toMatch(/recommendation: the fastest config costing at most \$0\.1000 a run \(medians over seeds\):\n  none: no config's median cost is at most \$0\.1000; the cheapest, #0, costs \$0\.\d+\n/);
    const priced = await sweepCli(dir, ["merge", "judge.csv", "--price-vcpu-hour", "0.1012", "--price-gb-hour", "0.0111125"]);
    expect(priced.stdout).toContain("  cost: $0.1012 per vCPU-hour + $0.0111125 per GiB-hour");
  });

  itShared("reads an event log as the workload and says briefly what it extracted", async () => {
    const log = sharedLog("apache-spark/application_1506645932520_24630151");
    const r = await sweepCli(dir, ["sweep", log, "--grid", `${MAX}=4,8`, "--workers", "1"]);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^workload of "Spark shell" from .*: jobs \/ stages \/ tasks 1 \/ 3 \/ 9; Spark 2\.4\.0-SNAPSHOT simulated with the 3\.0 model\n  executor start-up /);
    expect(r.stdout).toContain('sweep of "Spark shell": 2 configs x 1 seed');
  });

  it("stops before running with exit 2 when Spark would refuse grid points, or skips them with --skip-invalid", async () => {
    const bad = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=5,50`, "--workers", "1", "--out", "never.csv"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(
      "error: Spark would refuse to start with 1 of the 2 grid points (nothing was run; pass --skip-invalid to run the others):\n" +
        `  #0 ${MAX}=5\n` +
        "      java.lang.IllegalArgumentException: requirement failed: initial executor number 10 must between min executor number 5 and max executor number 5\n",
    );
    expect(existsSync(join(dir, "never.csv"))).toBe(false);
    const skipped = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=5,50`, "--workers", "1", "--skip-invalid"]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain(`skipped 1 grid point Spark would refuse (--skip-invalid):\n  #0 ${MAX}=5: java.lang.IllegalArgumentException: requirement failed: initial executor number 10`);
  });

  it("refuses bad arguments with exit 2 and the fix", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--grid", "spark.dynamicAllocation.maxExecutor=5"], /did you mean spark\.dynamicAllocation\.maxExecutors\?/],
      [["--grid", `${MAX}=50`, "--objective", "cheapest-within=10%", "--sla", "20m"], /--objective and --sla are two objectives: give one/],
      [["--grid", `${MAX}=50`, "--shard", "1/2"], /--shard 1\/2: a shard's rows are only useful to dra-sim merge: write them with --out/],
      [["--grid", `${MAX}=50`, "--shard", "2/2", "--out", "x.csv"], /expected i\/n with 0 <= i < n/],
      [["--grid", `${MAX}=50`, "--seeds", "0"], /--seeds 0: must be a whole number >= 1/],
      [["--grid", `${MAX}=50`, "--conf", `${MAX}=100`], new RegExp(`--grid ${MAX} and --conf ${MAX}=100: give the key in one of them`)],
      [["--grid", "spark.kubernetes.allocation.batch.size=5,10"], /pod allocator: pass --cluster-manager kubernetes \(or set cluster\.manager in the scenario\)/],
      [["--grid", "spark.dynamicAlocation.maxExecutors=5"], /^error: --grid spark\.dynamicAlocation\.maxExecutors: the simulator does not read this key/],
      [["--grid", `${MAX}=50`, "--price-gb-hour", "free"], /--price-gb-hour free: expected a price/],
      [["--conf", "nokey"], /--conf nokey: expected key=value/],
    ];
    for (const [args, message] of cases) {
      const r = await sweepCli(dir, ["sweep", SEED, "--workers", "1", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("refuses to overwrite --out unless --force", async () => {
    writeFileSync(join(dir, "mine.csv"), "precious");
    const r = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=50`, "--workers", "1", "--out", "mine.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out mine.csv: file exists; pass --force to overwrite it");
    expect(readFileSync(join(dir, "mine.csv"), "utf8")).toBe("precious");
    const forced = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=50`, "--workers", "1", "--out", "mine.csv", "--force", "--quiet"]);
    expect(forced.code).toBe(0);
  });

  it("draws a progress bar on a terminal's stderr", async () => {
    const r = await sweepCli(dir, ["sweep", SEED, "--grid", `${MAX}=20,50`, "--workers", "1"], true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\r\[#+\] 2\/2 runs, [\d.]+ runs\/s/);
    expect(r.stderr).toMatch(/ran 2 runs in .* \([\d.]+ runs\/s\)\n$/);
  });
});

describe("dra-sim merge", () => {
  it("refuses files that are not a sweep's, naming them", async () => {
    writeFileSync(join(dir, "plain.csv"), "a,b\n1,2\n");
    const r = await sweepCli(dir, ["merge", "plain.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("plain.csv: its metadata file plain.csv.meta.json is missing; dra-sim sweep --out plain.csv writes it beside the CSV");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = await sweepCli(dir, ["merge", "nothere.csv"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nothere.csv: file not found");
  });
});
