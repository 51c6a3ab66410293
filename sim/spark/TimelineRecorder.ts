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
  /** The instant's counts (column c at c - 1) while they are all 32-bit integers, as they are in practice. */
  private readonly counts = new Int32Array(TIMELINE_COLUMNS.length - 1);
  /** A whole row, for counts that are not (a value an integer page cannot hold). */
  private readonly row = new Float64Array(TIMELINE_COLUMNS.length);
  private readonly rowCounts = this.row.subarray(1);
  // The sources read every instant, held here: one load each rather than a walk from `s`.
  private readonly monitor: ExecutorMonitor;
  private readonly backend: CoarseGrainedSchedulerBackend;
  private readonly decommissioner: ExecutorDecommissioner;
  private readonly pools: ExecutorPools;
  private readonly target: { readonly totalTarget: number };
  private readonly listener: ExecutorAllocationListener;
  private readonly profiles: ResourceProfileManager;
  private readonly tasksPerExecutor: number;
  private readonly allocationRatio: number;

  constructor(private readonly s: TimelineSources) {
    this.monitor = s.monitor;
    this.backend = s.backend;
    this.decommissioner = s.backend.decommissioner;
    this.pools = s.clusterManager;
    this.target = s.target;
    this.listener = s.listener;
    this.profiles = s.profiles;
    this.tasksPerExecutor = s.conf.tasksPerExecutor;
    this.allocationRatio = s.conf.executorAllocationRatio;
  }

  sample(timeMs: number): void {
    if (this.fill(this.counts)) this.timeline.pushCountsIfChanged(timeMs, this.counts);
    else this.timeline.pushIfChanged(this.wideRow(timeMs));
  }

  /** The run ended at `endMs`: its last row. */
  finish(endMs: number): void {
    if (this.timeline.lastTime() === endMs) return;
    if (this.fill(this.counts)) this.timeline.pushCounts(endMs, this.counts);
    else this.timeline.push(this.wideRow(endMs));
  }

  private wideRow(timeMs: number): Float64Array {
    this.row[0] = timeMs;
    this.fill(this.rowCounts);
    return this.row;
  }

  /**
   * Writes the instant's counts into `out` (column c at c - 1); false when one is not a 32-bit
   * integer (an Int32Array `out` then holds it cut: the caller fills a Float64Array instead).
   */
  private fill(out: Int32Array | Float64Array): boolean {
    const { monitor, backend, pools } = this;
    // Decommissioning executors are on their way out: counted with the stopping ones (billed, no new task).
    const decommissioning = this.decommissioner.count;
    const running = monitor.executorCount - backend.stoppingTracked - decommissioning;
    const busy = monitor.busyCount - (decommissioning > 0 ? this.decommissioner.noticeBusyCount() : 0);
    const target = this.target.totalTarget;
    const pending = pools.pendingCount;
    const stopping = backend.stoppingTotal + decommissioning;
    const starting = pools.startingCount;
    const waiting = pools.waitingForCapacity;
    const nodes = this.s.nodes();
    out[C_TARGET - 1] = target;
    out[C_PENDING_EXECUTORS - 1] = pending;
    out[C_RUNNING_EXECUTORS - 1] = running;
    out[C_BUSY_EXECUTORS - 1] = busy;
    out[C_IDLE_EXECUTORS - 1] = running - busy;
    out[C_PINNED_SHUFFLE_EXECUTORS - 1] = monitor.idleWithShuffleDataCount;
    out[C_PINNED_CACHE_EXECUTORS - 1] = monitor.idleWithCachedBlocksCount;
    out[C_STOPPING_EXECUTORS - 1] = stopping;
    out[C_STARTING_EXECUTORS - 1] = starting;
    out[C_WAITING_FOR_CAPACITY - 1] = waiting;
    out[C_NODES - 1] = nodes;
    const exact = isInt32(target) && isInt32(pending) && isInt32(running) && isInt32(busy) && isInt32(running - busy) && isInt32(stopping) && isInt32(starting) && isInt32(waiting) && isInt32(nodes);
    return this.fillDemand(out) && exact && isInt32(monitor.idleWithShuffleDataCount) && isInt32(monitor.idleWithCachedBlocksCount);
  }

  /** The demand columns (pending and running tasks, max needed); false when one is not a 32-bit integer. */
  private fillDemand(out: Int32Array | Float64Array): boolean {
    const { listener, monitor } = this;
    // Each listener total is a sum over stage attempts: read each once per row.
    const pendingRegular = listener.pendingTasks;
    const pendingSpeculative = listener.pendingSpeculativeTasks;
    const pendingTasks = pendingRegular + pendingSpeculative;
    const runningTasks = listener.runningTasks;
    out[C_PENDING_TASKS - 1] = pendingTasks;
    out[C_RUNNING_TASKS - 1] = runningTasks;
    // What the allocation manager's maxNeeded gives (static allocation has the same arithmetic); one profile without an object per row.
    const maxNeeded = this.profiles.hasCustomProfiles
      ? this.maxNeededOverProfiles()
      : maxExecutorsNeededOf(pendingRegular, pendingSpeculative, runningTasks, this.tasksPerExecutor, this.allocationRatio, listener.unschedulableTaskSets, monitor.executorCountWithKnownProfile);
    out[C_MAX_NEEDED - 1] = maxNeeded;
    return isInt32(pendingTasks) && isInt32(runningTasks) && isInt32(maxNeeded);
  }

  /** With resource profiles, the sum of each profile's max needed. */
  private maxNeededOverProfiles(): number {
    const { listener, conf, monitor, profiles } = this.s;
    let maxNeeded = 0;
    for (const rpId of listener.linkedProfileIds()) {
      maxNeeded += listener.maxNeeded(rpId, profiles.resourceProfileFromId(rpId).maxTasksPerExecutor, conf.executorAllocationRatio, monitor.profiles.executorCount(rpId));
    }
    return maxNeeded;
  }
}

/** Whether an Int32Array holds `v` exactly. */
function isInt32(v: number): boolean {
  return (v | 0) === v;
}
