import type { TaskDurationCache } from "../scenario/durations.js";
import type { ListenerTraceRecorder } from "./ListenerTraceRecorder.js";

/** How `simulate` runs and what its result keeps. */
export interface SimulateOptions {
  /** What was found before the run (reading the scenario and the conf): the result carries them. */
  readonly warnings?: readonly string[];
  /** Evaluate the allocation tick every 100 ms with a full executor scan: the reference that tick skipping is tested against. */
  readonly evaluateEveryTick?: boolean;
  /** Stop with an error if simulated time passes this (default 30 days). */
  readonly maxSimulatedMs?: number;
  /** Keep every task attempt (stage, partition, executor, start, end) in the result. */
  readonly recordTasks?: boolean;
  /** Keep the model state behind the events (executor states, target decisions): `explain` and the report read it. */
  readonly recordTrace?: boolean;
  /** Task durations drawn by earlier runs of the same scenario (by seed and stage), reused and added to. */
  readonly taskDurationCache?: TaskDurationCache;
  /** Records the listener events and allocation decisions (the differential test against Spark's classes). */
  readonly listenerTrace?: ListenerTraceRecorder;
  /**
   * false: the timeline keeps only what a summary and a replay's model error read (its sums and
   * the rows where the executor count changed, `Timeline.keepOnlySums`), not a row per instant
   * (36 bytes each, 64 with a count above 65,535; about one a task). For `replay` without `--timeline` or `--report`.
   */
  readonly keepTimelineRows?: boolean;
}
