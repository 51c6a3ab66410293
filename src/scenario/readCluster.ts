import {
  CLUSTER_MANAGER_KINDS,
  DEFAULT_EXECUTOR_STARTUP_MS,
  DEFAULT_TERMINATION_GRACE_PERIOD_MS,
  DEFAULT_YARN,
  type ClusterManagerKind,
  type ClusterSpec,
  type DurationSpec,
  type KubernetesSpec,
  type PodStartupSpec,
  type NodesSpec,
  type YarnSpec,
} from "../../sim/scenario/Scenario.js";
import { readDurationSpec } from "./durationSpec.js";
import { checkKeys, readInteger, readObject } from "./fieldReaders.js";
import type { IssueCollector } from "./IssueCollector.js";
import { POD_STARTUP_STAGES } from "../../sim/spark/PodStartup.js";
import { readExecutorLosses } from "./readExecutorLosses.js";

export const CLUSTER_KEYS = ["executorStartupMs", "manager", "executorRemovalMs", "yarn", "kubernetes", "maxContainers", "nodes", "executorLosses"] as const;
const YARN_KEYS = ["amStartupMs", "containerAllocationMs"] as const;
const KUBERNETES_KEYS = ["podStartup", "terminationGracePeriodMs"] as const;
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
  const kubernetes = cluster["kubernetes"] === undefined ? undefined : readKubernetes(c, cluster["kubernetes"], manager, cluster["executorStartupMs"] !== undefined);
  const losses = cluster["executorLosses"] === undefined ? [] : readExecutorLosses(c, ["cluster", "executorLosses"], cluster["executorLosses"]);
  const nodes = cluster["nodes"] === undefined ? undefined : readNodes(c, cluster["nodes"], manager);
  if (executorStartupMs === undefined) return undefined;
  return {
    executorStartupMs,
    ...(manager === undefined ? {} : { manager }),
    ...(removal === undefined ? {} : { executorRemovalMs: removal }),
    ...(yarn === undefined ? {} : { yarn }),
    ...(kubernetes === undefined ? {} : { kubernetes }),
    ...(maxContainers === undefined ? {} : { maxContainers }),
    ...(nodes === undefined ? {} : { nodes }),
    ...(losses.length === 0 ? {} : { executorLosses: losses }),
  };
}

const NODES_KEYS = ["count", "executorsPerNode", "autoscaler"] as const;
const AUTOSCALER_KEYS = ["maxNodes", "scaleUpDelayMs", "scaleDownIdleMs"] as const;

/** `cluster.nodes`: count x executorsPerNode executors fit; an optional autoscaler adds and removes nodes. */
function readNodes(c: IssueCollector, raw: unknown, manager: ClusterManagerKind | undefined): NodesSpec | undefined {
  const n = readObject(c, ["cluster", "nodes"], raw, `a map {${NODES_KEYS.join(", ")}}`);
  if (n === undefined) return undefined;
  checkKeys(c, ["cluster", "nodes"], n, NODES_KEYS);
  if (manager === "yarn") c.add(["cluster", "nodes"], "invalid-value", "is not modelled on manager: yarn (use cluster.maxContainers there)", n);
  const count = readInteger(c, ["cluster", "nodes", "count"], n["count"], { min: 0 });
  const per = readInteger(c, ["cluster", "nodes", "executorsPerNode"], n["executorsPerNode"], { min: 1 });
  let autoscaler: NodesSpec["autoscaler"];
  if (n["autoscaler"] !== undefined) {
    const a = readObject(c, ["cluster", "nodes", "autoscaler"], n["autoscaler"], `a map {${AUTOSCALER_KEYS.join(", ")}}`);
    if (a !== undefined) {
      checkKeys(c, ["cluster", "nodes", "autoscaler"], a, AUTOSCALER_KEYS);
      const maxNodes = readInteger(c, ["cluster", "nodes", "autoscaler", "maxNodes"], a["maxNodes"], { min: 1 });
      const up = a["scaleUpDelayMs"] === undefined ? 60_000 : readInteger(c, ["cluster", "nodes", "autoscaler", "scaleUpDelayMs"], a["scaleUpDelayMs"], MS);
      const down = a["scaleDownIdleMs"] === undefined ? 600_000 : readInteger(c, ["cluster", "nodes", "autoscaler", "scaleDownIdleMs"], a["scaleDownIdleMs"], MS);
      if (maxNodes !== undefined && count !== undefined && maxNodes < count) c.add(["cluster", "nodes", "autoscaler", "maxNodes"], "too-small", `must be >= nodes.count (${count}), got ${maxNodes}`, maxNodes);
      else if (maxNodes !== undefined && up !== undefined && down !== undefined) autoscaler = { maxNodes, scaleUpDelayMs: up, scaleDownIdleMs: down };
    }
  }
  if (count === undefined || per === undefined) return undefined;
  return autoscaler === undefined ? { count, executorsPerNode: per } : { count, executorsPerNode: per, autoscaler };
}

/** `cluster.kubernetes`: pod start-up by stage (instead of executorStartupMs) and the pods' termination grace period. */
function readKubernetes(c: IssueCollector, raw: unknown, manager: ClusterManagerKind | undefined, hasStartup: boolean): KubernetesSpec | undefined {
  const path = ["cluster", "kubernetes"];
  const k = readObject(c, path, raw, `a map {${KUBERNETES_KEYS.join(", ")}}`);
  if (k === undefined) return undefined;
  checkKeys(c, path, k, KUBERNETES_KEYS);
  if (manager !== "kubernetes") c.add(path, "invalid-value", `applies to manager: kubernetes only (manager is ${manager ?? "generic"}): set cluster.manager: kubernetes or remove it`, k);
  const grace = k["terminationGracePeriodMs"] === undefined ? DEFAULT_TERMINATION_GRACE_PERIOD_MS : readInteger(c, [...path, "terminationGracePeriodMs"], k["terminationGracePeriodMs"], MS);
  let podStartup: PodStartupSpec | undefined;
  if (k["podStartup"] !== undefined) {
    const stagesPath = [...path, "podStartup"];
    const st = readObject(c, stagesPath, k["podStartup"], `a map {${POD_STARTUP_STAGES.join(", ")}}, each a duration`);
    if (st !== undefined) {
      checkKeys(c, stagesPath, st, POD_STARTUP_STAGES);
      if (hasStartup) c.add(stagesPath, "invalid-value", "replaces cluster.executorStartupMs (the stages add up to it): remove one of the two", st);
      const drawn: Partial<Record<(typeof POD_STARTUP_STAGES)[number], DurationSpec>> = {};
      for (const stage of POD_STARTUP_STAGES) {
        if (st[stage] === undefined) c.add([...stagesPath, stage], "required", `is required: give all four stages (${POD_STARTUP_STAGES.join(", ")}); 0 for a stage that takes no time`, undefined);
        else {
          const d = readDurationSpec(c, [...stagesPath, stage], st[stage], { per: "executor" });
          if (d !== undefined) drawn[stage] = d;
        }
      }
      const { schedulingMs, imagePullMs, containerStartMs, registrationMs } = drawn;
      if (schedulingMs !== undefined && imagePullMs !== undefined && containerStartMs !== undefined && registrationMs !== undefined) podStartup = { schedulingMs, imagePullMs, containerStartMs, registrationMs };
    }
  }
  if (grace === undefined) return undefined;
  return podStartup === undefined ? { terminationGracePeriodMs: grace } : { podStartup, terminationGracePeriodMs: grace };
}
