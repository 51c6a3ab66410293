// Replay benchmark: the whole `dra-sim replay` command on a ~300 MB event log against the
// floor of reading it at all (readline + JSON.parse of every line, in a process of its own),
// as CPU time (user + system) and peak RSS, each in a fresh process.
//   npm run build && node bench/replay.mjs [--from LOG] [--size-mb 300] [--keep]
// The log is built by bench/lib/bigEventLog.mjs from a real log: by default
// spark-rapids-tools' join_agg_on_yarn_eventlog (a Spark 3.3 YARN application with dynamic
// allocation), from ../shared/eventlogs when present; with --from, any plain event log (the
// public one: https://github.com/NVIDIA/spark-rapids-tools, core/src/test/resources/spark-events).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBigEventLog } from "./lib/bigEventLog.mjs";
import { figure } from "./lib/figure.mjs";
import { reportFigures } from "./lib/measureMain.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const preload = join(root, "bench/lib/cpuOnExit.mjs");
const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const source = resolve(arg("--from", join(root, "../shared/eventlogs/spark-rapids-tools/join_agg_on_yarn_eventlog")));
const sizeMb = Number(arg("--size-mb", process.env.BENCH_REPLAY_MB ?? 300));

const FLOOR = `
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
for await (const line of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) if (line.length > 0) JSON.parse(line);
`;

function measure(args) {
  const r = spawnSync(process.execPath, ["--import", preload, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  const cpu = /BENCH_CPU_MS (\S+)/.exec(r.stderr);
  const rss = /BENCH_MAX_RSS_KB (\S+)/.exec(r.stderr);
  if (r.status !== 0 || !cpu || !rss) throw new Error(`${args.join(" ")} failed (exit ${r.status}):\n${r.stderr}`);
  return { cpuMs: Number(cpu[1]), rssMb: Number(rss[1]) / 1024 };
}

if (!existsSync(source)) {
  console.log(`replay bench skipped: ${source} is absent (pass --from with a plain Spark event log)`);
} else {
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-replay-bench-"));
  try {
    const log = join(dir, "application_big_0001");
    const copies = await buildBigEventLog(source, log, sizeMb * 2 ** 20);
    const mb = statSync(log).size / 2 ** 20;
    console.log(`log: ${mb.toFixed(0)} MiB, ${copies} copies of ${source.split("/eventlogs/").pop()}'s workload (bench/lib/bigEventLog.mjs)`);
    const rounds = Number(process.env.BENCH_RUNS ?? 2);
    let floor;
    let replay;
    for (let i = 0; i < rounds; i++) {
      const f = measure(["--input-type=module", "-e", FLOOR, log]);
      const r = measure([join(root, "bin/dra-sim.js"), "replay", log, "--quiet"]);
      if (floor === undefined || f.cpuMs < floor.cpuMs) floor = f;
      if (replay === undefined || r.cpuMs < replay.cpuMs) replay = r;
    }
    const show = (label, m) => `  ${label.padEnd(44)} ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s CPU  ${(mb / (m.cpuMs / 1000)).toFixed(0).padStart(4)} MiB/s  peak RSS ${m.rssMb.toFixed(0)} MiB`;
    console.log(show("readline + JSON.parse of every line (floor)", floor));
    console.log(show("dra-sim replay --quiet (whole command)", replay));
    console.log(`replay / floor: ${(floor.cpuMs / replay.cpuMs).toFixed(2)}x the floor's speed (target >= 0.8); peak RSS ${(replay.rssMb / floor.rssMb).toFixed(2)}x the floor's (best CPU of ${rounds})`);
    reportFigures([
      figure({ id: "replay.floor", name: `dra-sim replay, ${mb.toFixed(0)} MiB log (CPU)`, value: replay.cpuMs / 1000, unit: "s", floor: floor.cpuMs / 1000, floorName: "readline + JSON.parse", ratio: floor.cpuMs / replay.cpuMs, ratioName: "x the floor's speed" }),
      figure({ id: "replay.rss", name: `dra-sim replay, ${mb.toFixed(0)} MiB log, peak RSS`, value: replay.rssMb, unit: "MiB", floor: floor.rssMb, floorName: "the floor's" }),
    ]);
  } finally {
    if (!argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
}
