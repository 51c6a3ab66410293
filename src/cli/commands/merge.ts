import { checkReportPath } from "../reportOutput.js";
import type { Argv } from "yargs";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { readInputFile, UsageError, type CliIO } from "../io.js";
import { checkSweepOutPath, judgeOptions, objectiveArg, pricesArg, sweepCsvModule, topArg, writeSweep } from "./sweepJudging.js";
import { defineCommand, type ArgsOf } from "../command.js";

export function mergeOptions<T>(y: Argv<T>) {
  return judgeOptions(
    y
      .positional("files", { type: "string", array: true, demandOption: true, describe: "the CSV files of every shard of one sweep (dra-sim sweep --shard i/n --out FILE), each with its metadata FILE.meta.json beside it, or a captured stdout (--out -, e.g. kubectl logs)" })
      .option("out", { type: "string", describe: "write the merged CSV and its FILE.meta.json, as an unsharded sweep would ('-' for stdout instead of the report)" }),
  );
}

export type MergeArgs = ArgsOf<typeof mergeOptions>;

/**
 * What reads and merges the shards, loaded once the first file is read: a missing or unreadable
 * file is reported before the reader, the merge and the analysis load (start-up: README
 * "Performance").
 */
const mergeModules = () => import("./mergeReader.js");

/** The metadata sidecar of the plain sweep CSV `file`, or a clear error naming it when it is absent. */
function readSidecar(io: CliIO, file: string, sweepMetaPath: (file: string) => string): { text: string; source: string } {
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
  const { SWEEP_CSV_MARKER, sweepMetaPath } = await sweepCsvModule();
  const outPath = await checkSweepOutPath(io, args.out, args.force, [...args.files, ...args.files.map(sweepMetaPath)]);
  const reportPath = checkReportPath(io, args.report, args.force, [args.out], args.files);
  let modules: Awaited<ReturnType<typeof mergeModules>> | undefined;
  const parts = [];
  for (const f of args.files) {
    const text = readInputFile(io, f);
    modules ??= await mergeModules();
    const part = modules.readSweepCsv(text, f, { ...(prices === undefined ? {} : { prices }), ...(text.includes(SWEEP_CSV_MARKER) ? {} : { meta: readSidecar(io, f, sweepMetaPath) }) });
    if (part.ignoredLines > 0 && !args.quiet) io.stderr(`${f}: ignored ${part.ignoredLines} line${part.ignoredLines === 1 ? "" : "s"} before the sweep's metadata line\n`);
    parts.push(part);
  }
  // yargs demands at least one file, so the modules are loaded here.
  const { mergeSweeps, analyzeSweep } = modules ?? (await mergeModules());
  const run = mergeSweeps(parts, args.files, { ...(objective === undefined ? {} : { objective }), ...(prices === undefined ? {} : { prices }) });
  return writeSweep(io, run, analyzeSweep(run), { outPath, quiet: args.quiet, top, force: args.force, report: reportPath === undefined ? undefined : { path: reportPath, kind: "merge" } });
}

export const command = defineCommand(mergeOptions, mergeCommand);
