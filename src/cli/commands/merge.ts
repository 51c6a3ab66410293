import { checkReportPath } from "../reportOutput.js";
import type { Argv } from "yargs";
import { analyzeSweep, mergeSweeps, readSweepCsv } from "../../sweep/index.js";
import { checkOutputPath, readInputFile, type CliIO } from "../io.js";
import { judgeOptions, objectiveArg, pricesArg, topArg, writeSweep } from "./sweep.js";

export interface MergeArgs {
  files: string[];
  out: string | undefined;
  objective: string | undefined;
  sla: string | undefined;
  priceVcpuHour: string | undefined;
  priceGbHour: string | undefined;
  top: number;
  force: boolean;
  quiet: boolean;
  report?: string | undefined;
}

export function mergeOptions<T>(y: Argv<T>) {
  return judgeOptions(
    y
      .positional("files", { type: "string", array: true, demandOption: true, describe: "the CSV files of every shard of one sweep (dra-sim sweep --shard i/n --out FILE)" })
      .option("out", { type: "string", describe: "write the merged CSV, as an unsharded sweep would ('-' for stdout instead of the report)" }),
  );
}

/**
 * `dra-sim merge`: the shards of a sweep as one sweep: the same table, Pareto front,
 * recommendation and CSV as the unsharded run. --objective, --sla and prices re-judge or
 * re-price the runs without running them again.
 */
export async function mergeCommand(io: CliIO, args: MergeArgs): Promise<number> {
  const objective = objectiveArg(args);
  const prices = pricesArg(args);
  const top = topArg(args.top);
  const outPath = args.out === undefined ? undefined : checkOutputPath(io, args.out, args.force, "--out", args.files);
  const reportPath = checkReportPath(io, args.report, args.force, [args.out], args.files);
  const parts = args.files.map((f) => {
    const part = readSweepCsv(readInputFile(io, f), f, prices === undefined ? {} : { prices });
    if (part.ignoredLines > 0 && !args.quiet) io.stderr(`${f}: ignored ${part.ignoredLines} line${part.ignoredLines === 1 ? "" : "s"} before the sweep's metadata line\n`);
    return part;
  });
  const run = mergeSweeps(parts, args.files, { ...(objective === undefined ? {} : { objective }), ...(prices === undefined ? {} : { prices }) });
  return writeSweep(io, run, analyzeSweep(run), { outPath, quiet: args.quiet, top, force: args.force, report: reportPath === undefined ? undefined : { path: reportPath, kind: "merge" } });
}
