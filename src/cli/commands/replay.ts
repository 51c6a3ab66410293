import { logTimingOptions, lossFormOption } from "./lossFormOption.js";
import { resolve } from "node:path";
import type { Argv } from "yargs";
import { clusterEstimateOptions, clusterEstimateOverrides } from "./clusterEstimateArgs.js";
import { defineCommand, type ArgsOf } from "../command.js";
import { zipEntryOption, zipEntryReadOptions } from "./eventLogOptions.js";
// The replay modules themselves, not the index (which also loads the YAML writer of `import`);
// what prints the result loads once there is one (start-up: bench/measures/startup.mjs).
import { replayEventLog, type ReplayResult } from "../../replay/replay.js";
import { checkReportPath, reportOptionSpec, writeReport } from "../reportOutput.js";
import { replayHeapHooks } from "../replayHeapHooks.js";
import { checkOutputPaths, humanText, listArg, parseConfArgs, printWarnings, writeOutputs, type CliIO } from "../io.js";

export function replayOptions<T>(y: Argv<T>) {
  return clusterEstimateOptions(logTimingOptions(zipEntryOption(y)), "simulate")
    .positional("eventlog", {
      type: "string",
      demandOption: true,
      describe: "Spark event log: a file (plain, .gz, .zstd, .lz4, .snappy), a rolling eventlog_v2_* directory, or a History Server zip",
    })
    .option("conf", {
      // Not `array: true`, which would swallow the event-log argument after it; yargs collects repeats.
      type: "string",
      coerce: listArg,
      describe: "Spark property key=value to preview against the logged config (repeatable), e.g. --conf spark.dynamicAllocation.maxExecutors=20",
    })
    .option("timeline", { type: "string", describe: "write the simulated timeline (with changes if any) plus actual_running_executors as CSV ('-' for stdout); the runs then keep a row per instant (36 bytes each, 64 with a count above 65,535; about one a task) instead of the timeline's sums" })
    .option("events", { type: "string", describe: "write the simulated events (with changes if any) as JSON lines ('-' for stdout)" })
    .option("json", { type: "string", describe: "write the model error, observed figures and run summaries as JSON ('-' for stdout)" })
    .option("force", { type: "boolean", default: false, describe: "overwrite existing output files" })
    .option("quiet", { type: "boolean", default: false, describe: "do not print the report" })
    .option("report", reportOptionSpec);
}

export type ReplayArgs = ArgsOf<typeof replayOptions>;

export async function replayCommand(io: CliIO, args: ReplayArgs): Promise<number> {
  const overrides = parseConfArgs(args.conf);
  const estimates = clusterEstimateOverrides(args);
  const read = zipEntryReadOptions(args);
  // Check every output path before reading the log.
  const paths = checkOutputPaths(io, args, [args.eventlog]);
  const reportPath = checkReportPath(io, args.report, args.force, [args.timeline, args.events, args.json], [args.eventlog]);

  // The command's peak RSS, once the arguments are checked: the young generation's cap and the
  // full GCs while the log is read and simulated. The cap is V8's for the whole process: undone
  // for what runs next in it (a program embedding main(), the tests), on an error too.
  const heap = replayHeapHooks();
  let result: ReplayResult;
  try {
    result = await replayEventLog(resolve(io.cwd, args.eventlog), {
      confOverrides: overrides,
      ...estimates,
      ...(args.loggedSubmitTimes === undefined ? {} : { loggedSubmitTimes: args.loggedSubmitTimes }),
      lossForm: lossFormOption(args.executorLosses),
      read,
      // Only --timeline and --report read the timeline's rows: without them the runs keep its sums.
      simulate: { ...(reportPath === undefined ? {} : { recordTrace: true }), keepTimelineRows: paths.timeline !== undefined || reportPath !== undefined },
      ...heap.hooks,
    });
  } finally {
    heap.release();
  }

  const [{ formatReplay }, { replayJson, replayTimelineRecords }, { eventLines }] = await Promise.all([
    import("../../replay/formatReplay.js"),
    import("../../replay/replayOutputs.js"),
    import("../../report/eventsJsonl.js"),
  ]);
  printWarnings(io, [...result.baseline.warnings, ...(result.changed?.warnings ?? [])]);
  if (!args.quiet) humanText(io, [args.timeline, args.events, args.json])(formatReplay(withoutRunWarnings(result)));
  await writeOutputs(io, paths, {
    timeline: () => replayTimelineRecords(result),
    events: () => eventLines((result.changed ?? result.baseline).result),
    json: () => replayJson(result),
  });
  if (reportPath !== undefined) await writeReport(io, reportPath, (h) => h.replayReportData(withoutRunWarnings(result)), args.force);
  return 0;
}

/** The result with the runs' warnings taken out of the report (the CLI prints them on stderr). */
function withoutRunWarnings(result: ReplayResult): ReplayResult {
  return { ...result, baseline: { ...result.baseline, warnings: [] }, ...(result.changed === undefined ? {} : { changed: { ...result.changed, warnings: [] } }) };
}

export const command = defineCommand(replayOptions, replayCommand);
