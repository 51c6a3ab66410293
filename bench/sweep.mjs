// Sweep benchmark: a 64-config grid over a 100,000-task workload, with 1 and with 2 workers.
// Prints configs per second for each and the speed-up. Runs on the compiled output
// (`npm run bench` builds first). Each measurement runs in a fresh process, so no run
// inherits another's JIT warm-up or heap; the best of BENCH_RUNS (default 2) counts.
// BENCH_WORKERS=1,2,4 measures other worker counts.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseGrid, sweep } from "../dist/src/sweep/index.js";
import { mapReduceScenario } from "./scenarios.mjs";

/** 5 jobs, each a 16,000-task map stage and a 4,000-task reduce stage: 100,000 tasks, random durations. */
function generateBenchScenario() {
  return mapReduceScenario({
    name: "bench-100k-tasks",
    seed: 7,
    jobs: 5,
    mapTasks: 16_000,
    reduceTasks: 4_000,
    gapMs: () => 30_000,
    conf: {
      "spark.dynamicAllocation.shuffleTracking.timeout": "60s",
      "spark.executor.cores": "4",
      "spark.executor.memory": "8g",
    },
  });
}

/** 8 x 4 x 2 = 64 configs. */
const GRID_ARGS = [
  "spark.dynamicAllocation.maxExecutors=25..200:25",
  "spark.dynamicAllocation.executorIdleTimeout=15s..60s:15s",
  "spark.dynamicAllocation.minExecutors=0,4",
];

/** Child: one sweep with `workers`, printed as JSON (wall time and a digest of the rows). */
async function measure(workers) {
  const scenario = generateBenchScenario();
  const t0 = performance.now();
  const r = await sweep(scenario, parseGrid(GRID_ARGS), { workers });
  const seconds = (performance.now() - t0) / 1000;
  const digest = createHash("sha256").update(JSON.stringify(r.rows)).digest("hex");
  console.log(JSON.stringify({ workers, seconds, configs: r.analysis.configs.length, digest }));
}

if (process.argv[2] === "--measure") {
  await measure(Number(process.argv[3]));
} else {
  const scenario = generateBenchScenario();
  const tasks = scenario.workload.jobs.reduce((n, j) => n + j.stages.reduce((m, s) => m + s.tasks, 0), 0);
  const runs = Number(process.env.BENCH_RUNS ?? 2);
  const workerCounts = (process.env.BENCH_WORKERS ?? "1,2").split(",").map(Number);
  console.log(`scenario: ${scenario.name} (${tasks.toLocaleString()} tasks); grid: ${GRID_ARGS.join(" ")}; ${availableParallelism()} cores; best of ${runs}`);
  const best = [];
  for (const workers of workerCounts) {
    let b;
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--measure", String(workers)], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`bench child failed:\n${child.stderr}`);
      const m = JSON.parse(child.stdout.trim().split("\n").at(-1));
      if (b === undefined || m.seconds < b.seconds) b = m;
    }
    best.push(b);
    console.log(`  workers ${workers}: ${b.configs} configs in ${b.seconds.toFixed(2)} s = ${(b.configs / b.seconds).toFixed(2)} configs/s`);
  }
  const [base, ...others] = best;
  for (const o of others) {
    if (o.digest !== base.digest) throw new Error(`results with ${o.workers} workers differ from ${base.workers} worker(s)`);
    console.log(`speed-up ${o.workers} vs ${base.workers} worker(s): ${(base.seconds / o.seconds).toFixed(2)}x (results identical)`);
  }
}
