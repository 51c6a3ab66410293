// The workload of sweep and explain, apart from sweep.ts so that explain does not load the sweep's modules.
import { extname, resolve } from "node:path";
import type { ClusterManagerKind, Scenario } from "../../../sim/index.js";
import { UsageError, type CliIO } from "../io.js";
import { startupArg, zipEntryReadOptions, type ZipEntryArgs } from "./eventLogOptions.js";
import { applyOverrides, loadWithOverrides, seedArg, sparkVersionArg } from "./run.js";

const SCENARIO_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** What `loadWorkload` reads of sweep's and explain's arguments. */
export interface WorkloadArgs extends ZipEntryArgs {
  readonly input: string;
  readonly executorStartupMs?: number | undefined;
  readonly loggedSubmitTimes: boolean;
  readonly jobRequest?: string | undefined;
  readonly seed?: number | undefined;
  readonly sparkVersion?: string | undefined;
  readonly clusterManager?: ClusterManagerKind | undefined;
}

/** The workload: a scenario file, or the workload extracted from an event log (with a few lines about it). Shared by sweep and explain. */
export async function loadWorkload(io: CliIO, args: WorkloadArgs): Promise<{ scenario: Scenario; notes: string[] }> {
  if (SCENARIO_EXTENSIONS.has(extname(args.input).toLowerCase())) {
    if (args.executorStartupMs !== undefined) throw new UsageError("--executor-startup-ms is for event-log input: set cluster.executorStartupMs in the scenario");
    if (args.loggedSubmitTimes) throw new UsageError("--logged-submit-times is for event-log input: a scenario file sets its own submission times");
    const { scenario, warnings } = await loadWithOverrides(io, {
      scenario: args.input,
      jobRequest: args.jobRequest,
      seed: args.seed,
      sparkVersion: args.sparkVersion,
      clusterManager: args.clusterManager,
    });
    return { scenario, notes: warnings.map((w) => `warning: ${w}`) };
  }
  if (args.jobRequest !== undefined) throw new UsageError("--job-request is for scenario input: an event log carries its own configuration");
  const seed = seedArg(args.seed);
  const executorStartupMs = startupArg(args.executorStartupMs);
  const sparkVersion = sparkVersionArg(args.sparkVersion);
  // The event-log readers and the extraction load only for an event log.
  const [{ extractWorkload }, { describeCompleteness }] = await Promise.all([import("../../replay/index.js"), import("../../eventlog/index.js")]);
  const { scenario, notes, report } = await extractWorkload(resolve(io.cwd, args.input), {
    ...(executorStartupMs === undefined ? {} : { executorStartupMs }),
    ...(args.loggedSubmitTimes ? { loggedSubmitTimes: true } : {}),
    read: zipEntryReadOptions(args),
  });
  const c = notes.counts;
  const lines = [
    `workload of "${notes.appName}" from ${args.input}: jobs / stages / tasks ${c.jobs} / ${c.stages} / ${c.tasks}; Spark ${notes.loggedSparkVersion ?? "version unknown"} simulated with the ${notes.modelSparkVersion} model`,
    `  ${notes.executorStartup.description}`,
  ];
  if (notes.messages.length > 0) lines.push(`  ${notes.messages.length} extraction note${notes.messages.length === 1 ? "" : "s"}: dra-sim replay ${args.input} shows them`);
  if (report.warningCount > 0) lines.push(`  warning: log ${describeCompleteness(report)}: dra-sim replay ${args.input} lists them`);
  return { scenario: applyOverrides(scenario, { seed, sparkVersion, clusterManager: args.clusterManager }), notes: lines };
}
