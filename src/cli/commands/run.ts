import type { Argv } from "yargs";
import { defineCommand, type ArgsOf } from "../command.js";
import { confOption, overrideOptions } from "./workloadOptions.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { formatSummary, withoutWarnings } from "../../report/formatSummary.js";
import { summaryJson } from "../../report/summaryJson.js";
import { timelineRecords } from "../../report/timelineCsv.js";
import { eventLines } from "../../report/eventsJsonl.js";
import { checkOutputPaths, humanText, parseConfArgs, printWarnings, useColor, writeOutputs, UsageError, type CliIO } from "../io.js";
import { checkReportPath, reportOptionSpec, writeReport } from "../reportOutput.js";
import { type ClusterManagerKind, safeParseSparkVersion, type Scenario, unreleasedPatchError } from "../../../sim/index.js";

export function runOptions<T>(y: Argv<T>) {
  return overrideOptions(
    confOption(y.positional("scenario", { type: "string", demandOption: true, describe: "scenario file (.yaml, .yml or .json)" }))
      .option("timeline", { type: "string", describe: "write the executor-count timeline as CSV ('-' for stdout)" })
      .option("events", { type: "string", describe: "write every event as JSON lines ('-' for stdout)" })
      .option("json", { type: "string", describe: "write the summary as JSON ('-' for stdout)" }),
  )
    .option("force", { type: "boolean", default: false, describe: "overwrite existing output files" })
    .option("quiet", { type: "boolean", default: false, describe: "do not print the summary" })
    .option("report", reportOptionSpec);
}

export type RunArgs = ArgsOf<typeof runOptions>;

/** `--seed`: a whole number >= 0 (undefined when not given). */
export function seedArg(seed: number | undefined): number | undefined {
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) throw new UsageError(`--seed ${seed}: must be a whole number >= 0`);
  return seed;
}

/** `--spark-version`: a modelled Spark version, or a usage error saying which are (undefined when not given). */
export function sparkVersionArg(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const v = safeParseSparkVersion(text);
  if (!v.success) throw new UsageError(`--spark-version ${text}: ${v.error.message}`);
  const unreleased = unreleasedPatchError(v.data);
  if (unreleased !== undefined) throw new UsageError(`--spark-version ${text}: ${unreleased}`);
  return v.data.label;
}

/** What the CLI overrides in a workload, already checked (`seedArg`, `sparkVersionArg`); undefined keeps the workload's. */
interface ScenarioOverrides {
  readonly seed: number | undefined;
  readonly sparkVersion: string | undefined;
  readonly clusterManager: ClusterManagerKind | undefined;
}

/** The workload with the CLI's overrides (shared by run, check and sweep, whether from a scenario file or an event log). */
export function applyOverrides(scenario: Scenario, o: ScenarioOverrides): Scenario {
  return {
    ...scenario,
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.sparkVersion === undefined ? {} : { sparkVersion: o.sparkVersion }),
    ...(o.clusterManager === undefined ? {} : { cluster: { ...scenario.cluster, manager: o.clusterManager } }),
  };
}

/** Loads the scenario with the CLI's overrides applied (shared by run, check and sweep). */
export async function loadWithOverrides(
  io: CliIO,
  args: { scenario: string; jobRequest?: string | undefined; seed?: number | undefined; sparkVersion?: string | undefined; clusterManager?: ClusterManagerKind | undefined },
): Promise<{ scenario: Scenario; warnings: string[] }> {
  // --job-request replaces the scenario's own jobRequest: the scenario's conf and an explicit
  // sparkVersion still win over it, as they do over a request the file names.
  const loaded = await loadScenarioFile(args.scenario, io.cwd, args.jobRequest === undefined ? {} : { jobRequestPath: args.jobRequest });
  const seed = seedArg(args.seed);
  const sparkVersion = sparkVersionArg(args.sparkVersion);
  return { scenario: applyOverrides(loaded.scenario, { seed, sparkVersion, clusterManager: args.clusterManager }), warnings: [...loaded.warnings] };
}

export async function runCommand(io: CliIO, args: RunArgs): Promise<number> {
  const overrides = parseConfArgs(args.conf);
  // Check every output path before spending time on the run.
  const paths = checkOutputPaths(io, args, [args.scenario, args.jobRequest]);
  const reportPath = checkReportPath(io, args.report, args.force, [args.timeline, args.events, args.json], [args.scenario, args.jobRequest]);

  const { scenario, warnings } = await loadWithOverrides(io, args);
  // The engine loads once there is a workload to run (start-up: README "Performance").
  const { runScenario } = await import("../../run/runScenario.js");
  // The report's lanes and hovers read the model trace.
  const out = runScenario(scenario, overrides, reportPath === undefined ? { warnings } : { warnings, recordTrace: true });
  const result = out.result;

  printWarnings(io, result.warnings);
  if (!args.quiet) {
    const outputs = [args.timeline, args.events, args.json];
    const toStderr = outputs.includes("-");
    humanText(io, outputs)(formatSummary(out.summary, withoutWarnings(result), { color: useColor(io, toStderr ? "stderr" : "stdout") }));
  }
  await writeOutputs(io, paths, {
    timeline: () => timelineRecords(result),
    events: () => eventLines(result),
    json: () => summaryJson(out.summary, result),
  });
  if (reportPath !== undefined) await writeReport(io, reportPath, (h) => h.runReportData("run", out.summary, result), args.force);
  return 0;
}

export const command = defineCommand(runOptions, runCommand);
