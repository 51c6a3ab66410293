import type { SeededRandom } from "../core/random.js";
import type { Simulation } from "../core/Simulation.js";
import type { SparkConf } from "../conf/SparkConf.js";
import type { ClusterSpec } from "../scenario/Scenario.js";
import type { AppEvent } from "./AppEvent.js";
import { ExecutorIdCounter, type ClusterManager, type ClusterManagerHooks } from "./ClusterManager.js";
import type { ClusterNodes } from "./ClusterNodes.js";
import type { ExecutorAllocationClient } from "./ExecutorAllocationManager.js";
import { ExecutorPlacementHints, withPlacementHints } from "./ExecutorPlacementHints.js";
import { createClusterManager, type BuiltClusterManager, type ClusterManagerEngineHooks } from "./createClusterManager.js";
import type { ExecutorPodsAllocator } from "./ExecutorPodsAllocator.js";
import { ExecutorPools } from "./ExecutorPools.js";
import type { NodeAutoscaler } from "./NodeAutoscaler.js";
import { profileFootprint } from "./NodeResources.js";
import { Phase } from "./phases.js";
import type { ResourceProfile } from "../conf/ResourceProfile.js";
import type { YarnAllocator } from "./YarnAllocator.js";

/** What the application hears from its cluster manager (registrations go on the queue directly). */
export interface ClusterManagerEvents extends Omit<ClusterManagerHooks, "scheduleRegistration" | "onRequested"> {
  onRequested(executorId: string, resourceProfileId: number): void;
  /** The scheduler backend's `decommissionExecutors` (the allocation client's third call). */
  decommission(ids: readonly string[]): string[];
}

/**
 * The cluster manager of a run (`SparkContext.createTaskScheduler`'s choice by master):
 * Spark's Kubernetes pod allocator, YARN's allocator, the standalone Master or the generic one (`cluster.manager`),
 * nodes and their autoscaler, and their rounds on the application's queue. Pod rounds, AM
 * heartbeats and node changes change nothing the allocation tick reads (registrations do, later).
 * Each resource profile has its own pool of that kind (`ExecutorPools`); a pod round or an AM
 * heartbeat serves every pool, as Spark's one allocator does for all profiles.
 */
export class ClusterManagers {
  readonly clusterManager: ExecutorPools;
  /** The default profile's pod allocator and YARN allocator. */
  readonly podAllocator: ExecutorPodsAllocator | undefined;
  readonly yarnAllocator: YarnAllocator | undefined;
  private readonly built: readonly BuiltClusterManager[];
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
    profiles: readonly ResourceProfile[],
  ) {
    const startupStream = random.stream("executorStartupMs"), executorIds = new ExecutorIdCounter(cluster.manager === "standalone" ? 0 : 1);
    this.built = profiles.map((rp) => {
      // Literals, not spreads: a spread's hidden class changes from run to run, and the cluster manager's calls through it deoptimised.
      const hooks: ClusterManagerEngineHooks = {
        scheduleRegistration: (executorId, atMs) => sim.schedule(atMs, Phase.ExecutorRegistered, executorId),
        onRequested: (executorId) => {
          this.clusterManager.executorRequested(executorId, rp.id);
          events.onRequested(executorId, rp.id);
        },
        onCancelled: (executorId) => events.onCancelled(executorId),
        kill: (executorId) => events.kill(executorId),
        requestRound: () => this.scheduleRound(sim.now, false),
        scheduleHeartbeat: (atMs) => sim.schedule(atMs, Phase.ClusterManagerRound, { type: "yarnHeartbeat" }),
        scheduleNodeChange: (atMs, kind) => sim.schedule(atMs, Phase.ClusterManagerRound, { type: "nodeChange", kind }),
      };
      const own = rp.executorStartupMs === undefined ? cluster : { ...cluster, executorStartupMs: rp.executorStartupMs };
      return createClusterManager(own, conf, random, sim, hooks, { startupStream, executorIds, footprint: profileFootprint(rp, cluster.manager ?? "generic") });
    });
    this.clusterManager = new ExecutorPools(this.built.map((b, i) => ({ resourceProfileId: profiles[i]!.id, clusterManager: b.clusterManager, yarnAllocator: b.yarnAllocator })));
    const first = this.built[0]!;
    this.podAllocator = first.podAllocator;
    this.yarnAllocator = first.yarnAllocator;
    this.nodeAutoscaler = first.nodeAutoscaler;
    this.nodes = first.nodes;
    // The hosts of the default profile's pool (several profiles run without cluster.nodes: a host per executor).
    this.hosts = first.hosts;
    this.allocationClient = withPlacementHints(this.clusterManager, this.placementHints, events.decommission);
  }

  /** At application start: the pod allocator's snapshot subscriber (a round now and every batch.delay), the AM's allocator thread. */
  start(): void {
    if (this.podAllocator !== undefined) this.scheduleRound(0, true);
    for (const b of this.built) b.yarnAllocator?.start();
  }

  /** One round per instant is enough for immediate rounds; periodic ones keep their own cadence. */
  private scheduleRound(atMs: number, periodic: boolean): void {
    if (!periodic && this.scheduledRounds.has(atMs)) return;
    if (!periodic) this.scheduledRounds.add(atMs);
    this.sim.schedule(atMs, Phase.ClusterManagerRound, { type: "podAllocationRound", periodic });
  }

  podAllocationRound(periodic: boolean): void {
    this.scheduledRounds.delete(this.sim.now);
    for (const b of this.built) b.podAllocator!.allocationRound();
    if (periodic) this.scheduleRound(this.sim.now + this.conf.kubernetesAllocationBatchDelayMs, true);
  }

  yarnHeartbeat(): void {
    for (const b of this.built) b.yarnAllocator!.heartbeat();
  }

  nodeChange(kind: "up" | "down"): void {
    const pods = this.built[0]!.clusterManager as ClusterManager | ExecutorPodsAllocator;
    if (kind === "up") {
      this.nodeAutoscaler!.nodeReady();
      pods.capacityChanged();
    } else this.nodeAutoscaler!.scaleDown(pods.liveContainers, this.sim.now);
  }
}
