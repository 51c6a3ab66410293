import type { Argv } from "yargs";
import { parseObjective, parseSla, type Objective } from "../../sweep/Objective.js";
import { DEFAULT_PRICES, parsePrice, type PriceModel } from "../../sweep/PriceModel.js";
import { SweepError } from "../../sweep/SweepError.js";
import type { SweepWords } from "../../sweep/sweepWords.js";
import type { SweepAnalysis, SweepRun } from "../../sweep/SweepResult.js";
import { checkOutputPath, writeLines, UsageError, type CliIO } from "../io.js";
import { reportOptionSpec, writeReport } from "../reportOutput.js";

// What sweep and merge share: how runs are judged and priced, and how the result is written.
// Apart from sweep.ts, so that merge does not load the workload readers sweep needs.

/** The options sweep and merge share: how runs are judged and priced, and the report. */
export function judgeOptions<T>(y: Argv<T>) {
  return y
    .option("objective", {
      type: "string",
      describe: "what to recommend: cheapest-within=P% of the fastest run time (default cheapest-within=10%), fastest-under-cost=USD, or sla=DURATION",
    })
    .option("sla", { type: "string", describe: "recommend the cheapest config whose median run time is within this, e.g. 20m (Spark's time syntax)" })
    .option("price-vcpu-hour", {
      type: "string",
      describe: `US dollars per vCPU-hour (default ${DEFAULT_PRICES.vcpuHourUsd}: EMR on EKS on Fargate, us-east-1, on-demand)`,
    })
    .option("price-gb-hour", {
      type: "string",
      describe: `US dollars per GiB-hour of container memory (default ${DEFAULT_PRICES.gibHourUsd}: EMR on EKS on Fargate, us-east-1, on-demand)`,
    })
    .option("top", { type: "number", default: 0, describe: "show only the N cheapest configs in the table (0: all)" })
    .option("force", { type: "boolean", default: false, describe: "overwrite an existing --out file" })
    .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors (and the CSV, with --out -)" })
    .option("report", reportOptionSpec);
}

/** `--objective` or `--sla` (not both), or the default. */
export function objectiveArg(args: { objective: string | undefined; sla: string | undefined }): Objective | undefined {
  if (args.objective !== undefined && args.sla !== undefined) throw new UsageError("--objective and --sla are two objectives: give one");
  const sla = args.sla;
  if (sla !== undefined) return inCliWords(() => ({ kind: "sla", slaMs: parseSla(sla) }));
  const objective = args.objective;
  if (objective !== undefined) return inCliWords(() => parseObjective(objective));
  return undefined;
}

/** Prices from the options; `undefined` when neither is given (each alone keeps the other's default). */
export function pricesArg(args: { priceVcpuHour: string | undefined; priceGbHour: string | undefined }): PriceModel | undefined {
  if (args.priceVcpuHour === undefined && args.priceGbHour === undefined) return undefined;
  return {
    vcpuHourUsd: args.priceVcpuHour === undefined ? DEFAULT_PRICES.vcpuHourUsd : parsePrice("--price-vcpu-hour", args.priceVcpuHour),
    gibHourUsd: args.priceGbHour === undefined ? DEFAULT_PRICES.gibHourUsd : parsePrice("--price-gb-hour", args.priceGbHour),
  };
}

export function topArg(top: number): number {
  if (!Number.isSafeInteger(top) || top < 0) throw new UsageError(`--top ${top}: must be a whole number >= 0`);
  return top;
}

/** The sweep's options as this command's flags: its errors are restated in them. */
const CLI_WORDS: SweepWords = {
  seeds: "--seeds",
  workers: "--workers",
  grid: "--grid",
  baseConf: "--conf",
  shard: "--shard",
  objective: "--objective",
  sla: "--sla",
  vcpuHourPrice: "--price-vcpu-hour",
  gibHourPrice: "--price-gb-hour",
  skipInvalid: "pass --skip-invalid",
  oneWorker: "pass --workers 1",
  setConf: (setting) => `add --conf ${setting}`,
  kubernetes: "pass --cluster-manager kubernetes (or set cluster.manager in the scenario)",
};

/** Runs `f`, restating a sweep error it throws in this command's flags. */
export function inCliWords<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw restated(e);
  }
}

/** `e`, a sweep error's message put in this command's flags. */
export function restated(e: unknown): unknown {
  if (e instanceof SweepError) e.restate(CLI_WORDS);
  return e;
}

/** The CSV writer (and csv-stringify), loaded when a CSV or its metadata path is needed. */
export const sweepCsvModule = () => import("../../sweep/sweepCsv.js");

/**
 * `--out` of sweep and merge, checked with its metadata sidecar (`FILE.meta.json`): both are
 * refused when they exist (unless --force) or are an input.
 */
export async function checkSweepOutPath(io: CliIO, out: string | undefined, force: boolean, inputs: ReadonlyArray<string | undefined>): Promise<string | undefined> {
  if (out === undefined) return undefined;
  const path = checkOutputPath(io, out, force, "--out", inputs);
  if (path !== "-") checkOutputPath(io, (await sweepCsvModule()).sweepMetaPath(out), force, `--out ${out}: its metadata file`, inputs);
  return path;
}

/**
 * The end of `sweep` and `merge`: the CSV alone for `--out -` (under its metadata line);
 * otherwise the report (unless --quiet), then the `--out` file if given: a plain CSV, its
 * metadata in the sidecar `FILE.meta.json` beside it.
 */
export async function writeSweep(
  io: CliIO,
  run: SweepRun,
  analysis: SweepAnalysis | undefined,
  options: {
    readonly outPath: string | undefined;
    readonly quiet: boolean;
    readonly top: number;
    /** --force: replace existing output files. */
    readonly force: boolean;
    readonly report?: { readonly path: string; readonly kind: "sweep" | "merge" } | undefined;
  },
): Promise<number> {
  const report = options.report;
  if (report !== undefined) await writeReport(io, report.path, (h) => h.sweepReportData(report.kind, run, analysis), options.force);
  // The CSV writer (csv-stringify) loads only when a CSV is written.
  const csv = options.outPath === undefined ? undefined : await sweepCsvModule();
  if (csv !== undefined && options.outPath === "-") {
    io.stdout(csv.sweepCsv(run, analysis));
    return 0;
  }
  // The report's text reads the conf as Spark would (the engine's modules): loaded when printed.
  if (!options.quiet) io.stdout((await import("../../sweep/formatSweep.js")).formatSweep(run, analysis, options.top));
  if (csv !== undefined && options.outPath !== undefined) {
    // The metadata first: a CSV is never in place without the sidecar that merge needs.
    await writeLines(io, csv.sweepMetaPath(options.outPath), [csv.sweepMetaJson(run)], options.force);
    await writeLines(io, options.outPath, [csv.sweepCsvTable(run, analysis)], options.force);
  }
  return 0;
}
