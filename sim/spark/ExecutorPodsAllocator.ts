import type { RandomStream } from "../core/random.js";
import type { DurationSpec } from "../scenario/Scenario.js";
import type { NodeAutoscaler } from "./NodeAutoscaler.js";
import { PendingExecutors, type ClusterManagerHooks } from "./ClusterManager.js";

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
 * than `executorIdleTimeout`; younger ones start anyway and are then removed as idle. A pod is
 * "running" once its executor registers (the start-up latency covers scheduling, image pull
 * and JVM start). Pod ids are executor ids, "1", "2", ... in creation order.
 */
export class ExecutorPodsAllocator extends PendingExecutors {
  private target = 0;
  /** `numOutstandingPods` as the last round left it (Spark sets it only at a round's end). */
  private outstandingAtLastRound = 0;

  constructor(
    private readonly settings: PodAllocatorSettings,
    startup: DurationSpec,
    startupStream: RandomStream,
    now: () => number,
    protected override readonly hooks: PodAllocatorHooks,
    maxContainers = Infinity,
    autoscaler?: NodeAutoscaler,
  ) {
    super(startup, startupStream, now, hooks, maxContainers, autoscaler);
  }

  /** `setTotalExpectedExecutors`: a round at once only if the last round left nothing outstanding. */
  requestTotalExecutors(total: number): boolean {
    this.target = total;
    if (this.outstandingAtLastRound === 0) this.hooks.requestRound();
    return true;
  }

  /** `onNewSnapshots`: one allocation round. */
  allocationRound(): void {
    const now = this.now();
    // Pods created in an earlier round have been seen in a snapshot; this round's have not.
    const newly = this.pending.filter((p) => p.requestedAtMs === now).length;
    let podCount = this.running + this.pending.length;
    if (podCount > this.target) {
      const excess = podCount - this.target;
      const old = this.settings.spark30Rules
        ? this.pending
        : this.pending.filter((p) => p.requestedAtMs < now && now - p.requestedAtMs > this.settings.executorIdleTimeoutMs);
      for (const p of old.slice(0, excess)) {
        this.cancel(p);
        podCount--;
      }
    }
    if (this.settings.spark30Rules) {
      // 3.0: wait until every pod created runs; size the batch against running pods only.
      if (this.pending.length === 0 && this.running < this.target) {
        const n = Math.min(this.target - this.running, this.settings.batchSize);
        for (let i = 0; i < n; i++) this.requestOne();
      }
    } else if (newly === 0 && podCount < this.target) {
      const slots = this.settings.maxPendingPods - this.pending.length;
      const n = Math.min(this.target - podCount, this.settings.batchSize, slots);
      for (let i = 0; i < n; i++) this.requestOne();
    }
    this.outstandingAtLastRound = this.pending.length;
  }
}
