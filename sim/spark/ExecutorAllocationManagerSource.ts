import type { ExecutorTracker } from "./ExecutorTracker.js";
import type { SparkListenerExecutorRemoved } from "./SparkListener.js";

/** SPARK-33763's four counters: why executors left, as the allocation manager saw them. */
export interface ExecutorRemovalCounts {
  /** Decommissioned by the allocation manager and exited once done (`numberExecutorsGracefullyDecommissioned`). */
  gracefullyDecommissioned: number;
  /** Decommissioned by the allocation manager and gone before it finished: force-killed or lost (`numberExecutorsDecommissionUnfinished`). */
  decommissionUnfinished: number;
  /** Killed by the allocation manager (`numberExecutorsKilledByDriver`). */
  driverKilled: number;
  /** Anything else: lost, or decommissioned by a notice the allocation manager never saw (`numberExecutorsExitedUnexpectedly`). */
  exitedUnexpectedly: number;
}

/**
 * The removal counters of Spark's `ExecutorAllocationManagerSource` (SPARK-33763), which
 * `ExecutorMonitor.onExecutorRemoved` increments: by what the monitor knew of the executor
 * (decommissioning, pending removal, neither) and whether it reported its decommission
 * finished. Removals at the application's end are not counted (the listener bus stops with it).
 */
export class ExecutorAllocationManagerSource {
  readonly counts: ExecutorRemovalCounts = { gracefullyDecommissioned: 0, decommissionUnfinished: 0, driverKilled: 0, exitedUnexpectedly: 0 };

  executorRemoved(removed: ExecutorTracker, event: SparkListenerExecutorRemoved): void {
    if (event.reason === "application-end") return;
    const c = this.counts;
    if (removed.decommissioning) {
      if (event.decommissionFinished === true) c.gracefullyDecommissioned++;
      else c.decommissionUnfinished++;
    } else if (removed.pendingRemoval) {
      c.driverKilled++;
    } else {
      c.exitedUnexpectedly++;
    }
  }
}
