// Replay: the whole `dra-sim replay` command on a ~300 MB event log against the floor of reading
// it at all (readline + JSON.parse of every line), as CPU time (user + system, all threads) and
// peak RSS, each a fresh process, interleaved rounds (best of BENCH_RUNS, default 2). Then where
// the command's time goes, phase by phase in one process (reading and decoding, extraction,
// simulation of the extracted workload, and the start-up left over), and whether memory grows
// with the log: peak RSS at a quarter, half and the full size, and what is live after a full GC
// at half and the full size.
//   node bench/measures/replay.mjs [--from LOG] [--size-mb 300] [--keep]
// The log is built by bench/lib/bigEventLog.mjs from a real log: by default spark-rapids-tools'
// join_agg_on_yarn_eventlog (a Spark 3.3 YARN application with dynamic allocation), from
// ../shared/eventlogs when present; with --from, any plain event log (the public one:
// https://github.com/NVIDIA/spark-rapids-tools, core/src/test/resources/spark-events).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { figure, num } from "../lib/figure.mjs";
import { buildBigEventLog } from "../lib/bigEventLog.mjs";
import { runIfMain } from "../lib/measureMain.mjs";
import { CLI_V8_FLAGS } from "../../bin/v8Flags.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const preload = join(root, "bench/lib/cpuOnExit.mjs");
const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);

const FLOOR = `
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
for await (const line of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) if (line.length > 0) JSON.parse(line);
`;

/**
 * The phases of a replay in one process, CPU ms each (the modules are loaded before the clock
 * starts), with the command's V8 hooks (replayHeapHooks: the young generation's cap after each
 * batch, the full GCs once the log is read and once the workload is extracted, both counted in
 * the extraction).
 */
const PHASES = `
const log = process.argv[1];
const { readSparkEvents } = await import(${JSON.stringify(join(root, "dist/src/eventlog/index.js"))});
const { extractWorkload } = await import(${JSON.stringify(join(root, "dist/src/replay/extractWorkload.js"))});
const { runScenario } = await import(${JSON.stringify(join(root, "dist/src/run/runScenario.js"))});
const { replayHeapHooks } = await import(${JSON.stringify(join(root, "dist/src/cli/replayHeapHooks.js"))});
const { hooks: { afterExtraction, ...readingHooks }, release } = replayHeapHooks();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = cpu();
let events = 0;
// As extraction reads it: only the fields the workload needs (most of a TaskEnd line is not parsed).
for await (const batch of readSparkEvents(log, { fields: "workload" }).batches()) {
  events += batch.length;
  readingHooks.afterBatch();
}
const read = cpu() - t;
t = cpu();
const { scenario } = await extractWorkload(log, readingHooks);
afterExtraction();
const extract = cpu() - t;
t = cpu();
runScenario(scenario);
const simulate = cpu() - t;
release();
const tasks = scenario.workload.jobs.reduce((n, j) => n + j.stages.reduce((m, s) => m + s.tasks, 0), 0);
console.log("BENCH_PHASES " + JSON.stringify({ read, extract, simulate, events, tasks }));
`;

/**
 * What stays live (heap but compiled code, and array buffers, after a full GC; bytes) at the end of reading (the
 * extraction's state), once the workload is extracted, and with the simulated run's result as
 * the command keeps it (--quiet: the timeline's sums, not its rows). Steadier than peak RSS,
 * which follows when V8 happens to collect, but not to the byte: the bench takes medians.
 */
const LIVE = `
const log = process.argv[1];
const { readSparkEvents } = await import(${JSON.stringify(join(root, "dist/src/eventlog/index.js"))});
const { WorkloadExtractor } = await import(${JSON.stringify(join(root, "dist/src/replay/extractWorkload.js"))});
const { runScenario } = await import(${JSON.stringify(join(root, "dist/src/run/runScenario.js"))});
const { getHeapSpaceStatistics } = await import("node:v8");
// A full GC, a pause for V8 to free the dead buffers' memory, another GC; compiled code (which
// the JIT adds as it goes) left out.
const live = async () => {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  let bytes = process.memoryUsage().arrayBuffers;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith("code")) bytes += space.space_used_size;
  return bytes;
};
const base = await live();
const reader = readSparkEvents(log, { fields: "workload" });
let extractor = new WorkloadExtractor();
for await (const batch of reader.batches()) for (const e of batch) extractor.add(e);
const reading = (await live()) - base;
const { scenario } = extractor.finish({}, log);
extractor = undefined;
const extracted = (await live()) - base;
const run = runScenario(scenario, {}, { keepTimelineRows: false });
const withResult = (await live()) - base;
const tasks = scenario.workload.jobs.reduce((n, j) => n + j.stages.reduce((m, s) => m + s.tasks, 0), 0);
const stages = scenario.workload.jobs.reduce((n, j) => n + j.stages.length, 0);
console.log("BENCH_LIVE " + JSON.stringify({ reading, extracted, withResult, tasks, stages, executors: run.summary.executorsAdded }));
`;

function measureProcess(args) {
  const r = spawnSync(process.execPath, ["--import", preload, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  const cpu = /BENCH_CPU_MS (\S+)/.exec(r.stderr);
  const rss = /BENCH_MAX_RSS_KB (\S+)/.exec(r.stderr);
  if (r.status !== 0 || !cpu || !rss) throw new Error(`${args.join(" ")} failed (exit ${r.status}):\n${r.stderr}`);
  const phases = /BENCH_PHASES (.*)/.exec(r.stdout);
  const live = /BENCH_LIVE (.*)/.exec(r.stdout);
  return { cpuMs: Number(cpu[1]), rssMb: Number(rss[1]) / 1024, phases: phases ? JSON.parse(phases[1]) : undefined, live: live ? JSON.parse(live[1]) : undefined };
}

const best = (xs) => xs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));

/** Processes of the LIVE script at each size: each figure is their median. */
const LIVE_RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The median of each live figure of several runs (the counts are the same in every run). */
const medianLive = (runs) => ({ ...runs[0], reading: median(runs.map((r) => r.reading)), extracted: median(runs.map((r) => r.extracted)), withResult: median(runs.map((r) => r.withResult)) });

export async function measure({ log }) {
  const source = resolve(arg("--from", join(root, "../shared/eventlogs/spark-rapids-tools/join_agg_on_yarn_eventlog")));
  const sizeMb = Number(arg("--size-mb", process.env.BENCH_REPLAY_MB ?? 300));
  if (!existsSync(source)) {
    log(`replay bench skipped: ${source} is absent (pass --from with a plain Spark event log)`);
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-replay-bench-"));
  try {
    const big = join(dir, "application_big_0001");
    const half = join(dir, "application_half_0001");
    const quarter = join(dir, "application_quarter_0001");
    const copies = await buildBigEventLog(source, big, sizeMb * 2 ** 20);
    await buildBigEventLog(source, half, (sizeMb / 2) * 2 ** 20);
    await buildBigEventLog(source, quarter, (sizeMb / 4) * 2 ** 20);
    const mb = statSync(big).size / 2 ** 20;
    const halfMb = statSync(half).size / 2 ** 20;
    const quarterMb = statSync(quarter).size / 2 ** 20;
    log(`log: ${mb.toFixed(0)} MiB, ${copies} copies of ${source.split("/eventlogs/").pop()}'s workload (bench/lib/bigEventLog.mjs); and ones of ${halfMb.toFixed(0)} and ${quarterMb.toFixed(0)} MiB`);
    const rounds = Number(process.env.BENCH_RUNS ?? 2);
    const floors = [];
    const replays = [];
    const halves = [];
    const quarters = [];
    const phases = [];
    const startups = [];
    for (let i = 0; i < rounds; i++) {
      floors.push(measureProcess(["--input-type=module", "-e", FLOOR, big]));
      replays.push(measureProcess([join(root, "bin/dra-sim.js"), "replay", big, "--quiet"]));
      halves.push(measureProcess([join(root, "bin/dra-sim.js"), "replay", half, "--quiet"]));
      quarters.push(measureProcess([join(root, "bin/dra-sim.js"), "replay", quarter, "--quiet"]));
      // With the V8 flags bin/dra-sim.js sets (and the command's hooks, in PHASES), so the phases are the command's.
      phases.push(measureProcess([...CLI_V8_FLAGS, "--input-type=module", "-e", PHASES, big]));
      startups.push(measureProcess([join(root, "bin/dra-sim.js"), "replay", "--help"]));
    }
    const floor = best(floors);
    const replay = best(replays);
    const halfRun = best(halves);
    const quarterRun = best(quarters);
    const p = best(phases).phases;
    const startup = best(startups);
    const show = (label, m, size = mb) => `  ${label.padEnd(46)} ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s CPU  ${(size / (m.cpuMs / 1000)).toFixed(0).padStart(4)} MiB/s  peak RSS ${m.rssMb.toFixed(0)} MiB`;
    log(show("readline + JSON.parse of every line (floor)", floor));
    log(show("dra-sim replay --quiet (whole command)", replay));
    log(show(`dra-sim replay --quiet, ${halfMb.toFixed(0)} MiB log`, halfRun, halfMb));
    log(show(`dra-sim replay --quiet, ${quarterMb.toFixed(0)} MiB log`, quarterRun, quarterMb));
    const ratio = floor.cpuMs / replay.cpuMs;
    log(`replay / floor: ${ratio.toFixed(2)}x the floor's speed (target >= 0.8); best CPU of ${rounds}`);
    const rest = replay.cpuMs - p.extract - p.simulate;
    log(`where the command's ${num(replay.cpuMs)} ms go (CPU, one process, modules loaded first): reading and decoding ${num(p.read)} ms (${p.events.toLocaleString("en-US")} typed events), ` +
      `extraction on top of it ${num(p.extract - p.read)} ms, simulating the extracted workload (${p.tasks.toLocaleString("en-US")} tasks) ${num(p.simulate)} ms, ` +
      `the rest ${num(rest)} ms (start-up: dra-sim replay --help takes ${num(startup.cpuMs)} ms; model error, report)`);
    const growthMb = replay.rssMb - halfRun.rssMb;
    const growthTasks = p.tasks * (1 - halfMb / mb);
    // Peak RSS of the best-CPU run at each size; the lowest of the runs shows how much of a difference is noise.
    const lowest = (runs) => Math.min(...runs.map((r) => r.rssMb)).toFixed(1);
    log(`peak RSS ${quarterRun.rssMb.toFixed(1)} MiB at ${quarterMb.toFixed(0)} MiB of log, ${halfRun.rssMb.toFixed(1)} at ${halfMb.toFixed(0)}, ${replay.rssMb.toFixed(1)} at ${mb.toFixed(0)} ` +
      `(lowest of the runs ${lowest(quarters)}, ${lowest(halves)}, ${lowest(replays)}): ${num(halfRun.rssMb - quarterRun.rssMb)} MiB more from ${quarterMb.toFixed(0)} to ${halfMb.toFixed(0)} MiB of log, ` +
      `${num(growthMb)} MiB more for the ${num(mb - halfMb)} MiB from ${halfMb.toFixed(0)} to ${mb.toFixed(0)}, about ${num((growthMb * 2 ** 20) / growthTasks)} bytes per extra task there ` +
      `(peak RSS follows when V8 collects: its old space grows to a few times what is live before a full GC; what is live is below)`);
    // Live memory, with a full GC before each reading: the median of LIVE_RUNS processes at each
    // size, as one process's figures move by up to a few hundred KB (what V8 holds besides the
    // replay's objects, such as bytecode and feedback, and when its sweeper finishes).
    const liveOf = (path) => medianLive(Array.from({ length: LIVE_RUNS }, () => measureProcess(["--expose-gc", "--input-type=module", "-e", LIVE, path]).live));
    const liveHalf = liveOf(half);
    const liveBig = liveOf(big);
    const extra = { tasks: liveBig.tasks - liveHalf.tasks, stages: liveBig.stages - liveHalf.stages, executors: liveBig.executors - liveHalf.executors };
    const perTask = (key) => num((liveBig[key] - liveHalf[key]) / extra.tasks);
    const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
    log(`live (after a full GC, medians of ${LIVE_RUNS} processes) at ${halfMb.toFixed(0)} / ${mb.toFixed(0)} MiB of log: the extraction's state at the end of reading ${mib(liveHalf.reading)} / ${mib(liveBig.reading)} MiB, ` +
      `the extracted workload ${mib(liveHalf.extracted)} / ${mib(liveBig.extracted)} MiB, with the simulated run's result (the timeline's sums, not its rows, as --quiet keeps it) ${mib(liveHalf.withResult)} / ${mib(liveBig.withResult)} MiB; ` +
      `per extra task ${perTask("reading")}, ${perTask("extracted")} and ${perTask("withResult")} bytes, the log's copies adding ${num(extra.tasks)} tasks in ${num(extra.stages)} stages ` +
      `(${num(extra.tasks / extra.stages)} tasks a stage) and ${num(extra.executors)} simulated executors: what grows with the log is mostly per stage, job and executor; of it, the durations are 8 bytes a task`);
    return [
      figure({
        id: "replay.floor",
        name: `dra-sim replay, ${mb.toFixed(0)} MiB log (CPU)`,
        value: replay.cpuMs,
        floor: floor.cpuMs,
        floorName: "readline + JSON.parse",
        unit: "ms",
        ratio,
        ratioName: "x the floor's speed",
      }),
      figure({
        id: "replay.rss",
        name: `dra-sim replay, ${mb.toFixed(0)} MiB log (peak RSS)`,
        value: replay.rssMb,
        floor: floor.rssMb,
        floorName: "readline + JSON.parse",
        unit: "MiB",
      }),
    ];
  } finally {
    if (argv.includes("--keep")) log(`logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, measure);
