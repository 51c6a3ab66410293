import { type ClusterManagerKind, type ClusterSpec, DEFAULT_DECOMMISSION, type DecommissionSpec, DEFAULT_EXECUTOR_STARTUP_MS, DEFAULT_TERMINATION_GRACE_PERIOD_MS, DEFAULT_YARN, type DurationSpec, type KubernetesSpec, type NodesSpec, POD_STARTUP_STAGES, type PodStartupSpec, type StandaloneSpec, type YarnSpec } from "../../sim/index.js";
import { readDurationSpec } from "./durationSpec.js";
import { AUTOSCALER, CLUSTER, DECOMMISSION, KUBERNETES, NODES, POD_STARTUP, STANDALONE, YARN } from "./format/scenarioFormat.js";
import { fieldOf, integerRule, keysOf } from "./format/vocabulary.js";
import { checkKeys, readInteger, readObject } from "./fieldReaders.js";
import type { IssueCollector } from "./IssueCollector.js";
import { readExecutorLosses } from "./readExecutorLosses.js";

// Keys, ranges, defaults and enum values come from the format's description (format/scenarioFormat.ts).
export const CLUSTER_KEYS = keysOf(CLUSTER);
const YARN_KEYS = keysOf(YARN);
const KUBERNETES_KEYS = keysOf(KUBERNETES);
const STANDALONE_KEYS = keysOf(STANDALONE);
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
  const standalone = cluster["standalone"] === undefined ? undefined : readStandalone(c, cluster["standalone"], manager);
  const losses = cluster["executorLosses"] === undefined ? [] : readExecutorLosses(c, ["cluster", "executorLosses"], cluster["executorLosses"]);
  const nodes = cluster["nodes"] === undefined ? undefined : readNodes(c, cluster["nodes"], manager);
  const decommission = cluster["decommission"] === undefined ? undefined : readDecommission(c, cluster["decommission"]);
  if (executorStartupMs === undefined) return undefined;
  return {
    executorStartupMs,
    ...(manager === undefined ? {} : { manager }),
    ...(removal === undefined ? {} : { executorRemovalMs: removal }),
    ...(yarn === undefined ? {} : { yarn }),
    ...(kubernetes === undefined ? {} : { kubernetes }),
    ...(standalone === undefined ? {} : { standalone }),
    ...(maxContainers === undefined ? {} : { maxContainers }),
    ...(nodes === undefined ? {} : { nodes }),
    ...(losses.length === 0 ? {} : { executorLosses: losses }),
    ...(decommission === undefined ? {} : { decommission }),
  };
}

const DECOMMISSION_KEYS = keysOf(DECOMMISSION);

/** `cluster.decommission`: the block migration times of decommissioning executors. */
function readDecommission(c: IssueCollector, raw: unknown): DecommissionSpec | undefined {
  const path = ["cluster", "decommission"];
  const d = readObject(c, path, raw, DECOMMISSION.what);
  if (d === undefined) return undefined;
  checkKeys(c, path, d, DECOMMISSION_KEYS);
  const read = (key: "shuffleBlockMigrationMs" | "rddBlockMigrationMs"): DurationSpec | undefined =>
    d[key] === undefined ? DEFAULT_DECOMMISSION[key] : readDurationSpec(c, [...path, key], d[key], { per: "executor" });
  const shuffleBlockMigrationMs = read("shuffleBlockMigrationMs");
  const rddBlockMigrationMs = read("rddBlockMigrationMs");
  if (shuffleBlockMigrationMs === undefined || rddBlockMigrationMs === undefined) return undefined;
  return { shuffleBlockMigrationMs, rddBlockMigrationMs };
}

const NODES_KEYS = keysOf(NODES);
const NODE_RESOURCE_KEYS = ["cores", "memoryMiB", "gpus"] as const;
const AUTOSCALER_KEYS = keysOf(AUTOSCALER);

/**
 * `cluster.nodes`: `count` nodes, each taking `executorsPerNode` executors or as many as its
 * resources (cores, memoryMiB, gpus) fit (worked out with the conf when the run starts); an
 * optional autoscaler adds and removes nodes (generic and kubernetes managers).
 */
function readNodes(c: IssueCollector, raw: unknown, manager: ClusterManagerKind | undefined): NodesSpec | undefined {
  const path = ["cluster", "nodes"];
  const n = readObject(c, path, raw, NODES.what);
  if (n === undefined) return undefined;
  checkKeys(c, path, n, NODES_KEYS);
  const count = readInteger(c, [...path, "count"], n["count"], integerRule(NODES, "count"));
  const per = n["executorsPerNode"] === undefined ? undefined : readInteger(c, [...path, "executorsPerNode"], n["executorsPerNode"], integerRule(NODES, "executorsPerNode"));
  const resources: { cores?: number; memoryMiB?: number; gpus?: number } = {};
  for (const key of NODE_RESOURCE_KEYS) {
    if (n[key] === undefined) continue;
    const v = readInteger(c, [...path, key], n[key], integerRule(NODES, key));
    if (v !== undefined) resources[key] = v;
  }
  const givesResources = NODE_RESOURCE_KEYS.some((k) => n[k] !== undefined);
  if (n["executorsPerNode"] === undefined && !givesResources) {
    c.add(path, "required", `give executorsPerNode, or the node's resources (${NODE_RESOURCE_KEYS.join(", ")}) for the executors to be fitted by the conf's executor size`, n);
  } else if (n["executorsPerNode"] !== undefined && givesResources) {
    c.add(path, "invalid-value", `give executorsPerNode or the node's resources (${NODE_RESOURCE_KEYS.join(", ")}), not both`, n);
  }
  let autoscaler: NodesSpec["autoscaler"];
  if (n["autoscaler"] !== undefined) {
    const apath = [...path, "autoscaler"];
    if (manager === "yarn" || manager === "standalone") c.add(apath, "invalid-value", `is not modelled on manager: ${manager} (a fixed set of ${manager === "yarn" ? "NodeManagers" : "workers"}); remove it`, n["autoscaler"]);
    const a = readObject(c, apath, n["autoscaler"], AUTOSCALER.what);
    if (a !== undefined) {
      checkKeys(c, apath, a, AUTOSCALER_KEYS);
      const maxNodes = readInteger(c, [...apath, "maxNodes"], a["maxNodes"], integerRule(AUTOSCALER, "maxNodes"));
      const up = a["scaleUpDelayMs"] === undefined ? (fieldOf(AUTOSCALER, "scaleUpDelayMs").default as number) : readInteger(c, [...apath, "scaleUpDelayMs"], a["scaleUpDelayMs"], MS);
      const down = a["scaleDownIdleMs"] === undefined ? (fieldOf(AUTOSCALER, "scaleDownIdleMs").default as number) : readInteger(c, [...apath, "scaleDownIdleMs"], a["scaleDownIdleMs"], MS);
      if (maxNodes !== undefined && count !== undefined && maxNodes < count) c.add([...apath, "maxNodes"], "too-small", `must be >= nodes.count (${count}), got ${maxNodes}`, maxNodes);
      else if (maxNodes !== undefined && up !== undefined && down !== undefined) autoscaler = { maxNodes, scaleUpDelayMs: up, scaleDownIdleMs: down };
    }
  }
  if (count === undefined) return undefined;
  return { count, ...(per === undefined ? {} : { executorsPerNode: per }), ...resources, ...(autoscaler === undefined ? {} : { autoscaler }) };
}

/** `cluster.standalone`: the Master's `spark.deploy.spreadOut` (default true). */
function readStandalone(c: IssueCollector, raw: unknown, manager: ClusterManagerKind | undefined): StandaloneSpec | undefined {
  const path = ["cluster", "standalone"];
  const st = readObject(c, path, raw, STANDALONE.what);
  if (st === undefined) return undefined;
  checkKeys(c, path, st, STANDALONE_KEYS);
  if (manager !== "standalone") c.add(path, "invalid-value", `applies to manager: standalone only (manager is ${manager ?? "generic"}): set cluster.manager: standalone or remove it`, st);
  const spreadOut = st["spreadOut"] ?? true;
  if (typeof spreadOut !== "boolean") {
    c.add([...path, "spreadOut"], "invalid-type", `must be true or false, got ${JSON.stringify(spreadOut)}`, spreadOut);
    return undefined;
  }
  return { spreadOut };
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
