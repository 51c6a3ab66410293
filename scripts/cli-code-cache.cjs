"use strict";
// Writes the CLI bundle's V8 code cache (dist/cli/main.cjs.v8cache; bin/loadCli.js reads it):
// compiles the bundle as bin/dra-sim.js does, runs in this process what start-up runs (--help,
// and each command up to its first line of work, on inputs that do not exist, so nothing is
// written), then asks V8 for the code of every function compiled so far. Run by
// scripts/bundle-cli.mjs in a fresh node without V8 flags: V8 refuses a cache made under flags
// other than those it is read under, and bin/dra-sim.js reads it before setting its own.
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { BUILD_ID_LENGTH, BUNDLE, CACHE_SUFFIX, loadCli } = require("../bin/loadCli.js");

// The start-up paths bench/measures/startup.mjs times, and each command's --help.
const COMMANDS = [
  ["run", "missing.yaml"],
  ["check", "missing.yaml"],
  ["replay", "missing.log"],
  ["import", "missing.log", "-o", "never-written.yaml"],
  ["sweep", "missing.yaml", "--grid", "spark.executor.cores=1,2"],
  ["merge", "missing.csv"],
  ["explain", "missing.yaml", "--executor", "7", "--at", "2min"],
];
const RUNS = [["--help"], ...COMMANDS, ...COMMANDS.map(([command]) => [command, "--help"])];

async function writeCache() {
  const { cli, script, id } = loadCli({ useCache: false });
  if (id === undefined || id.length !== BUILD_ID_LENGTH) throw new Error("the bundle has no build id (scripts/bundle-cli.mjs writes it)");
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-code-cache-"));
  const home = process.cwd();
  process.chdir(dir);
  try {
    const ignore = () => {};
    for (const args of RUNS) await cli.main(args, { stdout: ignore, stderr: ignore, stderrIsTTY: false, stdoutIsTTY: false, cwd: dir });
  } finally {
    process.chdir(home);
    rmSync(dir, { recursive: true, force: true });
  }
  const data = script.createCachedData();
  writeFileSync(BUNDLE + CACHE_SUFFIX, Buffer.concat([Buffer.from(id, "latin1"), data]));
  console.log(`code cache ${(data.length / 1024).toFixed(0)} KiB`);
}

writeCache().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
