import type { Summary } from "../../sim/result/index.js";

// The metrics a sweep keeps of a run, apart from runPoint.ts so that the CSV writer and reader
// (merge) load without the engine.

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
] as const satisfies ReadonlyArray<keyof Summary>;

/**
 * The part of a run's `Summary` a sweep keeps: numbers only, so a worker sends a few hundred
 * bytes back instead of the timeline and events.
 */
export type RunMetrics = Pick<Summary, (typeof RUN_METRIC_KEYS)[number]>;
