import { checkReportPath } from "../reportOutput.js";
import type { Argv } from "yargs";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { analyzeSweep, mergeSweeps, readSweepCsv, SWEEP_CSV_MARKER, sweepMetaPath } from "../../sweep/index.js";
import { readInputFile, UsageError, type CliIO } from "../io.js";
import { checkSweepOutPath, judgeOptions, objectiveArg, pricesArg, topArg, writeSweep } from "./sweep.js";
import { defineCommand, type ArgsOf } from "../command.js";

export function mergeOptions<T>(y: Argv<T>) {
  return judgeOptions(
    y
      .positional("files", { type: "string", array: true, demandOption: true, describe: "the CSV files of every shard of one sweep (dra-sim sweep --shard i/n --out FILE), each with its metadata FILE.meta.json beside it, or a captured stdout (--out -, e.g. kubectl logs)" })
      .option("out", { type: "string", describe: "write the merged CSV and its FILE.meta.json, as an unsharded sweep would ('-' for stdout instead of the report)" }),
  );
}

export type MergeArgs = ArgsOf<typeof mergeOptions>;

/** The metadata sidecar of the plain sweep CSV `file`, or a clear error naming it when it is absent. */
function readSidecar(io: CliIO, file: string): { text: string; source: string } {
  const source = sweepMetaPath(file);
  if (!existsSync(resolve(io.cwd, source))) {
    throw new UsageError(`${file}: its metadata file ${source} is missing; dra-sim sweep --out ${file} writes it beside the CSV, and merge needs both (copy them together)`);
  }
  return { text: readInputFile(io, source), source };
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
  const outPath = await checkSweepOutPath(io, args.out, args.force, [...args.files, ...args.files.map(sweepMetaPath)]);
  const reportPath = checkReportPath(io, args.report, args.force, [args.out], args.files);
  const parts = args.files.map((f) => {
    const text = readInputFile(io, f);
    const part = readSweepCsv(text, f, { ...(prices === undefined ? {} : { prices }), ...(text.includes(SWEEP_CSV_MARKER) ? {} : { meta: readSidecar(io, f) }) });
    if (part.ignoredLines > 0 && !args.quiet) io.stderr(`${f}: ignored ${part.ignoredLines} line${part.ignoredLines === 1 ? "" : "s"} before the sweep's metadata line\n`);
    return part;
  });
  const run = mergeSweeps(parts, args.files, { ...(objective === undefined ? {} : { objective }), ...(prices === undefined ? {} : { prices }) });
  return writeSweep(io, run, analyzeSweep(run), { outPath, quiet: args.quiet, top, force: args.force, report: reportPath === undefined ? undefined : { path: reportPath, kind: "merge" } });
}

export const command = defineCommand(mergeOptions, mergeCommand);
