// Sweep: 24 configs of a 100,000-task scenario with 1 and with 2 workers (the main thread, plus
// one worker thread claiming configs from the same queue), each sweep in a fresh process,
// interleaved rounds. The judged figure is the wall-clock speed-up, which means something only
// on an otherwise idle machine (bench/run.js prints the load); beside it, what the second
// thread costs, measured in CPU time, which holds up under load:
//   - worker start-up: the real worker entry started on the same input with nothing to run;
//   - serialisation: the structured clone of what a worker receives once, and of its reply per
//     run (a run's index: the metrics go through shared memory);
//   - JIT warm-up: each thread's first runs are slower than the rest (V8 compiles per isolate);
//   - main-thread work before the first run and after the last (grid check, analysis);
//   - the rest: V8's GC and compiler threads working for two heaps instead of one.
// and the speed-up two idle cores would give, estimated from those CPU times, with the budget a
// 1.8x speed-up leaves and what uses it (the threads running configs, V8's compiler and GC threads),
// with V8's own counts of optimised compilations and deoptimisations, which load does not change;
// and the ceiling those leave: at most 2 M / (M + H1) even if the second thread cost nothing (M
// the 1-worker main thread's CPU, H1 its helper threads', which have the idle core for free).
// Each sweep runs as `dra-sim sweep` does: with the CLI's V8 settings for a sweep (bin/v8Flags.js,
// set before any code is hot), for 1 worker and 2 alike.
//   node bench/measures/sweep.mjs      (BENCH_RUNS rounds, default 3; on the compiled output)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serialize } from "node:v8";
import { Worker } from "node:worker_threads";
import { expandGrid, parseGrid, requireWorkerEntry, sweep, validateGrid } from "../../dist/src/sweep/index.js";
import { RunQueue } from "../../dist/src/sweep/RunQueue.js";
import { RunResults } from "../../dist/src/sweep/RunResults.js";
import { figure, num } from "../lib/figure.mjs";
import { runIfMain } from "../lib/measureMain.mjs";
import { hundredKTaskScenario } from "../scenarios.mjs";
import { setCliV8Flags } from "../../bin/v8Flags.js";

/** 6 x 2 x 2 = 24 configs. */
const GRID_ARGS = [
  "spark.dynamicAllocation.maxExecutors=50..300:50",
  "spark.dynamicAllocation.executorIdleTimeout=30s,60s",
  "spark.dynamicAllocation.minExecutors=0,4",
];

const cpuMs = (from) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

/** CPU ms of each thread of this process by thread id (Linux: /proc, in clock ticks of 10 ms); empty elsewhere. */
function threadCpuMs() {
  const out = new Map();
  let tids = [];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/**
 * Child: one sweep with `workers`, printed as JSON: wall and CPU times, the progress timeline
 * (wall and main-thread CPU at each run's end), CPU by thread (main, worker threads, V8's and
 * libuv's helper threads), a digest of the rows.
 */
async function child(workers) {
  const scenario = hundredKTaskScenario();
  const grid = parseGrid(GRID_ARGS);
  const main = String(process.pid);
  const before = threadCpuMs();
  // Threads are sampled at every run's end: a worker thread ends with the sweep.
  const latest = new Map(before);
  const progress = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const onProgress = () => {
    const now = threadCpuMs();
    for (const [tid, ms] of now) latest.set(tid, ms);
    progress.push({ wallMs: performance.now() - t0, mainCpuMs: now.has(main) ? now.get(main) - before.get(main) : undefined });
  };
  const r = await sweep(scenario, grid, { workers, onProgress });
  const wallMs = performance.now() - t0;
  const total = cpuMs(c0);
  for (const [tid, ms] of threadCpuMs()) latest.set(tid, ms);
  const used = (tid) => latest.get(tid) - (before.get(tid) ?? 0);
  // The new threads that worked most are the worker threads; the others are helpers.
  const fresh = [...latest.keys()].filter((tid) => !before.has(tid)).sort((a, b) => used(b) - used(a));
  const workerTids = fresh.slice(0, workers - 1);
  const threads = latest.size === 0 ? undefined : {
    main: used(main),
    workers: workerTids.map(used),
    helpers: sum([...latest.keys()].filter((tid) => tid !== main && !workerTids.includes(tid)).map(used)),
  };
  const out = { workers, wallMs, cpuMs: total, threads, progress, configs: r.analysis.configs.length };
  out.digest = createHash("sha256").update(JSON.stringify(r.rows)).digest("hex");
  if (workers === 1) Object.assign(out, await secondThreadCosts(scenario, grid, r.rows));
  console.log(JSON.stringify(out));
}

/**
 * What a second thread costs before its first run: its start-up on the real entry, and the
 * serialisation of what crosses threads (its input once; per run, only the run's index, the
 * metrics being written into shared memory).
 */
async function secondThreadCosts(scenario, grid, rows) {
  const valid = validateGrid(scenario, expandGrid(grid), {}).valid;
  const runs = valid.map((pt) => ({ seed: scenario.seed, conf: pt.conf }));
  const input = { scenario, runs, queue: RunQueue.bySeed([]).data, results: RunResults.forRuns(0).data };
  let c = process.cpuUsage();
  const t = performance.now();
  await new Promise((resolve, reject) => {
    const w = new Worker(requireWorkerEntry(), { workerData: input });
    w.on("error", reject);
    w.on("exit", resolve);
  });
  const startup = { wallMs: performance.now() - t, cpuMs: cpuMs(c) };
  // What postMessage copies: the input but its shared queue and results, then one reply per run.
  const copied = { scenario, runs };
  const replies = rows.map((_, run) => ({ run }));
  c = process.cpuUsage();
  structuredClone(copied);
  for (const r of replies) structuredClone(r);
  const serialisation = { cpuMs: cpuMs(c), inputBytes: serialize(copied).length, resultBytes: sum(replies.map((r) => serialize(r).length)) };
  return { startup, serialisation };
}

/**
 * Where the speed-up goes, measured against the 1-worker sweep's main thread (M): on two idle
 * cores the 1-worker sweep takes about M, its helper threads (V8's optimizing compiler and GC)
 * working on the other core for free; the 2-worker sweep keeps both cores busy, so it takes
 * about all its CPU over two. 1.8x needs that CPU within 2 M / 1.8 = 1.11 M. One more round
 * of each with V8's optimizing compiler on the thread that runs the code
 * (--no-concurrent-recompilation) tells how much of the helpers' CPU is that compiler, and one
 * more under --trace-opt --trace-deopt how many compilations and deoptimisations it did.
 *
 * The ceiling: the 1-worker sweep does T1 = M + H1 of CPU (H1: its helpers) in about M of wall.
 * Two workers do the same runs, so at least T1 of CPU, plus what the second thread pays again
 * (D: its start-up, its JIT warm-up, its own compilations); on two cores that takes at least
 * (T1 + D) / 2, so the speed-up is at most 2 M / (T1 + D), and 2 M / T1 even for D = 0.
 */
function budget(log, one, two, serialMs) {
  const med = (xs, f) => median(xs.map(f));
  const pct = (x, of) => `${Math.round((x / of) * 100)} %`;
  const m1 = med(one, (m) => m.threads.main);
  const h1 = med(one, (m) => m.threads.helpers);
  const main2 = med(two, (m) => m.threads.main);
  const worker2 = med(two, (m) => sum(m.threads.workers));
  const h2 = med(two, (m) => m.threads.helpers);
  const t2 = main2 + worker2 + h2 + serialMs;
  const flags = ["--no-concurrent-recompilation"];
  const a = runChild(1, flags);
  const b = runChild(2, flags);
  const allowed = (2 * m1) / 1.8;
  log(`  where it goes, against the 1-worker main thread's ${num(m1)} ms CPU (M): 1.8x on 2 idle cores needs all CPU of the 2-worker sweep within 2 M / 1.8 = ${num(allowed)} ms; it is ${num(t2)} (${pct(t2, m1)} of M):`);
  log(`    the two threads running configs: ${num(main2)} + ${num(worker2)} = ${num(main2 + worker2)} ms (${pct(main2 + worker2, m1)} of M: the worker's start-up and a second JIT warm-up above)`);
  log(`    V8's helper threads: ${num(h2)} ms (${pct(h2, m1)} of M), against ${num(h1)} (${pct(h1, m1)}) with 1 worker, where they have the idle core to themselves`);
  log(`      of which V8's optimizing compiler (each isolate compiles the engine for itself), the helpers' CPU less that with ${flags.join(" ")} (one round): ` +
    `about ${num(Math.max(0, h1 - a.threads.helpers))} ms with 1 worker, ${num(Math.max(0, h2 - b.threads.helpers))} with 2; the rest is mostly GC`);
  const j1 = jitCounts(1);
  const j2 = jitCounts(2);
  log(`      by V8's own counts, which load does not change (--trace-opt --trace-deopt, one round): ${j1.compiles} optimised compilations and ${j1.deopts} deoptimisations with 1 worker, ` +
    `${j2.compiles} and ${j2.deopts} with 2 (both isolates; a deoptimised function is compiled again)`);
  log(`    the main thread's serial parts (before the first run, after the last): ${num(serialMs)} ms wall`);
  const t1 = m1 + h1;
  const again = Math.max(0, t2 - t1);
  log(`  the ceiling: the 1-worker sweep does M + its helpers' ${num(h1)} = ${num(t1)} ms of CPU in about M of wall; two workers do the same runs, plus what the second thread pays again ` +
    `(start-up, JIT warm-up, its own compilations: ${num(t2)} - ${num(t1)} = ${num(again)} ms), on two cores: at most 2 M / ${num(t1 + again)} = ${((2 * m1) / (t1 + again)).toFixed(2)}x, ` +
    `and ${((2 * m1) / t1).toFixed(2)}x if the second thread cost nothing more.`);
  log(`    1.8x needs the helpers' CPU plus what the second thread pays again within 2 M / 1.8 - M = ${num(allowed - m1)} ms (${pct(allowed - m1, m1)} of M); ` +
    `they are ${num(h1)} + ${num(again)} = ${num(h1 + again)}`);
}

/** TurboFan compilations and deoptimisations in one sweep with `workers`, every isolate's, counted from V8's trace lines. */
function jitCounts(workers) {
  const r = spawnSync(process.execPath, ["--trace-opt", "--trace-deopt", fileURLToPath(import.meta.url), "--child", String(workers)], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`sweep bench child (${workers} workers, traced) failed:\n${r.stderr}`);
  const lines = r.stdout.split("\n");
  return { compiles: lines.filter((l) => l.startsWith("[completed compiling ")).length, deopts: lines.filter((l) => l.startsWith("[bailout (kind")).length };
}

function runChild(workers, nodeFlags = []) {
  const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), "--child", String(workers)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`sweep bench child (${workers} workers) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

export async function measure({ log }) {
  const rounds = Number(process.env.BENCH_RUNS ?? 3);
  const one = [];
  const two = [];
  for (let i = 0; i < rounds; i++) {
    one.push(runChild(1));
    two.push(runChild(2));
  }
  for (const m of two) if (m.digest !== one[0].digest) throw new Error("sweep rows differ between 1 and 2 workers");
  const med = (xs, f) => median(xs.map(f));
  const configs = one[0].configs;
  const wall1 = med(one, (m) => m.wallMs);
  const wall2 = med(two, (m) => m.wallMs);
  const cpu1 = med(one, (m) => m.cpuMs);
  const cpu2 = med(two, (m) => m.cpuMs);
  const byThread = one[0].threads !== undefined;
  // Each run of the 1-worker sweeps, in CPU of the main thread (its own work only) where /proc
  // shows threads, else in wall time: the first runs are slower until V8 has compiled the engine.
  const runCosts = (m) => {
    const at = m.progress.map((p) => (byThread ? p.mainCpuMs : p.wallMs));
    return at.slice(1).map((t, i) => t - at[i]);
  };
  const firstRuns = med(one, (m) => sum(runCosts(m).slice(0, 2)));
  const laterRun = med(one, (m) => median(runCosts(m).slice(2)));
  const warmup = Math.max(0, firstRuns - 2 * laterRun);
  const before = med(one, (m) => m.progress[0].wallMs);
  const after = med(one, (m) => m.wallMs - m.progress.at(-1).wallMs);
  const startupCpu = med(one, (m) => m.startup.cpuMs);
  const startupWall = med(one, (m) => m.startup.wallMs);
  const serialCpu = med(one, (m) => m.serialisation.cpuMs);
  const { inputBytes, resultBytes } = one[0].serialisation;

  log(`scenario bench-100k-tasks (100,000 tasks); grid ${GRID_ARGS.join(" ")} (${configs} configs); ${availableParallelism()} cores; medians of ${rounds} interleaved rounds, each sweep a fresh process`);
  const threadText = (m) => (m.threads === undefined ? "" : ` (main thread ${num(m.threads.main)}${m.threads.workers.map((w) => `, worker thread ${num(w)}`).join("")}, V8 and libuv helper threads ${num(m.threads.helpers)})`);
  const medianRun = (xs) => xs.find((m) => m.cpuMs === median(xs.map((x) => x.cpuMs)));
  log(`  1 worker : ${num(wall1)} ms wall, ${num(cpu1)} ms CPU${threadText(medianRun(one))}, ${num(cpu1 / configs)} ms CPU per config`);
  log(`  2 workers: ${num(wall2)} ms wall, ${num(cpu2)} ms CPU${threadText(medianRun(two))}, ${num(cpu2 / configs)} ms CPU per config; results identical`);
  log(`  wall-clock speed-up ${(wall1 / wall2).toFixed(2)}x (meaningful on an idle machine only)`);
  const extra = cpu2 - cpu1;
  log(`  what the second thread costs: +${num(extra)} ms CPU (${((extra / cpu1) * 100).toFixed(0)} %), of which`);
  log(`    worker start-up (the real entry, given the same input and nothing to run): ${num(startupCpu)} ms CPU, ${num(startupWall)} ms wall`);
  log(`    serialisation: ${num(serialCpu)} ms CPU to clone its input once (${num(inputBytes / 1024)} KiB) and every reply (${num(resultBytes)} bytes in all: a run's metrics go through shared memory)`);
  log(`    JIT warm-up, paid once per thread: the first two runs ${num(firstRuns)} ms against ${num(laterRun)} each for the later ones: +${num(warmup)} ms ${byThread ? "CPU" : "wall"}`);
  log(`    the rest: ${num(extra - startupCpu - serialCpu - warmup)} ms (V8's GC and compiler threads working for two heaps; contention for caches and memory)`);
  log(`  main thread before the first run ${num(before)} ms, after the last ${num(after)} ms (wall; serial in either mode)`);
  // Two idle cores. 1 worker: the main thread's CPU, V8's helpers having the other core to
  // themselves. 2 workers: the busier of the two threads, or all CPU shared by two cores.
  let estimate;
  if (byThread) {
    const t1 = med(one, (m) => Math.max(m.threads.main, m.threads.helpers));
    const t2 = med(two, (m) => Math.max(m.threads.main, ...m.threads.workers, (m.cpuMs + before + after) / 2));
    estimate = t1 / t2;
    log(`  estimated speed-up on 2 idle cores: ${estimate.toFixed(2)}x (1 worker: its main thread's ${num(t1)} ms CPU; 2 workers: the busier thread or all CPU over two cores, ${num(t2)} ms)`);
  } else {
    estimate = (2 * cpu1) / (cpu2 + before + after);
    log(`  estimated speed-up on 2 idle cores: ${estimate.toFixed(2)}x (twice the CPU of 1 worker over that of 2 plus the serial parts; no per-thread CPU on this system)`);
  }
  if (byThread) budget(log, one, two, before + after);
  return [
    figure({
      id: "sweep.speedup",
      name: "sweep, 24 configs x 100k tasks: 2 workers against 1 (wall)",
      value: wall2,
      floor: wall1,
      floorName: "1 worker",
      unit: "ms",
      ratio: wall1 / wall2,
      ratioName: "x faster",
      note: "wall clock: meaningful on an idle machine only",
    }),
    figure({
      id: "sweep.speedupEstimate",
      name: "sweep, 2 workers against 1, estimated from CPU times",
      value: cpu2,
      floor: cpu1,
      floorName: "CPU of 1 worker",
      unit: "ms",
      ratio: estimate,
      ratioName: "x faster",
      target: { of: "ratio", op: ">=", limit: 1.8 },
    }),
  ];
}

if (process.argv[2] === "--child") {
  // As bin/dra-sim.js does for `dra-sim sweep`, before the engine runs; a flag given to node (budget()'s) still wins.
  setCliV8Flags(["sweep"]);
  await child(Number(process.argv[3]));
}
else await runIfMain(import.meta.url, measure);
