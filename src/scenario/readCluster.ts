import {
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
import { AUTOSCALER, CLUSTER, KUBERNETES, NODES, POD_STARTUP, YARN } from "./format/scenarioFormat.js";
import { fieldOf, integerRule, keysOf } from "./format/vocabulary.js";
import { checkKeys, readInteger, readObject } from "./fieldReaders.js";
import type { IssueCollector } from "./IssueCollector.js";
import { POD_STARTUP_STAGES } from "../../sim/spark/PodStartup.js";
import { readExecutorLosses } from "./readExecutorLosses.js";

// Keys, ranges, defaults and enum values come from the format's description (format/scenarioFormat.ts).
export const CLUSTER_KEYS = keysOf(CLUSTER);
const YARN_KEYS = keysOf(YARN);
const KUBERNETES_KEYS = keysOf(KUBERNETES);
const MS = integerRule(YARN, "amStartupMs");
const MANAGERS = enumValues("manager");

function enumValues(key: string): readonly string[] {
  const t = fieldOf(CLUSTER, key).type;
  if (t.type !== "enum") throw new Error(`scenario format: cluster.${key} is not an enum`);
  return t.values;
}

/** The scenario's `cluster` section with defaults applied; undefined when it has an issue. */
export function readCluster(c: IssueCollector, raw: unknown): ClusterSpec | undefined {
  let executorStartupMs: DurationSpec | undefined = DEFAULT_EXECUTOR_STARTUP_MS;
  if (raw === undefined) return { executorStartupMs };
  const cluster = readObject(c, ["cluster"], raw, CLUSTER.what);
  if (cluster === undefined) return undefined;
  checkKeys(c, ["cluster"], cluster, CLUSTER_KEYS);
  if (cluster["executorStartupMs"] !== undefined) {
    executorStartupMs = readDurationSpec(c, ["cluster", "executorStartupMs"], cluster["executorStartupMs"], { per: "executor" });
  }
  let manager: ClusterManagerKind | undefined;
  const rawManager = cluster["manager"];
  if (rawManager !== undefined) {
    if (typeof rawManager === "string" && MANAGERS.includes(rawManager)) manager = rawManager as ClusterManagerKind;
    else c.add(["cluster", "manager"], "invalid-value", `must be one of ${MANAGERS.join(", ")}, got ${JSON.stringify(rawManager)}`, rawManager);
  }
  const removal = cluster["executorRemovalMs"] === undefined ? undefined : readDurationSpec(c, ["cluster", "executorRemovalMs"], cluster["executorRemovalMs"], { per: "executor" });
  const maxContainers = cluster["maxContainers"] === undefined ? undefined : readInteger(c, ["cluster", "maxContainers"], cluster["maxContainers"], integerRule(CLUSTER, "maxContainers"));
  let yarn: YarnSpec | undefined;
  if (cluster["yarn"] !== undefined) {
    const y = readObject(c, ["cluster", "yarn"], cluster["yarn"], YARN.what);
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

const NODES_KEYS = keysOf(NODES);
const AUTOSCALER_KEYS = keysOf(AUTOSCALER);

/** `cluster.nodes`: count x executorsPerNode executors fit; an optional autoscaler adds and removes nodes. */
function readNodes(c: IssueCollector, raw: unknown, manager: ClusterManagerKind | undefined): NodesSpec | undefined {
  const n = readObject(c, ["cluster", "nodes"], raw, NODES.what);
  if (n === undefined) return undefined;
  checkKeys(c, ["cluster", "nodes"], n, NODES_KEYS);
  if (manager === "yarn") c.add(["cluster", "nodes"], "invalid-value", "is not modelled on manager: yarn (use cluster.maxContainers there)", n);
  const count = readInteger(c, ["cluster", "nodes", "count"], n["count"], integerRule(NODES, "count"));
  const per = readInteger(c, ["cluster", "nodes", "executorsPerNode"], n["executorsPerNode"], integerRule(NODES, "executorsPerNode"));
  let autoscaler: NodesSpec["autoscaler"];
  if (n["autoscaler"] !== undefined) {
    const a = readObject(c, ["cluster", "nodes", "autoscaler"], n["autoscaler"], AUTOSCALER.what);
    if (a !== undefined) {
      checkKeys(c, ["cluster", "nodes", "autoscaler"], a, AUTOSCALER_KEYS);
      const maxNodes = readInteger(c, ["cluster", "nodes", "autoscaler", "maxNodes"], a["maxNodes"], integerRule(AUTOSCALER, "maxNodes"));
      const up = a["scaleUpDelayMs"] === undefined ? (fieldOf(AUTOSCALER, "scaleUpDelayMs").default as number) : readInteger(c, ["cluster", "nodes", "autoscaler", "scaleUpDelayMs"], a["scaleUpDelayMs"], MS);
      const down = a["scaleDownIdleMs"] === undefined ? (fieldOf(AUTOSCALER, "scaleDownIdleMs").default as number) : readInteger(c, ["cluster", "nodes", "autoscaler", "scaleDownIdleMs"], a["scaleDownIdleMs"], MS);
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
  const k = readObject(c, path, raw, KUBERNETES.what);
  if (k === undefined) return undefined;
  checkKeys(c, path, k, KUBERNETES_KEYS);
  if (manager !== "kubernetes") c.add(path, "invalid-value", `applies to manager: kubernetes only (manager is ${manager ?? "generic"}): set cluster.manager: kubernetes or remove it`, k);
  const grace = k["terminationGracePeriodMs"] === undefined ? DEFAULT_TERMINATION_GRACE_PERIOD_MS : readInteger(c, [...path, "terminationGracePeriodMs"], k["terminationGracePeriodMs"], MS);
  let podStartup: PodStartupSpec | undefined;
  if (k["podStartup"] !== undefined) {
    const stagesPath = [...path, "podStartup"];
    const st = readObject(c, stagesPath, k["podStartup"], POD_STARTUP.what);
    if (st !== undefined) {
      checkKeys(c, stagesPath, st, POD_STARTUP_STAGES);
      if (hasStartup) c.add(stagesPath, "invalid-value", "replaces cluster.executorStartupMs (the stages add up to it): remove one of the two", st);
      const drawn: Partial<Record<(typeof POD_STARTUP_STAGES)[number], DurationSpec>> = {};
      for (const stage of POD_STARTUP_STAGES) {
        if (st[stage] === undefined) c.add([...stagesPath, stage], "required", `is required: ${POD_STARTUP.fields[stage]?.required ?? ""}`, undefined);
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
