import type { SeededRandom } from "../core/random.js";
import type { SparkConf } from "../conf/SparkConf.js";
import { DEFAULT_YARN, type Scenario } from "../scenario/Scenario.js";
import { ClusterManager, type ClusterManagerBackend, type ClusterManagerHooks } from "./ClusterManager.js";
import { ExecutorPodsAllocator } from "./ExecutorPodsAllocator.js";
import { NodeAutoscaler } from "./NodeAutoscaler.js";
import { executorFootprint, executorsPerNode } from "./NodeResources.js";
import { PodStartup } from "./PodStartup.js";
import { StandaloneMaster, type WorkerResources } from "./StandaloneMaster.js";
import { YarnAllocator } from "./YarnAllocator.js";

export interface ClusterManagerEngineHooks extends ClusterManagerHooks {
  /** Kubernetes: run a pod allocation round now. */
  requestRound(): void;
  /** YARN: the AM's allocation thread wakes at `atMs`. */
  scheduleHeartbeat(atMs: number): void;
  /** The node autoscaler: a node ready (`up`) or a scale-down check (`down`) at `atMs`. */
  scheduleNodeChange(atMs: number, kind: "up" | "down"): void;
}

/** The scenario's cluster manager, and the concrete allocator behind it for the engine's rounds. */
export interface ClusterManagers {
  readonly cluster: ClusterManagerBackend;
  readonly podAllocator: ExecutorPodsAllocator | undefined;
  readonly yarnAllocator: YarnAllocator | undefined;
  readonly nodeAutoscaler: NodeAutoscaler | undefined;
  /** Nodes (workers, NodeManagers) the cluster has now: the timeline's `nodes` column; 0 without `cluster.nodes`. */
  nodes(): number;
}

/**
 * Builds `cluster.manager` with its capacity: `cluster.nodes` gives executors per node from the
 * node's resources and the conf's executor size (`NodeResources`); on generic and kubernetes
 * the nodes (and their autoscaler) cap containers, on YARN count x per node caps them beside
 * `maxContainers`, and on standalone they are the Master's workers.
 */
export function createClusterManager(scenario: Scenario, conf: SparkConf, random: SeededRandom, now: () => number, hooks: ClusterManagerEngineHooks): ClusterManagers {
  const cluster = scenario.cluster;
  const manager = cluster.manager ?? "generic";
  const startupStream = random.stream("executorStartupMs");
  const maxContainers = cluster.maxContainers ?? Infinity;
  const footprint = executorFootprint(conf, manager);
  const nodes = cluster.nodes;
  const perNode = nodes === undefined ? Infinity : executorsPerNode(nodes, footprint);
  const none = { podAllocator: undefined, yarnAllocator: undefined, nodeAutoscaler: undefined };
  const fixedNodes = (): number => nodes?.count ?? 0;
  switch (manager) {
    case "yarn": {
      const yarn = cluster.yarn ?? DEFAULT_YARN;
      const yarnAllocator = new YarnAllocator(
        {
          heartbeatIntervalMs: conf.yarnHeartbeatIntervalMs,
          initialAllocationIntervalMs: conf.yarnInitialAllocationIntervalMs,
          amStartupMs: yarn.amStartupMs,
          containerAllocationMs: yarn.containerAllocationMs,
          maxContainers: nodes === undefined ? maxContainers : Math.min(maxContainers, nodes.count * perNode),
        },
        cluster.executorStartupMs,
        startupStream,
        now,
        hooks,
      );
      return { ...none, cluster: yarnAllocator, yarnAllocator, nodes: fixedNodes };
    }
    case "standalone": {
      const unlimited: WorkerResources = { coresFree: Infinity, memoryFreeMiB: Infinity, gpusFree: Infinity };
      const worker: WorkerResources =
        nodes === undefined
          ? unlimited
          : nodes.executorsPerNode !== undefined
            ? { coresFree: nodes.executorsPerNode * footprint.cores, memoryFreeMiB: nodes.executorsPerNode * footprint.memoryMiB, gpusFree: nodes.executorsPerNode * footprint.gpus }
            : { coresFree: nodes.cores ?? Infinity, memoryFreeMiB: nodes.memoryMiB ?? Infinity, gpusFree: nodes.gpus ?? 0 };
      const master = new StandaloneMaster(
        {
          workers: Array.from({ length: nodes === undefined ? 1 : nodes.count }, () => worker),
          spreadOut: cluster.standalone?.spreadOut ?? true,
          coresMax: conf.coresMax ?? Infinity,
          footprint,
        },
        cluster.executorStartupMs,
        startupStream,
        now,
        hooks,
      );
      return { ...none, cluster: master, nodes: fixedNodes };
    }
    case "kubernetes":
    case "generic": {
      const nodeAutoscaler = nodes === undefined ? undefined : new NodeAutoscaler(nodes, perNode, hooks.scheduleNodeChange);
      const nodeCount = (): number => nodeAutoscaler?.nodes ?? 0;
      if (manager === "generic") {
        return { ...none, cluster: new ClusterManager(cluster.executorStartupMs, startupStream, now, hooks, maxContainers, nodeAutoscaler), nodeAutoscaler, nodes: nodeCount };
      }
      const podStartup = cluster.kubernetes?.podStartup;
      const podAllocator = new ExecutorPodsAllocator(
        {
          batchSize: conf.kubernetesAllocationBatchSize,
          maxPendingPods: conf.features.kubernetesMaxPendingPods ? conf.kubernetesMaxPendingPods : Infinity,
          executorIdleTimeoutMs: conf.executorIdleTimeoutMs,
          spark30Rules: conf.features.kubernetesAllocatorSpark30,
        },
        cluster.executorStartupMs,
        startupStream,
        now,
        hooks,
        maxContainers,
        nodeAutoscaler,
        podStartup === undefined ? undefined : new PodStartup(podStartup, random),
      );
      return { ...none, cluster: podAllocator, podAllocator, nodeAutoscaler, nodes: nodeCount };
    }
  }
}
