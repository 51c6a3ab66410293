import type { Argv } from "yargs";
import { formatDuration } from "../../report/units.js";
// The sweep's modules one by one, not its barrel: the barrel would also load merge's CSV reader (csv-parse).
import { parseGrid } from "../../sweep/parseGrid.js";
import { DEFAULT_OBJECTIVE } from "../../sweep/Objective.js";
import { DEFAULT_PRICES } from "../../sweep/PriceModel.js";
import { parseShard } from "../../sweep/Shard.js";
import { formatProgress } from "../../sweep/formatProgress.js";
import { listArg, parseConfArgs, UsageError, type CliIO } from "../io.js";
import { checkReportPath } from "../reportOutput.js";
import { zipEntryOption } from "./eventLogOptions.js";
import { clusterManagerOption } from "./workloadOptions.js";
import { loadWorkload } from "./loadWorkload.js";
import { checkSweepOutPath, judgeOptions, objectiveArg, pricesArg, restated, topArg, writeSweep } from "./sweepJudging.js";
import { defineCommand, type ArgsOf } from "../command.js";

export function sweepOptions<T>(y: Argv<T>) {
  return judgeOptions(
    zipEntryOption(y)
      .positional("input", {
        type: "string",
        demandOption: true,
        describe: "the workload: a scenario file (.yaml, .yml, .json) or a Spark event log (anything else)",
      })
      .option("grid", {
        // Not `array: true`, which would swallow the positional after it; yargs collects repeats.
        type: "string",
        coerce: listArg,
        describe: "key=v1,v2,... values of one Spark property (repeatable; ranges such as 10..100:10 or 30s..120s:30s)",
      })
      .option("conf", { type: "string", coerce: listArg, describe: "Spark property key=value applied to every config (repeatable)" })
      .option("seeds", { type: "number", default: 1, describe: "runs per config, with seeds seed+0..N-1 (for random durations); median and p90 are reported" })
      .option("workers", { type: "number", describe: "parallel runs (default: the machine's cores): the main thread and N-1 worker threads, each taking one config at a time; 1 runs in the main thread only" })
      .option("out", { type: "string", describe: "write one CSV row per config and seed, a plain CSV, with the sweep's metadata (grid, prices, seeds; what merge needs) beside it in FILE.meta.json; '-' for stdout instead of the report, the metadata as a first '#dra-sim-sweep {json}' line" })
      .option("shard", { type: "string", describe: "run only the i-th of n slices of the grid (0-based: 0/4 .. 3/4) and write its rows with --out; see dra-sim merge" })
      .option("skip-invalid", { type: "boolean", default: false, describe: "skip the configs Spark would refuse (listed in the report) instead of stopping" })
      .option("job-request", { type: "string", describe: "EMR on EKS StartJobRun request whose settings the scenario's conf and --conf override (scenario input only)" })
      .option("seed", { type: "number", describe: "base seed instead of the workload's" })
      .option("spark-version", { type: "string", describe: "simulate this Spark version (e.g. 3.4.1)" })
      .option("cluster-manager", clusterManagerOption("override the workload's cluster manager: kubernetes runs Spark's pod allocator (and makes spark.kubernetes.allocation.* grid keys matter)"))
      .option("logged-submit-times", { type: "boolean", default: false, describe: "event-log input: submit every job at its logged start time instead of keeping the driver's time between jobs" })
      .option("executor-startup-ms", { type: "number", describe: "event-log input: executor start-up latency instead of the one estimated from the log" }),
  );
}

export type SweepArgs = ArgsOf<typeof sweepOptions>;

/** A one-line progress bar on a terminal, redrawn at most every 100 ms. */
function progressBar(io: CliIO): { update: (done: number, total: number) => void; end: () => void } {
  const startMs = Date.now();
  let lastMs = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - lastMs < 100 && done < total) return;
      lastMs = now;
      drawn = true;
      io.stderr(`\r${formatProgress(done, total, now - startMs)}\x1b[K`);
    },
    end() {
      if (drawn) io.stderr("\r\x1b[K");
    },
  };
}

/** `dra-sim sweep`: a grid of configs over one workload, priced, with the Pareto front and a recommendation. */
export async function sweepCommand(io: CliIO, args: SweepArgs): Promise<number> {
  try {
    return await runSweepCommand(io, args);
  } catch (e) {
    throw restated(e);
  }
}

async function runSweepCommand(io: CliIO, args: SweepArgs): Promise<number> {
  // yargs turns a non-number into NaN; the sweep checks the range of real numbers.
  if (Number.isNaN(args.seeds)) throw new UsageError("--seeds: expected a whole number >= 1");
  const grid = parseGrid(args.grid ?? []);
  const baseConf = parseConfArgs(args.conf);
  const objective = objectiveArg(args) ?? DEFAULT_OBJECTIVE;
  const prices = pricesArg(args) ?? DEFAULT_PRICES;
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const top = topArg(args.top);
  const outPath = await checkSweepOutPath(io, args.out, args.force, [args.input, args.jobRequest]);
  const reportPath = checkReportPath(io, args.report, args.force, [args.out], [args.input, args.jobRequest]);
  if (shard !== undefined && shard.count > 1 && outPath === undefined) {
    throw new UsageError(`--shard ${args.shard}: a shard's rows are only useful to dra-sim merge: write them with --out FILE.csv (or --out - for stdout)`);
  }

  const { scenario, notes } = await loadWorkload(io, args);
  if (!args.quiet) for (const n of notes) io.stderr(n + "\n");

  // The runs (engine, workers) load once there is a workload (start-up: README "Performance").
  const { sweep } = await import("../../sweep/sweep.js");
  const bar = io.stderrIsTTY && !args.quiet ? progressBar(io) : undefined;
  const startMs = Date.now();
  const result = await sweep(scenario, grid, {
    baseConf,
    seeds: args.seeds,
    ...(args.workers === undefined ? {} : { workers: args.workers }),
    prices,
    objective,
    ...(shard === undefined ? {} : { shard }),
    skipInvalid: args.skipInvalid,
    ...(bar === undefined ? {} : { onProgress: bar.update }),
  }).finally(() => bar?.end());
  if (!args.quiet) {
    for (const w of result.warnings) io.stderr(`warning (${w.points} config${w.points === 1 ? "" : "s"}): ${w.message}\n`);
    if (io.stderrIsTTY) {
      const seconds = (Date.now() - startMs) / 1000;
      io.stderr(`ran ${result.rows.length} runs in ${formatDuration(Math.round(seconds * 1000))} (${(result.rows.length / Math.max(seconds, 1e-3)).toFixed(1)} runs/s)\n`);
    }
  }

  return writeSweep(io, result, result.analysis, { outPath, quiet: args.quiet, top, force: args.force, report: reportPath === undefined ? undefined : { path: reportPath, kind: "sweep" } });
}

export const command = defineCommand(sweepOptions, sweepCommand);
