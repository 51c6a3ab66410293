import type { Argv } from "yargs";
import { CLUSTER_MANAGER_KINDS, type ClusterManagerKind } from "../../../sim/scenario/Scenario.js";
import type { ExtractOptions } from "../../replay/index.js";
import { UsageError } from "../io.js";

/** The cluster-side estimates replay and import make from a log, each overridable here. */
export interface ClusterEstimateArgs {
  readonly executorStartupMs?: number | undefined;
  readonly clusterManager?: ClusterManagerKind | undefined;
  readonly executorRemovalMs?: number | undefined;
  readonly amStartupMs?: number | undefined;
  readonly maxContainers?: number | undefined;
}

/** The largest duration override: a day. Beyond it the simulation only runs into its time limit. */
const MAX_MS = 86_400_000;

export function clusterEstimateOptions<T>(y: Argv<T>, verb: string) {
  return y
    .option("executor-startup-ms", { type: "number", describe: `executor start-up latency to ${verb} instead of the estimate (YARN: container launch to registration)` })
    .option("cluster-manager", { choices: CLUSTER_MANAGER_KINDS, describe: "cluster manager instead of the one spark.master names (yarn, kubernetes; generic otherwise)" })
    .option("executor-removal-ms", { type: "number", describe: "kill-to-removed latency instead of the one estimated from idle executors' removals" })
    .option("am-startup-ms", { type: "number", describe: "YARN: application start to the ApplicationMaster's first heartbeat, instead of the estimate" })
    .option("max-containers", { type: "number", describe: "cap on executors alive at once (the log's per-host peaks are only printed as a hint)" });
}

/** A whole number of ms from 0 to a day, or a usage error naming the option. */
export function msArg(option: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_MS) {
    throw new UsageError(`--${option} ${value}: must be a whole number of milliseconds from 0 to ${MAX_MS} (a day), e.g. 8000`);
  }
  return value;
}

/** The checked overrides as extraction options (only those given). */
export function clusterEstimateOverrides(args: ClusterEstimateArgs): ExtractOptions {
  const executorStartupMs = msArg("executor-startup-ms", args.executorStartupMs);
  const executorRemovalMs = msArg("executor-removal-ms", args.executorRemovalMs);
  const amStartupMs = msArg("am-startup-ms", args.amStartupMs);
  const max = args.maxContainers;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) throw new UsageError(`--max-containers ${max}: must be a whole number >= 1`);
  if (amStartupMs !== undefined && args.clusterManager !== undefined && args.clusterManager !== "yarn") {
    throw new UsageError(`--am-startup-ms applies to YARN only, and --cluster-manager is ${args.clusterManager}`);
  }
  return {
    ...(executorStartupMs === undefined ? {} : { executorStartupMs }),
    ...(args.clusterManager === undefined ? {} : { clusterManager: args.clusterManager }),
    ...(executorRemovalMs === undefined ? {} : { executorRemovalMs }),
    ...(amStartupMs === undefined ? {} : { amStartupMs }),
    ...(max === undefined ? {} : { maxContainers: max }),
  };
}
