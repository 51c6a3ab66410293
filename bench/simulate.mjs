// Engine benchmark: a generated scenario of 1,000,000 tasks on up to 1,000 executors.
// Prints events per second and wall time. Runs on the compiled output: `npm run bench`.
import { performance } from "node:perf_hooks";
import { simulate } from "../dist/sim/spark/SparkApplication.js";
import { parseConf } from "../dist/sim/spark/conf/parseConf.js";
import { parseSparkVersion } from "../dist/sim/spark/SparkVersion.js";
import { summarize } from "../dist/sim/result/summarize.js";
import { mapReduceScenario } from "./scenarios.mjs";

/** 20 jobs, each a 40,000-task map stage and a 10,000-task reduce stage, with driver gaps. */
function generateMillionTaskScenario() {
  return mapReduceScenario({
    name: "bench-1m-tasks",
    seed: 42,
    jobs: 20,
    mapTasks: 40_000,
    reduceTasks: 10_000,
    gapMs: (j) => 20_000 + (j % 4) * 30_000,
    conf: {
      "spark.dynamicAllocation.maxExecutors": "1000",
      "spark.dynamicAllocation.executorIdleTimeout": "30s",
      "spark.dynamicAllocation.shuffleTracking.timeout": "60s",
      "spark.executor.cores": "4",
    },
  });
}

const scenario = generateMillionTaskScenario();
const version = parseSparkVersion(scenario.sparkVersion);
const parsed = parseConf(scenario.conf, version);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));

const runs = Number(process.env.BENCH_RUNS ?? 3);
const rows = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const result = simulate(scenario, parsed.conf);
  const wallMs = performance.now() - t0;
  const s = summarize(result);
  rows.push({ wallMs, events: result.stats.eventsProcessed, ticks: result.stats.ticksEvaluated, tasks: result.stats.tasksRun, peak: s.peakExecutors, rows: result.timeline.length, makespanMs: s.makespanMs });
}
const best = rows.reduce((a, b) => (a.wallMs < b.wallMs ? a : b));
console.log(`scenario: ${scenario.name} (${best.tasks.toLocaleString()} tasks, peak ${best.peak} executors, simulated ${(best.makespanMs / 3.6e6).toFixed(2)} h, ${best.rows.toLocaleString()} timeline rows)`);
for (const r of rows) console.log(`  run: ${r.wallMs.toFixed(0)} ms wall, ${r.events.toLocaleString()} events, ${Math.round(r.events / (r.wallMs / 1000)).toLocaleString()} events/s, ${r.ticks.toLocaleString()} ticks evaluated`);
console.log(`best: ${best.wallMs.toFixed(0)} ms wall, ${Math.round(best.events / (best.wallMs / 1000)).toLocaleString()} events/s, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
