import { REMOVAL_REASONS, type ExecutorRemovalReason } from "./ExecutorRemovalReason.js";
import type { SimulationResult } from "./SimulationResult.js";
import { COL } from "./Timeline.js";

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
  const tl = result.timeline;
  let executorMs = 0;
  let busySlotMs = 0;
  let peak = 0;
  for (let i = 0; i < tl.length; i++) {
    // Billed until gone: a killed executor's container or pod counts while it stops.
    const running = tl.get(i, COL.running_executors) + tl.get(i, COL.stopping_executors);
    if (running > peak) peak = running;
    if (i + 1 < tl.length) {
      const dt = tl.get(i + 1, COL.time_ms) - tl.get(i, COL.time_ms);
      executorMs += running * dt;
      busySlotMs += tl.get(i, COL.running_tasks) * dt;
    }
  }
  const removalsByReason = Object.fromEntries(REMOVAL_REASONS.map((r) => [r, 0])) as Record<ExecutorRemovalReason, number>;
  let requested = 0;
  let added = 0;
  let removed = 0;
  let cancelled = 0;
  let jobs = 0;
  let stageAttempts = 0;
  let tasks = 0;
  let makespanMs = 0;
  let tasksFailed = 0;
  let jobsFailed = 0;
  let driverReadyMs = 0;
  for (const e of result.events) {
    switch (e.type) {
      case "executorRequested":
        requested++;
        break;
      case "executorAdded":
        added++;
        break;
      case "executorRemoved":
        removed++;
        removalsByReason[e.reason]++;
        break;
      case "executorRequestCancelled":
        cancelled++;
        break;
      case "jobStart":
        jobs++;
        break;
      case "stageSubmitted":
        stageAttempts++;
        tasks += e.tasks;
        break;
      case "applicationEnd":
        makespanMs = e.timeMs;
        break;
      case "driverReady":
        driverReadyMs = e.timeMs;
        break;
      case "taskFailed":
        tasksFailed++;
        break;
      case "jobFailed":
        jobsFailed++;
        break;
      default:
        break;
    }
  }
  if (removalsByReason["executor-lost"] === 0) delete (removalsByReason as Partial<Record<ExecutorRemovalReason, number>>)["executor-lost"];
  const conf = result.conf;
  const executorSeconds = executorMs / 1000;
  const allocatedSlotSeconds = executorSeconds * conf.tasksPerExecutor;
  const busySlotSeconds = busySlotMs / 1000;
  return {
    scenarioName: result.scenarioName,
    makespanMs,
    driverReadyMs,
    executorSeconds,
    coreSeconds: executorSeconds * conf.executorCores,
    memoryGibSeconds: (executorSeconds * conf.executorContainerMemoryMiB) / 1024,
    peakExecutors: peak,
    executorsRequested: requested,
    executorsAdded: added,
    executorsRemoved: removed,
    requestsCancelled: cancelled,
    removalsByReason,
    utilization: allocatedSlotSeconds > 0 ? busySlotSeconds / allocatedSlotSeconds : 0,
    busyTaskSlotSeconds: busySlotSeconds,
    allocatedTaskSlotSeconds: allocatedSlotSeconds,
    jobs,
    stageAttempts,
    tasks,
    ...(tasksFailed > 0 ? { tasksFailed } : {}),
    ...(jobsFailed > 0 ? { jobsFailed } : {}),
    seed: result.seed,
    sparkVersion: result.sparkVersion,
    simulatorVersion: result.simulatorVersion,
  };
}
