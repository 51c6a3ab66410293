// Start-up benchmark: CPU time (user + system) of `dra-sim` invocations, each as a fresh
// process, against `node -e 0` (the floor no CLI can beat). Medians of interleaved rounds,
// so load from other processes hits every command alike. Runs on the compiled output.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const preload = join(root, "bench/lib/cpuOnExit.mjs");
const bin = join(root, "bin/dra-sim.js");
const rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 9);

const cases = [
  { label: "node -e 0 (floor)", args: ["-e", "0"] },
  { label: "dra-sim --version", args: [bin, "--version"], limitMs: 100 },
  { label: "dra-sim --help", args: [bin, "--help"], limitMs: 150 },
  // A missing file: the command's modules are loaded and its work starts, then stops at once.
  { label: "dra-sim run (to its first line of work)", args: [bin, "run", "missing.yaml"], limitMs: 150 },
  { label: "dra-sim replay (to its first line of work)", args: [bin, "replay", "missing.log"], limitMs: 150 },
  { label: "dra-sim sweep (to its first line of work)", args: [bin, "sweep", "missing.yaml", "--grid", "spark.executor.cores=1,2"], limitMs: 150 },
  { label: "dra-sim run scenarios/seed-trip-count.yaml", args: [bin, "run", "scenarios/seed-trip-count.yaml", "--quiet"] },
];

function cpuMs(args) {
  const r = spawnSync(process.execPath, ["--import", preload, ...args], { cwd: root, encoding: "utf8" });
  const m = /BENCH_CPU_MS (\S+)/.exec(r.stderr);
  if (!m) throw new Error(`no CPU figure from ${args.join(" ")}: ${r.stderr}`);
  return Number(m[1]);
}

const samples = cases.map(() => []);
for (let i = 0; i < rounds; i++) cases.forEach((c, k) => samples[k].push(cpuMs(c.args)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(samples[0]);
console.log(`start-up CPU (user+system, median of ${rounds} interleaved rounds; floor = node -e 0 = ${floor.toFixed(0)} ms)`);
cases.forEach((c, k) => {
  const ms = median(samples[k]);
  const verdict = c.limitMs === undefined ? "" : ms <= c.limitMs ? `  (target <= ${c.limitMs} ms: met)` : `  (target <= ${c.limitMs} ms: NOT met)`;
  console.log(`  ${c.label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / floor).toFixed(2)}x floor, +${(ms - floor).toFixed(0)} ms${verdict}`);
});
