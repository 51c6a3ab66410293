import type { ClusterManagerKind, NodesSpec } from "../scenario/Scenario.js";
import type { SparkConf } from "../conf/SparkConf.js";
import type { ResourceProfile } from "../conf/ResourceProfile.js";

/** What one executor takes of a node: cores, memory and GPUs as its cluster manager sizes it. */
export interface ExecutorFootprint {
  readonly cores: number;
  readonly memoryMiB: number;
  readonly gpus: number;
}

/** YARN's `yarn.scheduler.minimum-allocation-mb` default: container memory is rounded up to a multiple of it. */
export const DEFAULT_YARN_MINIMUM_ALLOCATION_MIB = 1024;

/**
 * One executor's footprint. YARN containers and Kubernetes pods ask for `spark.executor.cores`
 * and heap plus overhead (`executorContainerMemoryMiB`), YARN's ResourceManager rounding the
 * memory up to a multiple of its minimum allocation; the standalone Master checks the heap
 * only (`memoryPerExecutorMB`); GPUs are `spark.executor.resource.gpu.amount` everywhere.
 */
export function executorFootprint(conf: SparkConf, manager: ClusterManagerKind, yarnMinimumAllocationMiB = DEFAULT_YARN_MINIMUM_ALLOCATION_MIB): ExecutorFootprint {
  let memoryMiB = manager === "standalone" ? conf.executorMemoryMiB : conf.executorContainerMemoryMiB;
  if (manager === "yarn") memoryMiB = Math.ceil(memoryMiB / yarnMinimumAllocationMiB) * yarnMinimumAllocationMiB;
  return { cores: conf.executorCores, memoryMiB, gpus: conf.executorGpus };
}

/**
 * How many executors of `footprint` fit on one node: `executorsPerNode` when the scenario gives
 * it, else the least over the node's resources it gives (cores, memory, GPUs), each
 * `floor(node / executor)`; a resource the node does not give does not limit. 0 when one does
 * not fit at all.
 */
export function executorsPerNode(nodes: NodesSpec, footprint: ExecutorFootprint): number {
  if (nodes.executorsPerNode !== undefined) return nodes.executorsPerNode;
  let n = Infinity;
  if (nodes.cores !== undefined) n = Math.min(n, Math.floor(nodes.cores / footprint.cores));
  if (nodes.memoryMiB !== undefined) n = Math.min(n, Math.floor(nodes.memoryMiB / footprint.memoryMiB));
  if (footprint.gpus > 0) n = Math.min(n, Math.floor((nodes.gpus ?? 0) / footprint.gpus));
  return n;
}

/** Why an executor does not fit on a node, or undefined when at least one does. */
export function noFitReason(nodes: NodesSpec, footprint: ExecutorFootprint): string | undefined {
  if (executorsPerNode(nodes, footprint) >= 1) return undefined;
  const node = [nodes.cores === undefined ? "" : `${nodes.cores} cores`, nodes.memoryMiB === undefined ? "" : `${nodes.memoryMiB} MiB`, `${nodes.gpus ?? 0} GPUs`].filter((x) => x !== "").join(", ");
  return `an executor needs ${footprint.cores} cores, ${footprint.memoryMiB} MiB (heap plus overhead as the cluster manager sizes it) and ${footprint.gpus} GPUs; a node has ${node}: none fits`;
}

/** What one executor of a resource profile takes of a node, sized as `executorFootprint` sizes the default profile's. */
export function profileFootprint(rp: ResourceProfile, manager: ClusterManagerKind, yarnMinimumAllocationMiB = DEFAULT_YARN_MINIMUM_ALLOCATION_MIB): ExecutorFootprint {
  let memoryMiB = manager === "standalone" ? rp.executorMemoryMiB : rp.executorMemoryMiB + rp.executorMemoryOverheadMiB;
  if (manager === "yarn") memoryMiB = Math.ceil(memoryMiB / yarnMinimumAllocationMiB) * yarnMinimumAllocationMiB;
  return { cores: rp.executorCores, memoryMiB, gpus: rp.executorGpus };
}
