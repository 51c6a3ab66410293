import type { SparkConf } from "../conf/SparkConf.js";
import { COL, TIMELINE_COLUMNS, Timeline } from "../result/Timeline.js";
import type { CoarseGrainedSchedulerBackend } from "./CoarseGrainedSchedulerBackend.js";
import { maxExecutorsNeededOf } from "./ExecutorAllocationManager.js";
import type { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import type { ExecutorPools } from "./ExecutorPools.js";
import type { ResourceProfileManager } from "../conf/ResourceProfile.js";

/** What the timeline's columns are read from. */
export interface TimelineSources {
  readonly conf: SparkConf;
  readonly monitor: ExecutorMonitor;
  readonly listener: ExecutorAllocationListener;
  readonly backend: CoarseGrainedSchedulerBackend;
  readonly clusterManager: ExecutorPools;
  readonly profiles: ResourceProfileManager;
  /** Nodes (workers, NodeManagers) now. */
  nodes(): number;
  /** The allocation manager's target, or the static count. */
  target(): number;
}

/**
 * Records the timeline (`--timeline`): sampled once per instant, after every event at that
 * instant, it keeps a row whenever a column changed, and one at the end.
 */
export class TimelineRecorder {
  readonly timeline = new Timeline();
  private readonly row = new Float64Array(TIMELINE_COLUMNS.length);

  constructor(private readonly s: TimelineSources) {}

  sample(timeMs: number): void {
    this.fillRow(timeMs);
    this.timeline.pushIfChanged(this.row);
  }

  /** The run ended at `endMs`: its last row. */
  finish(endMs: number): void {
    if (this.timeline.lastTime() === endMs) return;
    this.fillRow(endMs);
    this.timeline.push(this.row);
  }

  private fillRow(timeMs: number): void {
    const { monitor, backend, clusterManager } = this.s;
    const r = this.row;
    // Decommissioning executors are on their way out: counted with the stopping ones (billed, no new task).
    const decommissioning = backend.decommissioner.count;
    const running = monitor.executorCount - backend.stoppingTracked - decommissioning;
    const busy = monitor.busyCount - (decommissioning > 0 ? backend.decommissioner.noticeBusyCount() : 0);
    r[COL.time_ms] = timeMs;
    r[COL.target] = this.s.target();
    r[COL.pending_executors] = clusterManager.pendingCount;
    r[COL.running_executors] = running;
    r[COL.busy_executors] = busy;
    r[COL.idle_executors] = running - busy;
    r[COL.pinned_shuffle_executors] = monitor.idleWithShuffleDataCount;
    r[COL.pinned_cache_executors] = monitor.idleWithCachedBlocksCount;
    r[COL.stopping_executors] = backend.stoppingTotal + decommissioning;
    const waiting = clusterManager.waitingForCapacity;
    r[COL.starting_executors] = clusterManager.startingCount;
    r[COL.waiting_for_capacity] = waiting;
    r[COL.nodes] = this.s.nodes();
    this.fillDemand(r);
  }

  private fillDemand(r: Float64Array): void {
    const { listener, conf, monitor, profiles } = this.s;
    // Each listener total is a sum over stage attempts: read each once per row.
    const pendingTasks = listener.pendingTasks;
    const pendingSpeculativeTasks = listener.pendingSpeculativeTasks;
    const runningTasks = listener.runningTasks;
    r[COL.pending_tasks] = pendingTasks + pendingSpeculativeTasks;
    r[COL.running_tasks] = runningTasks;
    // What the allocation manager's maxNeeded gives (static allocation has the same arithmetic); one profile without an object per row.
    if (!profiles.hasCustomProfiles) {
      r[COL.max_needed] = maxExecutorsNeededOf(
        pendingTasks,
        pendingSpeculativeTasks,
        runningTasks,
        conf.tasksPerExecutor,
        conf.executorAllocationRatio,
        listener.unschedulableTaskSets,
        monitor.executorCountWithKnownProfile,
      );
      return;
    }
    // With resource profiles, the sum of each profile's.
    let maxNeeded = 0;
    for (const rpId of listener.linkedProfileIds()) {
      maxNeeded += listener.maxNeeded(rpId, profiles.resourceProfileFromId(rpId).maxTasksPerExecutor, conf.executorAllocationRatio, monitor.profiles.executorCount(rpId));
    }
    r[COL.max_needed] = maxNeeded;
  }
}

