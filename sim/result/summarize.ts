import { forEachEvent } from "./EventLog.js";
import { REMOVAL_REASONS, type ExecutorRemovalReason } from "./ExecutorRemovalReason.js";
import { summarizeDecommission, type DecommissionSummary } from "./decommissionSummary.js";
import { profileSecondsDelta } from "./profileSeconds.js";
import type { SimulationResult } from "./SimulationResult.js";
import { COL, type Timeline } from "./Timeline.js";
import { integrateRows, type RowSums } from "./TimelineSums.js";

export interface Summary {
  readonly scenarioName: string;
  readonly makespanMs: number;
  /** When the driver program started (SparkContext ready: enough initial executors, or the wait ran out). */
  readonly driverReadyMs: number;
  readonly executorSeconds: number;
  readonly coreSeconds: number;
  /** Container memory (heap + overhead) in GiB times seconds. */
  readonly memoryGibSeconds: number;
  readonly peakExecutors: number;
  readonly executorsRequested: number;
  readonly executorsAdded: number;
  readonly executorsRemoved: number;
  readonly requestsCancelled: number;
  /** Every reason; `executor-lost` only when the run lost executors (so runs without losses read as before). */
  readonly removalsByReason: Readonly<Record<Exclude<ExecutorRemovalReason, "executor-lost">, number>> & { readonly "executor-lost"?: number };
  /** Task attempts failed by executor losses (present when non-zero). */
  readonly tasksFailed?: number;
  /** Jobs aborted after a task failed spark.task.maxFailures times (present when non-zero). */
  readonly jobsFailed?: number;
  /** Decommissioning and SPARK-33763's removal counters (present when spark.decommission.enabled is in effect). */
  readonly decommission?: DecommissionSummary;
  /** Busy task-slot time over allocated task-slot time. */
  readonly utilization: number;
  readonly busyTaskSlotSeconds: number;
  readonly allocatedTaskSlotSeconds: number;
  readonly jobs: number;
  readonly stageAttempts: number;
  readonly tasks: number;
  readonly seed: number;
  readonly sparkVersion: string;
  readonly simulatorVersion: string;
}

/** Aggregates of a result, computed from its timeline and events only. */
export function summarize(result: SimulationResult): Summary {
  const { executorMs, busySlotMs, peak } = integrateTimeline(result.timeline);
  const c = countEvents(result);
  const conf = result.conf;
  const executorSeconds = executorMs / 1000;
  // Executors of other resource profiles at their own size (zero without profiles).
  const delta = profileSecondsDelta(result);
  const allocatedSlotSeconds = executorSeconds * conf.tasksPerExecutor + delta.taskSlotSeconds;
  const busySlotSeconds = busySlotMs / 1000;
  return {
    scenarioName: result.scenarioName,
    makespanMs: c.makespanMs,
    driverReadyMs: c.driverReadyMs,
    executorSeconds,
    coreSeconds: executorSeconds * conf.executorCores + delta.coreSeconds,
    memoryGibSeconds: (executorSeconds * conf.executorContainerMemoryMiB + delta.memoryMibSeconds) / 1024,
    peakExecutors: peak,
    executorsRequested: c.requested,
    executorsAdded: c.added,
    executorsRemoved: c.removed,
    requestsCancelled: c.cancelled,
    removalsByReason: c.removalsByReason,
    utilization: allocatedSlotSeconds > 0 ? busySlotSeconds / allocatedSlotSeconds : 0,
    busyTaskSlotSeconds: busySlotSeconds,
    allocatedTaskSlotSeconds: allocatedSlotSeconds,
    jobs: c.jobs,
    stageAttempts: c.stageAttempts,
    tasks: c.tasks,
    ...(c.tasksFailed > 0 ? { tasksFailed: c.tasksFailed } : {}),
    ...(c.jobsFailed > 0 ? { jobsFailed: c.jobsFailed } : {}),
    ...(conf.decommission.enabled ? { decommission: summarizeDecommission(result) } : {}),
    seed: result.seed,
    sparkVersion: result.sparkVersion,
    simulatorVersion: result.simulatorVersion,
  };
}

/**
 * Executor time and busy task-slot time (ms), and the most executors billed at once: the rows
 * a timeline let go (`keepOnlySums`) were summed as it went, the rest are added in order.
 */
function integrateTimeline(tl: Timeline): RowSums {
  const sums = tl.sums;
  const acc: RowSums = { executorMs: sums?.executorMs ?? 0, busySlotMs: sums?.busySlotMs ?? 0, peak: sums?.peak ?? 0 };
  integrateRows(tl, COL, sums?.rows ?? 0, tl.length, acc);
  return acc;
}

/** The counts a summary reads from the events. */
function countEvents(result: SimulationResult) {
  const removalsByReason = Object.fromEntries(REMOVAL_REASONS.map((r) => [r, 0])) as Record<ExecutorRemovalReason, number>;
  const c = { removalsByReason, requested: 0, added: 0, removed: 0, cancelled: 0, jobs: 0, stageAttempts: 0, tasks: 0, makespanMs: 0, tasksFailed: 0, jobsFailed: 0, driverReadyMs: 0 };
  // Through the run's log when it has one: no array of the events is built for a summary.
  forEachEvent(result, (e) => {
    switch (e.type) {
      case "executorRequested":
        c.requested++;
        break;
      case "executorAdded":
        c.added++;
        break;
      case "executorRemoved":
        c.removed++;
        removalsByReason[e.reason]++;
        break;
      case "executorRequestCancelled":
        c.cancelled++;
        break;
      case "jobStart":
        c.jobs++;
        break;
      case "stageSubmitted":
        c.stageAttempts++;
        c.tasks += e.tasks;
        break;
      case "applicationEnd":
        c.makespanMs = e.timeMs;
        break;
      case "driverReady":
        c.driverReadyMs = e.timeMs;
        break;
      case "taskFailed":
        c.tasksFailed++;
        break;
      case "jobFailed":
        c.jobsFailed++;
        break;
      default:
        break;
    }
  });
  if (removalsByReason["executor-lost"] === 0) delete (removalsByReason as Partial<Record<ExecutorRemovalReason, number>>)["executor-lost"];
  return c;
}
