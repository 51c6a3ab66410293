// The engine of two builds side by side in this one process, so load from elsewhere hits both
// alike: `node bench/beforeAfter.mjs BEFORE_DIR` compares BEFORE_DIR/dist (a built checkout of an
// earlier commit) with this checkout's dist (`npm run build` first). Alternating runs of the
// 1M-task workload at max 1,000 executors: CPU (best of BENCH_RUNS), the result's timeline
// bytes and events, and the heap the result holds (measured with --expose-gc). Numbers only.
// BENCH_MAX="100,1000,5000" also compares CPU per task at each of those executor limits (the
// same workload), so a change to the cost per executor shows as well.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { millionTaskScenario } from "./scenarios.mjs";

const beforeDir = process.argv[2];
if (beforeDir === undefined) {
  console.error("usage: node --expose-gc bench/beforeAfter.mjs BEFORE_DIR   (BEFORE_DIR: a checkout of another commit, built with npm run build)");
  process.exit(2);
}
const load = async (dir) => import(pathToFileURL(resolve(dir, "dist/sim/index.js")).href);
const builds = [
  { label: "before", sim: await load(beforeDir) },
  { label: "after", sim: await load(".") },
];
const runs = Number(process.env.BENCH_RUNS ?? 3);
const scenario = millionTaskScenario(1000);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = globalThis.gc ?? (() => {});
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};

for (const b of builds) {
  // parseConf throws when Spark would not read the conf; builds before the one error model
  // returned { ok: false, issues } instead.
  const parsed = b.sim.parseConf(scenario.conf, b.sim.parseSparkVersion(scenario.sparkVersion));
  if (parsed.ok === false) throw new Error(`${b.label}: ${JSON.stringify(parsed.issues)}`);
  b.conf = parsed.conf;
  b.best = Infinity;
}
for (let i = 0; i < runs; i++) {
  for (const b of i % 2 === 0 ? builds : [...builds].reverse()) {
    const t0 = cpuMs();
    let r = b.sim.simulate(scenario, b.conf);
    const ms = cpuMs() - t0;
    const withResult = heap();
    if (ms < b.best) b.best = ms;
    b.tasks = r.stats.tasksRun;
    b.rows = r.timeline.length;
    // Builds before the typed-array split kept one Float64Array: its allocated length is its size.
    b.timelineBytes = r.timeline.byteLength ?? r.timeline.data?.byteLength ?? NaN;
    b.events = r.events.length;
    b.executorSeconds = b.sim.summarize(r).executorSeconds;
    r = undefined;
    const held = withResult - heap();
    b.heldBytes = Math.min(b.heldBytes ?? Infinity, held);
  }
}
const [a, z] = builds;
const pct = (x, y) => `${(((y - x) / x) * 100).toFixed(1)} %`;
const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
console.log(`${scenario.name}: ${z.tasks.toLocaleString()} tasks, max 1000 executors; before = ${beforeDir}, after = this checkout; CPU best of ${runs}, alternating`);
console.log(`                     before        after         change`);
console.log(`  engine CPU         ${a.best.toFixed(0).padStart(6)} ms     ${z.best.toFixed(0).padStart(6)} ms     ${pct(a.best, z.best)}`);
console.log(`  timeline rows      ${String(a.rows).padStart(9)}     ${String(z.rows).padStart(9)}     ${pct(a.rows, z.rows)}`);
console.log(`  timeline bytes     ${mib(a.timelineBytes).padStart(9)}     ${mib(z.timelineBytes).padStart(9)}     ${pct(a.timelineBytes, z.timelineBytes)}`);
console.log(`  result heap held   ${mib(a.heldBytes).padStart(9)}     ${mib(z.heldBytes).padStart(9)}     ${pct(a.heldBytes, z.heldBytes)}`);
console.log(`  events             ${String(a.events).padStart(9)}     ${String(z.events).padStart(9)}     ${pct(a.events, z.events)}`);
console.log(`  executor-seconds   ${a.executorSeconds.toFixed(0).padStart(9)}     ${z.executorSeconds.toFixed(0).padStart(9)}     ${pct(a.executorSeconds, z.executorSeconds)} (same model output expected)`);

// CPU per task at other executor limits, both builds alternating (BENCH_MAX="100,1000,5000").
const limits = (process.env.BENCH_MAX ?? "").split(",").filter((x) => x !== "").map(Number);
if (limits.length > 0) console.log(`CPU per task by spark.dynamicAllocation.maxExecutors (best of ${runs}, alternating):`);
const perTask = [];
for (const max of limits) {
  const sc = millionTaskScenario(max);
  for (const b of builds) {
    b.maxConf = b.sim.parseConf(sc.conf, b.sim.parseSparkVersion(sc.sparkVersion)).conf;
    b.maxBest = Infinity;
  }
  for (let i = 0; i < runs; i++) {
    for (const b of i % 2 === 0 ? builds : [...builds].reverse()) {
      const t0 = cpuMs();
      const r = b.sim.simulate(sc, b.maxConf);
      const ms = cpuMs() - t0;
      b.maxBest = Math.min(b.maxBest, (ms * 1000) / r.stats.tasksRun);
    }
  }
  perTask.push([a.maxBest, z.maxBest]);
  console.log(`  max ${String(max).padStart(5)}: ${a.maxBest.toFixed(2)} us/task   ${z.maxBest.toFixed(2)} us/task   ${pct(a.maxBest, z.maxBest)}`);
}
if (limits.length > 1) {
  const [lo, hi] = [perTask[0], perTask[perTask.length - 1]];
  console.log(`  max ${limits[limits.length - 1]} / max ${limits[0]} per task: before ${(hi[0] / lo[0]).toFixed(2)}x, after ${(hi[1] / lo[1]).toFixed(2)}x`);
}
