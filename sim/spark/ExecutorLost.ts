import type { SchedulerBackendParts } from "./CoarseGrainedSchedulerBackend.js";
import type { StageAbort } from "./DAGScheduler.js";
import type { RunningTask } from "./TaskSchedulerImpl.js";

/**
 * What an executor leaving with work on it sets off (`TaskSchedulerImpl.executorLost` and the
 * DAG scheduler's `handleExecutorLost`), shared by losses, force-kills and decommissions.
 */

/** The executor's running tasks fail (`ExecutorLostFailure`) and go back to pending; the abort if one failed too often. */
export function failRunningTasks(p: SchedulerBackendParts, running: ReadonlySet<RunningTask> | undefined, executorId: string, counted: boolean): StageAbort | undefined {
  const now = p.sim.now;
  const tasks = [...(running ?? [])];
  p.taskScheduler.executorRemoved(executorId);
  let abort: StageAbort | undefined;
  const rows = p.taskScheduler.tasks;
  for (const task of tasks) {
    rows.markFailed(task);
    if (rows.recordIndex(task) >= 0) p.taskRecords?.fail(rows.recordIndex(task), now);
    const ts = rows.taskSet(task);
    p.record({ timeMs: now, type: "taskFailed", stageId: ts.stageId, attempt: ts.attempt, partition: rows.partition(task), executorId, counted });
    abort ??= p.dag.handleTaskFailure(task, counted, p.conf.taskMaxFailures);
  }
  return abort;
}

/**
 * After an executor went with its tasks and map outputs: a task that failed too often fails
 * its jobs (and the driver program with them); otherwise stages missing lost outputs
 * recompute them and the failed tasks go to free slots (`reviveOffers`).
 */
export function afterLoss(p: SchedulerBackendParts, abort: StageAbort | undefined): void {
  if (abort !== undefined) {
    for (const j of abort.jobs) p.record({ timeMs: p.sim.now, type: "jobFailed", jobId: j.jobId, jobIndex: j.jobIndex, reason: abort.message });
    p.onAbort();
    return;
  }
  p.dag.handleLostMapOutputs();
  p.taskScheduler.reviveOffers();
}
