import type { Scenario } from "../../sim/scenario/Scenario.js";
import type { Summary } from "../../sim/result/summarize.js";
import { runScenario } from "../run/runScenario.js";

/**
 * The part of a run's `Summary` a sweep keeps: numbers only, so a worker sends a few hundred
 * bytes back instead of the timeline and events.
 */
export interface RunMetrics {
  readonly makespanMs: number;
  readonly driverReadyMs: number;
  readonly executorSeconds: number;
  readonly coreSeconds: number;
  readonly memoryGibSeconds: number;
  readonly peakExecutors: number;
  readonly executorsRequested: number;
  readonly executorsAdded: number;
  readonly executorsRemoved: number;
  readonly requestsCancelled: number;
  readonly utilization: number;
  readonly busyTaskSlotSeconds: number;
  readonly allocatedTaskSlotSeconds: number;
  readonly tasks: number;
}

/** Metric names in CSV column order; the CSV writer and reader share it. */
export const RUN_METRIC_KEYS = [
  "makespanMs",
  "driverReadyMs",
  "executorSeconds",
  "coreSeconds",
  "memoryGibSeconds",
  "peakExecutors",
  "executorsRequested",
  "executorsAdded",
  "executorsRemoved",
  "requestsCancelled",
  "utilization",
  "busyTaskSlotSeconds",
  "allocatedTaskSlotSeconds",
  "tasks",
] as const satisfies ReadonlyArray<keyof RunMetrics>;

export function runMetrics(s: Summary): RunMetrics {
  return {
    makespanMs: s.makespanMs,
    driverReadyMs: s.driverReadyMs,
    executorSeconds: s.executorSeconds,
    coreSeconds: s.coreSeconds,
    memoryGibSeconds: s.memoryGibSeconds,
    peakExecutors: s.peakExecutors,
    executorsRequested: s.executorsRequested,
    executorsAdded: s.executorsAdded,
    executorsRemoved: s.executorsRemoved,
    requestsCancelled: s.requestsCancelled,
    utilization: s.utilization,
    busyTaskSlotSeconds: s.busyTaskSlotSeconds,
    allocatedTaskSlotSeconds: s.allocatedTaskSlotSeconds,
    tasks: s.tasks,
  };
}

/**
 * One run of a sweep: the scenario with `seed` and the conf overrides. A pure function of
 * its inputs, so it gives the same numbers in the main thread and in any worker.
 */
export function runPoint(scenario: Scenario, overrides: Readonly<Record<string, string>>, seed: number): RunMetrics {
  return runMetrics(runScenario({ ...scenario, seed }, overrides).summary);
}
