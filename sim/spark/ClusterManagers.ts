import type { SeededRandom } from "../core/random.js";
import type { Simulation } from "../core/Simulation.js";
import type { SparkConf } from "../conf/SparkConf.js";
import type { ClusterSpec } from "../scenario/Scenario.js";
import type { AppEvent } from "./AppEvent.js";
import type { ClusterManager, ClusterManagerBackend, ClusterManagerHooks } from "./ClusterManager.js";
import type { ClusterNodes } from "./ClusterNodes.js";
import type { ExecutorAllocationClient } from "./ExecutorAllocationManager.js";
import { ExecutorPlacementHints, withPlacementHints } from "./ExecutorPlacementHints.js";
import { createClusterManager } from "./createClusterManager.js";
import type { ExecutorPodsAllocator } from "./ExecutorPodsAllocator.js";
import type { NodeAutoscaler } from "./NodeAutoscaler.js";
import { Phase } from "./phases.js";
import type { YarnAllocator } from "./YarnAllocator.js";

/** What the application hears from its cluster manager (registrations go on the queue directly). */
export type ClusterManagerEvents = Omit<ClusterManagerHooks, "scheduleRegistration"> & {
  /** The scheduler backend's `decommissionExecutors` (the allocation client's third call). */
  decommission(ids: readonly string[]): string[];
};

/**
 * The cluster manager of a run (`SparkContext.createTaskScheduler`'s choice by master):
 * Spark's Kubernetes pod allocator, YARN's allocator, the standalone Master or the generic one (`cluster.manager`),
 * nodes and their autoscaler, and their rounds on the application's queue. Pod rounds, AM
 * heartbeats and node changes change nothing the allocation tick reads (registrations do, later).
 */
export class ClusterManagers {
  readonly clusterManager: ClusterManagerBackend;
  readonly podAllocator: ExecutorPodsAllocator | undefined;
  readonly yarnAllocator: YarnAllocator | undefined;
  readonly nodeAutoscaler: NodeAutoscaler | undefined;
  /** Nodes (workers, NodeManagers) now: the timeline's `nodes` column. */
  readonly nodes: () => number;
  /** The hosts executors run on. */
  readonly hosts: ClusterNodes;
  /** The allocation manager's placement hints (on the listener bus), sent with each request through `allocationClient`. */
  readonly placementHints = new ExecutorPlacementHints();
  /** The allocation manager's client: the cluster manager's requests (with the hints) and kills, the backend's decommissions. */
  readonly allocationClient: ExecutorAllocationClient;
  private readonly scheduledRounds = new Set<number>();

  constructor(
    cluster: ClusterSpec,
    private readonly conf: SparkConf,
    random: SeededRandom,
    private readonly sim: Simulation<AppEvent>,
    events: ClusterManagerEvents,
  ) {
    const hooks = {
      ...events,
      scheduleRegistration: (executorId: string, atMs: number) => sim.schedule(atMs, Phase.ExecutorRegistered, { type: "executorRegistered", executorId }),
      requestRound: () => this.scheduleRound(sim.now, false),
      scheduleHeartbeat: (atMs: number) => sim.schedule(atMs, Phase.ClusterManagerRound, { type: "yarnHeartbeat" }),
      scheduleNodeChange: (atMs: number, kind: "up" | "down") => sim.schedule(atMs, Phase.ClusterManagerRound, { type: "nodeChange", kind }),
    };
    const built = createClusterManager(cluster, conf, random, () => sim.now, hooks);
    this.clusterManager = built.clusterManager;
    this.podAllocator = built.podAllocator;
    this.yarnAllocator = built.yarnAllocator;
    this.nodeAutoscaler = built.nodeAutoscaler;
    this.nodes = built.nodes;
    this.hosts = built.hosts;
    this.allocationClient = withPlacementHints(this.clusterManager, this.placementHints, events.decommission);
  }

  /** At application start: the pod allocator's snapshot subscriber (a round now and every batch.delay), the AM's allocator thread. */
  start(): void {
    if (this.podAllocator !== undefined) this.scheduleRound(0, true);
    this.yarnAllocator?.start();
  }

  /** One round per instant is enough for immediate rounds; periodic ones keep their own cadence. */
  private scheduleRound(atMs: number, periodic: boolean): void {
    if (!periodic && this.scheduledRounds.has(atMs)) return;
    if (!periodic) this.scheduledRounds.add(atMs);
    this.sim.schedule(atMs, Phase.ClusterManagerRound, { type: "podAllocationRound", periodic });
  }

  podAllocationRound(periodic: boolean): void {
    this.scheduledRounds.delete(this.sim.now);
    this.podAllocator!.allocationRound();
    if (periodic) this.scheduleRound(this.sim.now + this.conf.kubernetesAllocationBatchDelayMs, true);
  }

  yarnHeartbeat(): void {
    this.yarnAllocator!.heartbeat();
  }

  nodeChange(kind: "up" | "down"): void {
    const pods = this.clusterManager as ClusterManager | ExecutorPodsAllocator;
    if (kind === "up") {
      this.nodeAutoscaler!.nodeReady();
      pods.capacityChanged();
    } else this.nodeAutoscaler!.scaleDown(pods.liveContainers, this.sim.now);
  }
}
