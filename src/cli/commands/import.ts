import { logTimingOptions, lossFormOption } from "./lossFormOption.js";
import { extname, resolve } from "node:path";
import type { Argv } from "yargs";
import { describeCompleteness } from "../../eventlog/index.js";
import { extractWorkload } from "../../replay/extractWorkload.js";
import { checkOutputPath, writeLines, type CliIO } from "../io.js";
import { clusterEstimateOptions, clusterEstimateOverrides } from "./clusterEstimateArgs.js";
import { zipEntryOption, zipEntryReadOptions } from "./eventLogOptions.js";
import { defineCommand, type ArgsOf } from "../command.js";

export function importOptions<T>(y: Argv<T>) {
  return clusterEstimateOptions(logTimingOptions(zipEntryOption(y)), "write")
    .positional("eventlog", {
      type: "string",
      demandOption: true,
      describe: "Spark event log: a file (plain, .gz, .zstd, .lz4, .snappy), a rolling eventlog_v2_* directory, or a History Server zip",
    })
    .option("output", { alias: "o", type: "string", demandOption: true, describe: "scenario file to write (YAML; '-' for stdout)" })
    .option("force", { type: "boolean", default: false, describe: "overwrite the output file" });
}

export type ImportArgs = ArgsOf<typeof importOptions>;

/** `dra-sim import`: the logged workload as a scenario file that `dra-sim run` accepts. */
export async function importCommand(io: CliIO, args: ImportArgs): Promise<number> {
  const estimates = clusterEstimateOverrides(args);
  const read = zipEntryReadOptions(args);
  const outputPath = checkOutputPath(io, args.output, args.force, "--output", [args.eventlog]);
  const { scenario, notes, report } = await extractWorkload(resolve(io.cwd, args.eventlog), {
    ...estimates,
    ...(args.loggedSubmitTimes === undefined ? {} : { loggedSubmitTimes: args.loggedSubmitTimes }),
    lossForm: lossFormOption(args.executorLosses),
    read,
  });
  // The engine's conf checks and the scenario writers load once the log is read (start-up: bench/measures/startup.mjs).
  const [{ resolveConf }, { scenarioJson, scenarioYaml }] = await Promise.all([import("../../run/runScenario.js"), import("../../replay/scenarioYaml.js")]);
  // Never write a scenario that run refuses: its conf read as Spark would, and the model's limits.
  resolveConf(scenario);
  // A .json output is JSON (run reads a file by its extension); anything else is YAML.
  const asJson = extname(args.output).toLowerCase() === ".json";
  await writeLines(io, outputPath, [(asJson ? scenarioJson : scenarioYaml)(scenario, notes, args.eventlog, report)], args.force);
  const warned = report.warningCount === 0 ? "" : `; ${report.warningCount} event-log warning${report.warningCount === 1 ? "" : "s"}, listed in the file's header`;
  if (outputPath !== "-") {
    const c = notes.counts;
    io.stdout(`wrote ${args.output} (jobs / stages / tasks ${c.jobs} / ${c.stages} / ${c.tasks}; Spark ${notes.modelSparkVersion} model; ${notes.executorStartup.description}${warned})\n`);
  } else if (warned !== "") {
    io.stderr(`warning: ${args.eventlog}: log ${describeCompleteness(report)} (listed in the scenario's header)\n`);
  }
  return 0;
}

export const command = defineCommand(importOptions, importCommand);
