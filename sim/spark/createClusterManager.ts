import type { Clock, SeededRandom, RandomStream } from "../core/index.js";
import type { SparkConf } from "../conf/SparkConf.js";
import { DEFAULT_YARN, type ClusterManagerKind, type ClusterSpec, type NodesSpec } from "../scenario/Scenario.js";
import { ClusterManager, type ExecutorIdCounter, type ClusterManagerBackend, type ClusterManagerHooks } from "./ClusterManager.js";
import { ClusterNodes } from "./ClusterNodes.js";
import { ExecutorPodsAllocator, type PodAllocatorHooks } from "./ExecutorPodsAllocator.js";
import { NodeAutoscaler } from "./NodeAutoscaler.js";
import { executorFootprint, executorsPerNode, type ExecutorFootprint } from "./NodeResources.js";
import { PodStartup } from "./PodStartup.js";
import { StandaloneMaster, type WorkerResources } from "./StandaloneMaster.js";
import { YarnAllocator, type YarnAllocatorHooks } from "./YarnAllocator.js";

export interface ClusterManagerEngineHooks extends ClusterManagerHooks, PodAllocatorHooks, YarnAllocatorHooks {
  /** The node autoscaler: a node ready (`up`) or a scale-down check (`down`) at `atMs`. */
  scheduleNodeChange(atMs: number, kind: "up" | "down"): void;
}

/** The scenario's cluster manager, and the concrete allocator behind it for the engine's rounds. */
export interface BuiltClusterManager {
  readonly clusterManager: ClusterManagerBackend;
  readonly podAllocator: ExecutorPodsAllocator | undefined;
  readonly yarnAllocator: YarnAllocator | undefined;
  readonly nodeAutoscaler: NodeAutoscaler | undefined;
  /** The hosts executors run on (`cluster.nodes`, or one per executor). */
  readonly hosts: ClusterNodes;
  /** Nodes (workers, NodeManagers) the cluster has now: the timeline's `nodes` column; 0 without `cluster.nodes`. */
  nodes(): number;
}

interface Parts {
  readonly cluster: ClusterSpec;
  readonly conf: SparkConf;
  readonly random: SeededRandom;
  readonly startupStream: RandomStream;
  readonly clock: Clock;
  readonly hooks: ClusterManagerEngineHooks;
  readonly footprint: ExecutorFootprint;
  /** Executors per node (`Infinity` without `cluster.nodes`). */
  readonly perNode: number;
  readonly hosts: ClusterNodes;
}

const NONE = { podAllocator: undefined, yarnAllocator: undefined, nodeAutoscaler: undefined };

/** One resource profile's pool: its executors' footprint, and the start-up stream and ids the pools share. */
export interface PoolParts {
  readonly footprint: ExecutorFootprint;
  readonly startupStream: RandomStream;
  readonly executorIds: ExecutorIdCounter;
}

/**
 * Builds `cluster.manager` with its capacity: `cluster.nodes` gives executors per node from the
 * node's resources and the conf's executor size (`NodeResources`); on generic and kubernetes
 * the nodes (and their autoscaler) cap containers, on YARN count x per node caps them beside
 * `maxContainers`, and on standalone they are the Master's workers.
 */
export function createClusterManager(cluster: ClusterSpec, conf: SparkConf, random: SeededRandom, clock: Clock, hooks: ClusterManagerEngineHooks, pool?: PoolParts): BuiltClusterManager {
  const manager = cluster.manager ?? "generic";
  const footprint = pool?.footprint ?? executorFootprint(conf, manager);
  const perNode = cluster.nodes === undefined ? Infinity : executorsPerNode(cluster.nodes, footprint);
  const startupStream = pool?.startupStream ?? random.stream("executorStartupMs");
  // The node count is the built manager's (autoscaled nodes included), known once it is built.
  let nodeCount = (): number => 0;
  const hosts = new ClusterNodes(cluster.nodes?.count ?? 0, () => nodeCount(), perNode);
  const p: Parts = { cluster, conf, random, startupStream, clock, hooks, footprint, perNode, hosts };
  const built = build(p, manager);
  nodeCount = built.nodes;
  if (pool !== undefined) built.clusterManager.executorIds = pool.executorIds;
  return built;
}

function build(p: Parts, manager: ClusterManagerKind): BuiltClusterManager {
  switch (manager) {
    case "yarn":
      return yarn(p);
    case "standalone":
      return standalone(p);
    case "kubernetes":
    case "generic":
      return podsOrGeneric(p, manager);
  }
}

function yarn(p: Parts): BuiltClusterManager {
  const y = p.cluster.yarn ?? DEFAULT_YARN;
  const nodes = p.cluster.nodes;
  const maxContainers = p.cluster.maxContainers ?? Infinity;
  const settings = {
    heartbeatIntervalMs: p.conf.yarnHeartbeatIntervalMs,
    initialAllocationIntervalMs: p.conf.yarnInitialAllocationIntervalMs,
    amStartupMs: y.amStartupMs,
    containerAllocationMs: y.containerAllocationMs,
    maxContainers: nodes === undefined ? maxContainers : Math.min(maxContainers, nodes.count * p.perNode),
    ...(nodes === undefined ? {} : { nodes: p.hosts }),
    tasksPerExecutor: p.conf.tasksPerExecutor,
  };
  const yarnAllocator = new YarnAllocator(settings, p.cluster.executorStartupMs, p.startupStream, p.clock, p.hooks);
  return { ...NONE, clusterManager: yarnAllocator, yarnAllocator, hosts: p.hosts, nodes: () => nodes?.count ?? 0 };
}

/** A standalone worker's resources: the node's, or room for `executorsPerNode` executors; unlimited without `cluster.nodes`. */
function workerResources(nodes: NodesSpec | undefined, f: ExecutorFootprint): WorkerResources {
  if (nodes === undefined) return { coresFree: Infinity, memoryFreeMiB: Infinity, gpusFree: Infinity };
  const per = nodes.executorsPerNode;
  if (per !== undefined) return { coresFree: per * f.cores, memoryFreeMiB: per * f.memoryMiB, gpusFree: per * f.gpus };
  return { coresFree: nodes.cores ?? Infinity, memoryFreeMiB: nodes.memoryMiB ?? Infinity, gpusFree: nodes.gpus ?? 0 };
}

function standalone(p: Parts): BuiltClusterManager {
  const nodes = p.cluster.nodes;
  const worker = workerResources(nodes, p.footprint);
  const settings = {
    workers: Array.from({ length: nodes === undefined ? 1 : nodes.count }, () => worker),
    spreadOut: p.cluster.standalone?.spreadOut ?? true,
    coresMax: p.conf.coresMax ?? Infinity,
    footprint: p.footprint,
    maxExecutors: p.cluster.maxContainers ?? Infinity,
    workerHosts: nodes !== undefined,
  };
  const master = new StandaloneMaster(settings, p.cluster.executorStartupMs, p.startupStream, p.clock, p.hooks);
  return { ...NONE, clusterManager: master, hosts: p.hosts, nodes: () => nodes?.count ?? 0 };
}

function podsOrGeneric(p: Parts, manager: "kubernetes" | "generic"): BuiltClusterManager {
  const { cluster, conf } = p;
  const maxContainers = cluster.maxContainers ?? Infinity;
  const nodeAutoscaler = cluster.nodes === undefined ? undefined : new NodeAutoscaler(cluster.nodes, p.perNode, p.hooks.scheduleNodeChange);
  const nodes = (): number => nodeAutoscaler?.nodes ?? 0;
  if (manager === "generic") {
    return { ...NONE, clusterManager: new ClusterManager(cluster.executorStartupMs, p.startupStream, p.clock, p.hooks, maxContainers, nodeAutoscaler), nodeAutoscaler, hosts: p.hosts, nodes };
  }
  const settings = {
    batchSize: conf.kubernetesAllocationBatchSize,
    maxPendingPods: conf.features.kubernetesMaxPendingPods ? conf.kubernetesMaxPendingPods : Infinity,
    executorIdleTimeoutMs: conf.executorIdleTimeoutMs,
    spark30Rules: conf.features.kubernetesAllocatorSpark30,
  };
  const podStartup = cluster.kubernetes?.podStartup;
  const stages = podStartup === undefined ? undefined : new PodStartup(podStartup, p.random);
  const podAllocator = new ExecutorPodsAllocator(settings, cluster.executorStartupMs, p.startupStream, p.clock, p.hooks, maxContainers, nodeAutoscaler, stages);
  return { ...NONE, clusterManager: podAllocator, podAllocator, nodeAutoscaler, hosts: p.hosts, nodes };
}
