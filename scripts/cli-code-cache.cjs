"use strict";
// Writes the CLI bundle's V8 code caches (bin/loadCli.js reads them): dist/cli/main.cjs.COMMAND.v8cache
// for each command and dist/cli/main.cjs.v8cache for the rest. Each is made in a fresh node without V8
// flags (V8 refuses a cache made under flags other than those it is read under, and
// bin/dra-sim.js reads it before setting its own): that node compiles the bundle as bin/dra-sim.js
// does, runs in-process what the command's start-up and a small run of it compile (RUNS; or
// --help), then asks V8 for the code of every function compiled so far.
//   node scripts/cli-code-cache.cjs           (scripts/bundle-cli.mjs runs it)
const { spawnSync } = require("node:child_process");
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { BUILD_ID_LENGTH, BUNDLE, CACHE_SUFFIX, loadCli } = require("../bin/loadCli.js");

const ROOT = join(__dirname, "..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
// A small event log of the repository's corpus (not in the npm package: there the replay and
// import caches hold their start-up only, their work is compiled when it runs).
const LOG = join(ROOT, "oracle/corpus/logs/allocation-ratio--3.4.1.zstd");

/**
 * What each command's cache is made from: the start-up bench/measures/startup.mjs times (the
 * first line of work, on inputs that do not exist, so nothing is written), its --help, and
 * but for merge a small whole run with its output to the discarded stdout, so that the cache
 * also holds what a run compiles (the engine, the YAML reader, the report): a whole run of the
 * seed scenario took 160 -> 132 ms CPU with it, its first line 106 -> 109 (cpu.py, 21 rounds).
 */
const RUNS = {
  run: [["run", "missing.yaml"], ["run", SEED, "--quiet"]],
  check: [["check", "missing.yaml"], ["check", SEED]],
  replay: [["replay", "missing.log"], ["replay", LOG]],
  import: [["import", "missing.log", "-o", "never-written.yaml"], ["import", LOG, "-o", "-"]],
  sweep: [["sweep", "missing.yaml", "--grid", "spark.executor.cores=1,2"], ["sweep", SEED, "--grid", "spark.dynamicAllocation.maxExecutors=20,40", "--workers", "1"]],
  merge: [["merge", "missing.csv"]],
  explain: [["explain", "missing.yaml", "--executor", "7", "--at", "2min"], ["explain", SEED, "--executor", "7", "--at", "2min"]],
};

/** Runs `runs` in this process on the bundle compiled without a cache, then writes its cache to `file`. */
async function writeCache(runs, file) {
  const { cli, script, id } = loadCli({ useCache: false });
  if (id === undefined || id.length !== BUILD_ID_LENGTH) throw new Error("the bundle has no build id (scripts/bundle-cli.mjs writes it)");
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-code-cache-"));
  const home = process.cwd();
  process.chdir(dir);
  try {
    const ignore = () => {};
    for (const args of runs) await cli.main(args, { stdout: ignore, stderr: ignore, stderrIsTTY: false, stdoutIsTTY: false, cwd: dir });
  } finally {
    process.chdir(home);
    rmSync(dir, { recursive: true, force: true });
  }
  const data = script.createCachedData();
  writeFileSync(file, Buffer.concat([Buffer.from(id, "latin1"), data]));
  return data.length;
}

/** Each cache in its own fresh node (this script with the command's name, or "help"). */
function writeAll() {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const sizes = [];
  for (const name of ["help", ...Object.keys(RUNS)]) {
    const r = spawnSync(process.execPath, [__filename, name], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`scripts/cli-code-cache.cjs ${name} failed (status ${r.status}):\n${r.stdout}${r.stderr}`);
    sizes.push(`${name} ${r.stdout.trim()}`);
  }
  console.log(`code caches (KiB): ${sizes.join(", ")}`);
}

module.exports = { RUNS };
// Run as a script (not required by a test): all caches, or the one named.
if (require.main === module) {
  const name = process.argv[2];
  if (name === undefined) writeAll();
  else if (name === "help") writeCache([["--help"]], BUNDLE + CACHE_SUFFIX).then((n) => console.log((n / 1024).toFixed(0)));
  else if (name in RUNS) writeCache([...RUNS[name], [name, "--help"]], `${BUNDLE}.${name}${CACHE_SUFFIX}`).then((n) => console.log((n / 1024).toFixed(0)));
  else throw new Error(`scripts/cli-code-cache.cjs: no start-up named ${name}`);
}
