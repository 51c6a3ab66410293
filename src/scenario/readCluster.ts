import {
  CLUSTER_MANAGER_KINDS,
  DEFAULT_EXECUTOR_STARTUP_MS,
  DEFAULT_YARN,
  type ClusterManagerKind,
  type ClusterSpec,
  type DurationSpec,
  type YarnSpec,
} from "../../sim/scenario/Scenario.js";
import { readDurationSpec } from "./durationSpec.js";
import { checkKeys, readInteger, readObject } from "./fieldReaders.js";
import type { IssueCollector } from "./IssueCollector.js";
import { readExecutorLosses } from "./readExecutorLosses.js";

export const CLUSTER_KEYS = ["executorStartupMs", "manager", "executorRemovalMs", "yarn", "maxContainers", "executorLosses"] as const;
const YARN_KEYS = ["amStartupMs", "containerAllocationMs"] as const;
const MS = { min: 0, ms: true } as const;

/** The scenario's `cluster` section with defaults applied; undefined when it has an issue. */
export function readCluster(c: IssueCollector, raw: unknown): ClusterSpec | undefined {
  let executorStartupMs: DurationSpec | undefined = DEFAULT_EXECUTOR_STARTUP_MS;
  if (raw === undefined) return { executorStartupMs };
  const cluster = readObject(c, ["cluster"], raw, `a map {${CLUSTER_KEYS.join(", ")}}`);
  if (cluster === undefined) return undefined;
  checkKeys(c, ["cluster"], cluster, CLUSTER_KEYS);
  if (cluster["executorStartupMs"] !== undefined) {
    executorStartupMs = readDurationSpec(c, ["cluster", "executorStartupMs"], cluster["executorStartupMs"], { per: "executor" });
  }
  let manager: ClusterManagerKind | undefined;
  const rawManager = cluster["manager"];
  if (rawManager !== undefined) {
    if (typeof rawManager === "string" && (CLUSTER_MANAGER_KINDS as readonly string[]).includes(rawManager)) manager = rawManager as ClusterManagerKind;
    else c.add(["cluster", "manager"], "invalid-value", `must be one of ${CLUSTER_MANAGER_KINDS.join(", ")}, got ${JSON.stringify(rawManager)}`, rawManager);
  }
  const removal = cluster["executorRemovalMs"] === undefined ? undefined : readDurationSpec(c, ["cluster", "executorRemovalMs"], cluster["executorRemovalMs"], { per: "executor" });
  const maxContainers = cluster["maxContainers"] === undefined ? undefined : readInteger(c, ["cluster", "maxContainers"], cluster["maxContainers"], { min: 1 });
  let yarn: YarnSpec | undefined;
  if (cluster["yarn"] !== undefined) {
    const y = readObject(c, ["cluster", "yarn"], cluster["yarn"], `a map {${YARN_KEYS.join(", ")}}`);
    if (y !== undefined) {
      checkKeys(c, ["cluster", "yarn"], y, YARN_KEYS);
      if (manager !== "yarn") c.add(["cluster", "yarn"], "invalid-value", `applies to manager: yarn only (manager is ${manager ?? "generic"}): set cluster.manager: yarn or remove it`, y);
      const am = y["amStartupMs"] === undefined ? DEFAULT_YARN.amStartupMs : readInteger(c, ["cluster", "yarn", "amStartupMs"], y["amStartupMs"], MS);
      const alloc = y["containerAllocationMs"] === undefined ? DEFAULT_YARN.containerAllocationMs : readInteger(c, ["cluster", "yarn", "containerAllocationMs"], y["containerAllocationMs"], MS);
      if (am !== undefined && alloc !== undefined) yarn = { amStartupMs: am, containerAllocationMs: alloc };
    }
  }
  const losses = cluster["executorLosses"] === undefined ? [] : readExecutorLosses(c, ["cluster", "executorLosses"], cluster["executorLosses"]);
  if (executorStartupMs === undefined) return undefined;
  return {
    executorStartupMs,
    ...(manager === undefined ? {} : { manager }),
    ...(removal === undefined ? {} : { executorRemovalMs: removal }),
    ...(yarn === undefined ? {} : { yarn }),
    ...(maxContainers === undefined ? {} : { maxContainers }),
    ...(losses.length === 0 ? {} : { executorLosses: losses }),
  };
}
