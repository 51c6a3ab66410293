// `npm run bench`: every measure in bench/measures/, each in a fresh process, then one table of
// every figure beside its floor or baseline, the ratio, the target and met / not met.
//   npm run bench                       all measures (a few minutes; it builds first)
//   npm run bench -- startup engine     only the measures with these names
//   npm run bench -- --json FILE        also writes the figures as JSON
//   npm run bench -- --before DIR       also bench/beforeAfter.mjs: the engine of DIR's build beside this one
// A measure is a module bench/measures/NAME.mjs exporting `measure({ log })`, which prints its
// details with `log` and returns figures (bench/lib/figure.mjs); adding one is adding a file.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { alignColumns, figureColumns, formatTarget } from "./lib/figure.mjs";
import { TARGETS } from "./lib/targets.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const beforeDir = option("--before");
const jsonOut = option("--json");
const valueOf = new Set([beforeDir, jsonOut]);
const only = argv.filter((a, i) => !a.startsWith("--") && !(valueOf.has(a) && argv[i - 1]?.startsWith("--")));

const NODE_FLAGS = ["--max-old-space-size=8192", "--expose-gc"];

const measures = readdirSync(join(here, "measures"))
  .filter((f) => f.endsWith(".mjs"))
  .sort()
  .filter((f) => only.length === 0 || only.includes(basename(f, ".mjs")));

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const startLoad = loadavg()[0];
console.log(`npm run bench: ${new Date().toISOString()}, Node ${process.version}, ${availableParallelism()} cores, load average ${load()} (1, 5, 15 min)`);

const dir = mkdtempSync(join(tmpdir(), "dra-sim-bench-"));
const figures = [];
const failed = [];
try {
  for (const file of measures) {
    console.log(`\n== ${basename(file, ".mjs")} (bench/measures/${file})`);
    const out = join(dir, `${file}.json`);
    const r = spawnSync(process.execPath, [...NODE_FLAGS, join(here, "measures", file)], { stdio: "inherit", env: { ...process.env, BENCH_FIGURES_FILE: out } });
    if (r.status !== 0 || !existsSync(out)) failed.push(file);
    else figures.push(...JSON.parse(readFileSync(out, "utf8")));
  }
  if (beforeDir !== undefined) {
    console.log("\n== beforeAfter.mjs");
    const r = spawnSync(process.execPath, [...NODE_FLAGS, join(here, "beforeAfter.mjs"), beforeDir], { stdio: "inherit" });
    if (r.status !== 0) failed.push("beforeAfter.mjs");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// One table, the figures issue 14 is judged on first (in the order), aligned together.
const judgedIds = Object.keys(TARGETS).filter((id) => TARGETS[id].judged);
const judged = judgedIds.flatMap((id) => figures.filter((f) => f.id === id));
const others = figures.filter((f) => !judgedIds.includes(f.id));
const header = ["figure", "value", "floor or baseline", "ratio", "target", ""];
const lines = alignColumns([header, ...judged.map(figureColumns), ...others.map(figureColumns)]);
console.log(`\n== summary: each figure beside its floor or baseline (ratio = value / floor, or as the line says)`);
console.log(`${lines[0]}\n-- issue 14, how it is judged\n${lines.slice(1, 1 + judged.length).join("\n")}`);
if (only.length === 0) {
  const reported = new Set(figures.map((f) => f.id));
  for (const id of judgedIds.filter((i) => !reported.has(i))) console.log(`not measured: ${TARGETS[id].what} (${formatTarget(TARGETS[id])}; no measure reports "${id}")`);
}
if (others.length > 0) console.log(`-- other figures\n${lines.slice(1 + judged.length).join("\n")}`);
console.log(`issue 14's judged targets: ${judged.filter((f) => f.met).length} of ${judged.length} reported figures met`);
const endLoad = loadavg()[0];
console.log(
  `load average at start ${startLoad.toFixed(2)}, now ${load()} on ${availableParallelism()} cores` +
    (startLoad > 0.5 ? ": measured under load from other processes (CPU times hold up; wall-clock figures such as a sweep's speed-up do not)" : ""),
);
if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cores: availableParallelism(), loadAverage: { start: startLoad, end: endLoad }, figures }, null, 2) + "\n");
if (failed.length > 0) {
  console.log(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
