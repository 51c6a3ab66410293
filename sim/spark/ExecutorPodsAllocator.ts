import type { Clock, RandomStream } from "../core/index.js";
import type { DurationSpec } from "../scenario/Scenario.js";
import type { NodeAutoscaler } from "./NodeAutoscaler.js";
import { PendingExecutors, type ClusterManagerHooks, type StartupDraw } from "./ClusterManager.js";
import type { PodStartup } from "./PodStartup.js";

export interface PodAllocatorSettings {
  readonly batchSize: number;
  /** Spark 3.2+ (SPARK-36052); `Infinity` before. */
  readonly maxPendingPods: number;
  /** Pending pods younger than this are not deleted when the target falls (SPARK-33099, 3.1+). */
  readonly executorIdleTimeoutMs: number;
  /**
   * Spark 3.0's rules: a new batch only when no pod is pending and running < target, sized
   * against running pods; excess pending pods deleted with no age protection. From 3.1
   * (SPARK-33262, SPARK-33099) pending pods count toward the target and young ones are kept.
   */
  readonly spark30Rules: boolean;
}

export interface PodAllocatorHooks extends ClusterManagerHooks {
  /** Run an allocation round now (setTotalExpectedExecutors with nothing outstanding). */
  requestRound(): void;
}

/**
 * Spark's Kubernetes `ExecutorPodsAllocator` (the `direct` allocator, one resource profile;
 * spec §10.3, with the 3.0 rules and pre-3.2 lack of `maxPendingPods` by version). A round runs every `batch.delay` and at once when the target is set
 * while no pod is outstanding. It creates at most `batch.size` pods, and only when every pod
 * it created before has been seen by the API server (here: in any later round), up to
 * `maxPendingPods` not running. When pods exceed the target it deletes only pending pods older
 * than `executorIdleTimeout`; younger ones start anyway and are then removed as idle.
 *
 * Pods are counted by phase, as the snapshots show them: Pending until the container starts,
 * then Running (before the executor registers, with `podStartup` stages; at registration with
 * a single start-up latency). Only Pending pods count as outstanding or against
 * `maxPendingPods`, and only they are deleted as excess. A killed executor's pod stays Running
 * (`doKillExecutors` removes the executor from the driver at once, the JVM exits later, or the
 * pod is deleted after `deleteGracePeriod`) and counts until it is gone. Snapshots reach the
 * allocator once per round, so a phase change counts from the next round. Pod ids are
 * executor ids, "1", "2", ... in creation order.
 */
export class ExecutorPodsAllocator extends PendingExecutors {
  private target = 0;
  /** `numOutstandingPods` as the last round left it (Spark sets it only at a round's end). */
  private outstandingAtLastRound = 0;
  /** Killed executors whose pods still run: Running in the snapshots until gone. */
  private readonly stoppingPods = new Set<string>();

  constructor(
    private readonly settings: PodAllocatorSettings,
    startup: DurationSpec,
    startupStream: RandomStream,
    clock: Clock,
    protected override readonly hooks: PodAllocatorHooks,
    maxContainers = Infinity,
    autoscaler?: NodeAutoscaler,
    private readonly podStartup?: PodStartup,
  ) {
    super(startup, startupStream, clock, hooks, maxContainers, autoscaler);
  }

  protected override drawStartup(index: number): StartupDraw {
    return this.podStartup === undefined ? super.drawStartup(index) : this.podStartup.draw(index);
  }

  /** Killed: the driver forgets it, its pod runs on (Running) until `containerStopped`. */
  override executorGone(executorId: string): void {
    super.executorGone(executorId);
    this.stoppingPods.add(executorId);
  }

  override containerStopped(executorId: string): void {
    this.stoppingPods.delete(executorId);
    super.containerStopped(executorId);
  }

  /** `setTotalExpectedExecutors`: a round at once only if the last round left nothing outstanding. */
  requestTotalExecutors(total: number): boolean {
    this.target = total;
    if (this.outstandingAtLastRound === 0) this.hooks.requestRound();
    return true;
  }

  /** `onNewSnapshots`: one allocation round. */
  allocationRound(): void {
    const now = this.clock.now;
    // Pods created in an earlier round have been seen in a snapshot; this round's have not.
    const newly = this.pending.filter((p) => p.requestedAtMs === now).length;
    const isPending = (p: { readonly runningAtMs: number }): boolean => p.runningAtMs > now;
    let pendingPods = 0;
    for (const p of this.pending) if (isPending(p)) pendingPods++;
    // Running pods: registered executors, started containers not registered yet, killed ones not gone.
    const runningPods = this.running + (this.pending.length - pendingPods) + this.stoppingPods.size;
    let podCount = runningPods + pendingPods;
    if (podCount > this.target) {
      const excess = podCount - this.target;
      const old = this.settings.spark30Rules
        ? this.pending.filter(isPending)
        : this.pending.filter((p) => isPending(p) && p.requestedAtMs < now && now - p.requestedAtMs > this.settings.executorIdleTimeoutMs);
      for (const p of old.slice(0, excess)) {
        this.cancel(p);
        podCount--;
        pendingPods--;
      }
    }
    if (this.settings.spark30Rules) {
      // 3.0: wait until every pod created runs; size the batch against running pods only.
      if (pendingPods === 0 && runningPods < this.target) {
        const n = Math.min(this.target - runningPods, this.settings.batchSize);
        for (let i = 0; i < n; i++) this.requestOne();
      }
    } else if (newly === 0 && podCount < this.target) {
      const slots = this.settings.maxPendingPods - pendingPods;
      const n = Math.min(this.target - podCount, this.settings.batchSize, slots);
      for (let i = 0; i < n; i++) this.requestOne();
    }
    this.outstandingAtLastRound = 0;
    for (const p of this.pending) if (isPending(p) || p.requestedAtMs === now) this.outstandingAtLastRound++;
  }
}

/**
 * Kill to pod gone on Kubernetes (`KubernetesClusterSchedulerBackend.doKillExecutors`): the
 * driver removes the executor and it exits `exitMs` later, its pod then terminating; a pod
 * still Running `deleteGracePeriodMs` after the kill is deleted, and Kubernetes stops it within
 * the pod's `terminationGracePeriodMs` (SIGTERM, then SIGKILL). So it is gone at the earlier of
 * the two.
 */
export function podGoneAfterKillMs(exitMs: number, deleteGracePeriodMs: number, terminationGracePeriodMs: number): number {
  return Math.min(exitMs, deleteGracePeriodMs + terminationGracePeriodMs);
}
