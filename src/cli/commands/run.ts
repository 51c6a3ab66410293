import type { Argv } from "yargs";
import { loadScenarioFile } from "../../scenario/index.js";
import { runScenario } from "../../run/runScenario.js";
import { formatSummary } from "../../report/formatSummary.js";
import { summaryJson } from "../../report/summaryJson.js";
import { timelineRecords } from "../../report/timelineCsv.js";
import { eventLines } from "../../report/eventsJsonl.js";
import { checkDistinctOutputs, checkOutputPath, parseConfArgs, writeCsv, writeLines, UsageError, type CliIO } from "../io.js";
import { CLUSTER_MANAGER_KINDS, type ClusterManagerKind, type Scenario } from "../../../sim/scenario/Scenario.js";
import { parseSparkVersion } from "../../../sim/spark/SparkVersion.js";

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
    .option("cluster-manager", clusterManagerOption("override cluster.manager: kubernetes runs Spark's pod allocator (batch.size pods per batch.delay; pending pods kept for executorIdleTimeout)"))
    .option("force", { type: "boolean", default: false, describe: "overwrite existing output files" })
    .option("quiet", { type: "boolean", default: false, describe: "do not print the summary" });
}

/** `--cluster-manager`, shared by run, check and sweep. */
export function clusterManagerOption(describe: string) {
  return { choices: CLUSTER_MANAGER_KINDS, describe };
}

/** `--spark-version`: a modelled Spark version, or a usage error saying which are. */
export function sparkVersionArg(text: string): string {
  const v = parseSparkVersion(text);
  if ("error" in v) throw new UsageError(`--spark-version ${text}: ${v.error}`);
  return v.label;
}

/** Loads the scenario with the CLI's overrides applied (shared by run, check and sweep). */
export async function loadWithOverrides(
  io: CliIO,
  args: Pick<RunArgs, "scenario" | "jobRequest" | "seed" | "sparkVersion" | "clusterManager">,
): Promise<{ scenario: Scenario; warnings: string[] }> {
  // --job-request replaces the scenario's own jobRequest: the scenario's conf and an explicit
  // sparkVersion still win over it, as they do over a request the file names.
  const loaded = await loadScenarioFile(args.scenario, io.cwd, args.jobRequest === undefined ? {} : { jobRequestPath: args.jobRequest });
  let scenario = loaded.scenario;
  const warnings = [...loaded.warnings];
  if (args.seed !== undefined) {
    if (!Number.isSafeInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed ${args.seed}: must be a whole number >= 0`);
    scenario = { ...scenario, seed: args.seed };
  }
  if (args.sparkVersion !== undefined) scenario = { ...scenario, sparkVersion: sparkVersionArg(args.sparkVersion) };
  if (args.clusterManager !== undefined) scenario = { ...scenario, cluster: { ...scenario.cluster, manager: args.clusterManager } };
  return { scenario, warnings };
}

export async function runCommand(io: CliIO, args: RunArgs): Promise<number> {
  const overrides = parseConfArgs(args.conf);
  checkDistinctOutputs([
    ["--timeline", args.timeline],
    ["--events", args.events],
    ["--json", args.json],
  ]);
  // Check every output path before spending time on the run.
  const timelinePath = args.timeline === undefined ? undefined : checkOutputPath(io, args.timeline, args.force, "--timeline");
  const eventsPath = args.events === undefined ? undefined : checkOutputPath(io, args.events, args.force, "--events");
  const jsonPath = args.json === undefined ? undefined : checkOutputPath(io, args.json, args.force, "--json");

  const { scenario, warnings } = await loadWithOverrides(io, args);
  const out = runScenario(scenario, overrides);
  const result = { ...out.result, warnings: [...warnings, ...out.result.warnings] };

  if (!args.quiet) io.stdout(formatSummary(out.summary, result));
  if (timelinePath !== undefined) {
    const { header, rows } = timelineRecords(result);
    await writeCsv(io, timelinePath, header, rows);
  }
  if (eventsPath !== undefined) await writeLines(io, eventsPath, eventLines(result));
  if (jsonPath !== undefined) await writeLines(io, jsonPath, [JSON.stringify(summaryJson(out.summary, result), null, 2) + "\n"]);
  return 0;
}
