import type { ExecutorAllocationClient } from "./ExecutorAllocationManager.js";
import type { SparkListener, SparkListenerStageCompleted, SparkListenerStageSubmitted } from "./SparkListener.js";

/** What the allocation manager sends with a request: `numLocalityAwareTasks` and `hostToLocalTaskCount`. */
export interface PlacementHints {
  /** Pending tasks of the running stages that have a preferred location. */
  readonly localityAwareTasks: number;
  /** Per host, the tasks that prefer it (a task with three hosts counts on each). */
  readonly hostToLocalTaskCount: ReadonlyMap<string, number>;
}

interface StageHints {
  readonly tasks: number;
  readonly hosts: ReadonlyMap<string, number>;
}

/**
 * The allocation manager's executor placement hints (`ExecutorAllocationListener`'s
 * `stageAttemptToExecutorPlacementHints` and `updateExecutorPlacementHints`): each submitted
 * stage attempt's tasks with preferred locations and their count per host, summed over the
 * attempts until they complete. One resource profile.
 */
export class ExecutorPlacementHints implements SparkListener, PlacementHints {
  private readonly byAttempt = new Map<string, StageHints>();
  localityAwareTasks = 0;
  hostToLocalTaskCount: ReadonlyMap<string, number> = new Map();

  onStageSubmitted(e: SparkListenerStageSubmitted): void {
    const prefs = e.taskLocalityPreferences;
    if (prefs === undefined) return;
    let tasks = 0;
    const hosts = new Map<string, number>();
    for (const locs of prefs) {
      if (locs === undefined || locs.length === 0) continue;
      tasks++;
      for (const loc of locs) hosts.set(loc.host, (hosts.get(loc.host) ?? 0) + 1);
    }
    this.byAttempt.set(`${e.stageId}.${e.attempt}`, { tasks, hosts });
    this.update();
  }

  onStageCompleted(e: SparkListenerStageCompleted): void {
    if (this.byAttempt.delete(`${e.stageId}.${e.attempt}`)) this.update();
  }

  /** `updateExecutorPlacementHints`. */
  private update(): void {
    let tasks = 0;
    const hosts = new Map<string, number>();
    for (const h of this.byAttempt.values()) {
      tasks += h.tasks;
      for (const [host, n] of h.hosts) hosts.set(host, (hosts.get(host) ?? 0) + n);
    }
    this.localityAwareTasks = tasks;
    this.hostToLocalTaskCount = hosts;
  }
}

/** The client the allocation manager calls, sending the hints with every requested total (`requestTotalExecutors(..., numLocalityAwareTasks, hostToLocalTaskCount)`). */
export function withPlacementHints(
  client: Omit<ExecutorAllocationClient, "decommissionExecutors">,
  hints: PlacementHints,
  decommissionExecutors: (ids: readonly string[]) => string[],
): ExecutorAllocationClient {
  return {
    requestTotalExecutors: (totals) => client.requestTotalExecutors(totals, hints),
    killExecutors: (ids) => client.killExecutors(ids),
    decommissionExecutors,
  };
}
