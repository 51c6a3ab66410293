import type { SparkConf } from "../conf/SparkConf.js";
import { COL, TIMELINE_COLUMNS, Timeline } from "../result/Timeline.js";
import type { CoarseGrainedSchedulerBackend } from "./CoarseGrainedSchedulerBackend.js";
import { maxExecutorsNeededOf } from "./ExecutorAllocationManager.js";
import type { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import type { ExecutorDecommissioner } from "./ExecutorDecommissioner.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import type { ExecutorPools } from "./ExecutorPools.js";
import type { ResourceProfileManager } from "../conf/ResourceProfile.js";

// The column indices as module constants: reading COL's properties on every instant cost about 390 instructions a row.
const {
  time_ms: C_TIME_MS,
  target: C_TARGET,
  pending_executors: C_PENDING_EXECUTORS,
  running_executors: C_RUNNING_EXECUTORS,
  busy_executors: C_BUSY_EXECUTORS,
  idle_executors: C_IDLE_EXECUTORS,
  pinned_shuffle_executors: C_PINNED_SHUFFLE_EXECUTORS,
  pinned_cache_executors: C_PINNED_CACHE_EXECUTORS,
  pending_tasks: C_PENDING_TASKS,
  running_tasks: C_RUNNING_TASKS,
  max_needed: C_MAX_NEEDED,
  stopping_executors: C_STOPPING_EXECUTORS,
  starting_executors: C_STARTING_EXECUTORS,
  waiting_for_capacity: C_WAITING_FOR_CAPACITY,
  nodes: C_NODES,
} = COL;

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
  /** The allocation manager (its target), or the static count as one: an object kept, not a closure made per run (see `Clock`). */
  readonly target: { readonly totalTarget: number };
}

/**
 * Records the timeline (`--timeline`): sampled once per instant, after every event at that
 * instant, it keeps a row whenever a column changed, and one at the end.
 */
export class TimelineRecorder {
  readonly timeline = new Timeline();
  private readonly row = new Float64Array(TIMELINE_COLUMNS.length);
  // The sources read every instant, held here: one load each rather than a walk from `s`.
  private readonly monitor: ExecutorMonitor;
  private readonly backend: CoarseGrainedSchedulerBackend;
  private readonly decommissioner: ExecutorDecommissioner;
  private readonly pools: ExecutorPools;
  private readonly target: { readonly totalTarget: number };

  constructor(private readonly s: TimelineSources) {
    this.monitor = s.monitor;
    this.backend = s.backend;
    this.decommissioner = s.backend.decommissioner;
    this.pools = s.clusterManager;
    this.target = s.target;
  }

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
    const { monitor, backend, pools } = this;
    const r = this.row;
    // Decommissioning executors are on their way out: counted with the stopping ones (billed, no new task).
    const decommissioning = this.decommissioner.count;
    const running = monitor.executorCount - backend.stoppingTracked - decommissioning;
    const busy = monitor.busyCount - (decommissioning > 0 ? this.decommissioner.noticeBusyCount() : 0);
    r[C_TIME_MS] = timeMs;
    r[C_TARGET] = this.target.totalTarget;
    r[C_PENDING_EXECUTORS] = pools.pendingCount;
    r[C_RUNNING_EXECUTORS] = running;
    r[C_BUSY_EXECUTORS] = busy;
    r[C_IDLE_EXECUTORS] = running - busy;
    r[C_PINNED_SHUFFLE_EXECUTORS] = monitor.idleWithShuffleDataCount;
    r[C_PINNED_CACHE_EXECUTORS] = monitor.idleWithCachedBlocksCount;
    r[C_STOPPING_EXECUTORS] = backend.stoppingTotal + decommissioning;
    const waiting = pools.waitingForCapacity;
    r[C_STARTING_EXECUTORS] = pools.startingCount;
    r[C_WAITING_FOR_CAPACITY] = waiting;
    r[C_NODES] = this.s.nodes();
    this.fillDemand(r);
  }

  private fillDemand(r: Float64Array): void {
    const { listener, conf, monitor, profiles } = this.s;
    // Each listener total is a sum over stage attempts: read each once per row.
    const pendingTasks = listener.pendingTasks;
    const pendingSpeculativeTasks = listener.pendingSpeculativeTasks;
    const runningTasks = listener.runningTasks;
    r[C_PENDING_TASKS] = pendingTasks + pendingSpeculativeTasks;
    r[C_RUNNING_TASKS] = runningTasks;
    // What the allocation manager's maxNeeded gives (static allocation has the same arithmetic); one profile without an object per row.
    if (!profiles.hasCustomProfiles) {
      r[C_MAX_NEEDED] = maxExecutorsNeededOf(
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
    r[C_MAX_NEEDED] = maxNeeded;
  }
}

