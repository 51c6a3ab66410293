import type { Argv } from "yargs";
import { loadScenarioFile } from "../../scenario/index.js";
import { runScenario } from "../../run/runScenario.js";
import { formatSummary } from "../../report/formatSummary.js";
import { summaryJson } from "../../report/summaryJson.js";
import { timelineRecords } from "../../report/timelineCsv.js";
import { eventLines } from "../../report/eventsJsonl.js";
import { checkOutputPaths, humanText, parseConfArgs, printWarnings, useColor, writeOutputs, UsageError, type CliIO } from "../io.js";
import { checkReportPath, reportOptionSpec, writeReport } from "../reportOutput.js";
import { CLUSTER_MANAGER_KINDS, type ClusterManagerKind, type Scenario } from "../../../sim/scenario/Scenario.js";
import { parseSparkVersion, unreleasedPatchError } from "../../../sim/conf/SparkVersion.js";

export interface RunArgs {
  scenario: string;
  conf: string | string[] | undefined;
  timeline: string | undefined;
  events: string | undefined;
  json: string | undefined;
  jobRequest: string | undefined;
  seed: number | undefined;
  sparkVersion: string | undefined;
  clusterManager?: ClusterManagerKind | undefined;
  report?: string | undefined;
  force: boolean;
  quiet: boolean;
}

export function runOptions<T>(y: Argv<T>) {
  return y
    .positional("scenario", { type: "string", demandOption: true, describe: "scenario file (.yaml, .yml or .json)" })
    .option("conf", {
      // Not `array: true`, which would swallow the arguments after it; yargs collects repeats.
      type: "string",
      describe: "Spark property key=value overriding the scenario's conf (repeatable), e.g. --conf spark.dynamicAllocation.maxExecutors=50",
    })
    .option("timeline", { type: "string", describe: "write the executor-count timeline as CSV ('-' for stdout)" })
    .option("events", { type: "string", describe: "write every event as JSON lines ('-' for stdout)" })
    .option("json", { type: "string", describe: "write the summary as JSON ('-' for stdout)" })
    .option("job-request", {
      type: "string",
      describe: "EMR on EKS StartJobRun request (JSON) whose spark-defaults and sparkSubmitParameters set the conf (the scenario's conf and --conf win)",
    })
    .option("seed", { type: "number", describe: "override the scenario's seed" })
    .option("spark-version", { type: "string", describe: "override the scenario's Spark version (e.g. 3.4.1)" })
    .option("cluster-manager", clusterManagerOption("override cluster.manager: kubernetes runs Spark's pod allocator (batch.size pods per batch.delay; pending pods kept for executorIdleTimeout); yarn runs Spark's YarnAllocator (AM heartbeat, allocated containers always launch); standalone runs Spark's standalone Master (executors on workers, spread out or consolidated)"))
    .option("force", { type: "boolean", default: false, describe: "overwrite existing output files" })
    .option("quiet", { type: "boolean", default: false, describe: "do not print the summary" })
    .option("report", reportOptionSpec);
}

/** `--cluster-manager`, shared by run, check and sweep. */
export function clusterManagerOption(describe: string) {
  return { choices: CLUSTER_MANAGER_KINDS, describe };
}

/** `--seed`: a whole number >= 0 (undefined when not given). */
export function seedArg(seed: number | undefined): number | undefined {
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) throw new UsageError(`--seed ${seed}: must be a whole number >= 0`);
  return seed;
}

/** `--spark-version`: a modelled Spark version, or a usage error saying which are (undefined when not given). */
export function sparkVersionArg(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const v = parseSparkVersion(text);
  if ("error" in v) throw new UsageError(`--spark-version ${text}: ${v.error}`);
  const unreleased = unreleasedPatchError(v);
  if (unreleased !== undefined) throw new UsageError(`--spark-version ${text}: ${unreleased}`);
  return v.label;
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
  args: Pick<RunArgs, "scenario" | "jobRequest" | "seed" | "sparkVersion" | "clusterManager">,
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
  // The report's lanes and hovers read the model trace.
  const out = runScenario(scenario, overrides, reportPath === undefined ? { warnings } : { warnings, recordTrace: true });
  const result = out.result;

  printWarnings(io, result.warnings);
  if (!args.quiet) {
    const outputs = [args.timeline, args.events, args.json];
    const toStderr = outputs.includes("-");
    humanText(io, outputs)(formatSummary(out.summary, { ...result, warnings: [] }, { color: useColor(io, toStderr ? "stderr" : "stdout") }));
  }
  await writeOutputs(io, paths, {
    timeline: () => timelineRecords(result),
    events: () => eventLines(result),
    json: () => summaryJson(out.summary, result),
  });
  if (reportPath !== undefined) await writeReport(io, reportPath, (h) => h.runReportData("run", out.summary, result), args.force);
  return 0;
}
