// Start-up: CPU time (user + system) of fresh `dra-sim` processes against `node -e 0` (the
// floor no CLI can beat), medians of interleaved rounds so load from other processes hits
// every command alike; then a 100,000-task `dra-sim run` against the simulation alone, to show
// what start-up leaves of a small run. Runs on the compiled output (`npm run bench` builds).
//   node bench/measures/startup.mjs                 (BENCH_STARTUP_ROUNDS, default 9)
//   node bench/measures/startup.mjs --before DIR    also DIR's bin/dra-sim.js (a built checkout of
//                                                   another commit) in the same interleaved rounds
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { figure } from "../lib/figure.mjs";
import { runIfMain } from "../lib/measureMain.mjs";
import { hundredKTaskScenario } from "../scenarios.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
// CommonJS, so the preload does not start Node's ES module loader in processes that would not.
const preload = join(root, "bench/lib/cpuOnExit.cjs");
const bin = join(root, "bin/dra-sim.js");

/** CPU ms of one fresh process running `args` (node's own arguments after the preload). */
function cpuMs(args) {
  const r = spawnSync(process.execPath, ["--require", preload, ...args], { cwd: root, encoding: "utf8" });
  const m = /BENCH_CPU_MS (\S+)/.exec(r.stderr);
  if (!m) throw new Error(`no CPU figure from ${args.join(" ")}: ${r.stderr}`);
  return Number(m[1]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Interleaved rounds of every case; the median CPU ms of each, by label. */
function medians(cases, rounds) {
  const samples = cases.map(() => []);
  for (let i = 0; i < rounds; i++) cases.forEach((c, k) => samples[k].push(cpuMs(c.args)));
  return new Map(cases.map((c, k) => [c.label, median(samples[k])]));
}

// A missing input: the command's modules are loaded, its work starts and stops at its first check.
const FIRST_LINE = [
  ["run", "missing.yaml"],
  ["check", "missing.yaml"],
  ["replay", "missing.log"],
  ["import", "missing.log", "-o", "never-written.yaml"],
  ["sweep", "missing.yaml", "--grid", "spark.executor.cores=1,2"],
  ["merge", "missing.csv"],
  ["explain", "missing.yaml", "--executor", "7", "--at", "2min"],
];

// Context, not a target: a whole small run, which loads what the first line leaves for later
// (the YAML reader, the engine, the report), from a YAML file and from the same scenario as JSON.
const SMALL_RUNS = [
  ["small YAML run", ["run", "scenarios/seed-trip-count.yaml", "--quiet"]],
  ["small JSON run", ["run", "SEED_JSON", "--quiet"]],
];

/** The commands timed, for the bin/dra-sim.js at `binPath`, labelled with `prefix`. */
const commandCases = (binPath, prefix = "", seedJson = undefined) => [
  { label: `${prefix}--version`, args: [binPath, "--version"] },
  { label: `${prefix}--help`, args: [binPath, "--help"] },
  ...FIRST_LINE.map((a) => ({ label: `${prefix}${a[0]}`, args: [binPath, ...a] })),
  ...(seedJson === undefined ? [] : SMALL_RUNS.map(([label, a]) => ({ label: `${prefix}${label}`, args: [binPath, ...a.map((x) => (x === "SEED_JSON" ? seedJson : x))] }))),
];

/** scenarios/seed-trip-count.yaml as a JSON file in `dir` (the same scenario, read without the YAML reader). */
async function seedAsJson(dir) {
  const { loadScenarioFile } = await import(join(root, "dist/src/scenario/index.js"));
  const { scenario } = await loadScenarioFile(join(root, "scenarios/seed-trip-count.yaml"));
  const file = join(dir, "seed-trip-count.json");
  writeFileSync(file, JSON.stringify({ name: scenario.name, seed: scenario.seed, sparkVersion: scenario.sparkVersion, conf: scenario.conf, cluster: scenario.cluster, workload: scenario.workload }));
  return file;
}

/**
 * Whether V8 takes the bundle's code cache for `run` in a process started as the bench starts
 * them: refused (another node than the build's, V8 flags in NODE_OPTIONS), every command compiles
 * from source and the figures are not those of an installed dra-sim.
 */
function codeCacheState() {
  const script = `console.log(require(${JSON.stringify(join(root, "bin/loadCli.js"))}).loadCli({ args: ["run"] }).cacheUsed)`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bin/loadCli.js failed: ${r.stderr}`);
  return r.stdout.trim() === "true" ? "taken" : "REFUSED by V8 (the figures are those of the bundle compiled from source)";
}

export async function measure({ log }) {
  const rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 9);
  const beforeAt = process.argv.indexOf("--before");
  const beforeBin = beforeAt < 0 ? undefined : join(resolve(process.argv[beforeAt + 1]), "bin/dra-sim.js");
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-startup-seed-"));
  const seedJson = await seedAsJson(dir);
  const ours = commandCases(bin, "", seedJson);
  const before = beforeBin === undefined ? [] : commandCases(beforeBin, "before ", seedJson);
  let ms;
  try {
    ms = medians([{ label: "node -e 0", args: ["-e", "0"] }, ...ours, ...before], rounds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log(`CLI code cache (bin/loadCli.js): ${codeCacheState()}`);
  const floor = ms.get("node -e 0");
  const vs = { floor, floorName: "node -e 0", unit: "ms" };
  log(`start-up CPU (user + system), median of ${rounds} interleaved rounds, each a fresh process; node -e 0: ${floor.toFixed(0)} ms`);
  const small = SMALL_RUNS.map(([label]) => `${label} ${ms.get(label).toFixed(0)} ms (${(ms.get(label) / floor).toFixed(2)}x)`).join(", ");
  log(`context: a whole run of scenarios/seed-trip-count.yaml (--quiet), which loads what a first line leaves for later (the YAML reader, the engine, the report): ${small}`);
  if (beforeBin !== undefined) {
    log(`before (${beforeBin}) -> now, ms CPU:`);
    for (const c of ours) log(`  ${c.label.padEnd(14)} ${ms.get(`before ${c.label}`).toFixed(0).padStart(5)} -> ${ms.get(c.label).toFixed(0).padStart(5)}`);
  }
  const figures = [
    figure({ id: "startup.version", name: "dra-sim --version", value: ms.get("--version"), ...vs }),
    figure({ id: "startup.help", name: "dra-sim --help", value: ms.get("--help"), ...vs }),
    ...FIRST_LINE.map(([cmd]) => figure({ id: "startup.firstLine", name: `dra-sim ${cmd}, to its first line of work`, value: ms.get(cmd), ...vs })),
    smallRun(log),
  ];
  return figures;
}

/**
 * A 100,000-task `dra-sim run` (the whole command, fresh process) against the simulation of the
 * same file alone (runScenario timed inside a fresh process running the same bundle, as the
 * command does: its code cache, its V8 flags): start-up and printing should be a small part of a
 * small run.
 */
function smallRun(log) {
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-startup-bench-"));
  try {
    const file = join(dir, "bench-100k-tasks.json");
    const scenario = hundredKTaskScenario();
    scenario.conf["spark.dynamicAllocation.maxExecutors"] = "200";
    writeFileSync(file, JSON.stringify(scenario));
    // The same bundle as the command, loaded as bin/dra-sim.js loads it (run's code cache) with
    // the CLI's V8 flags set, so the floor pays nothing the command does not.
    const runArgs = ["run", file, "--quiet"];
    const simOnly = `
      const { cli } = require(${JSON.stringify(join(root, "bin/loadCli.js"))}).loadCli({ args: ${JSON.stringify(runArgs)} });
      cli.setCliV8Flags(${JSON.stringify(runArgs)});
      cli.simulationCpuMs(${JSON.stringify(file)}).then((ms) => console.log("SIM_CPU_MS " + ms));`;
    const rounds = Number(process.env.BENCH_RUNS ?? 3);
    const whole = [];
    const sim = [];
    for (let i = 0; i < rounds; i++) {
      whole.push(cpuMs([bin, ...runArgs]));
      const r = spawnSync(process.execPath, ["-e", simOnly], { cwd: root, encoding: "utf8" });
      const m = /SIM_CPU_MS (\S+)/.exec(r.stdout);
      if (!m) throw new Error(`simulation alone failed: ${r.stderr}`);
      sim.push(Number(m[1]));
    }
    const w = median(whole);
    const s = median(sim);
    log(`a 100,000-task run: whole command ${w.toFixed(0)} ms CPU, its simulation alone ${s.toFixed(0)} ms (median of ${rounds}); the rest is start-up, loading the file and printing`);
    return figure({
      id: "startup.smallRun",
      name: "dra-sim run, 100k tasks (whole command)",
      value: w,
      floor: s,
      floorName: "its simulation alone",
      unit: "ms",
      // "dominated by the simulation": the simulation is more than half of the command.
      target: { of: "ratio", op: "<=", limit: 2 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, measure);
