import type { Scenario } from "../scenario/Scenario.js";
import type { SparkConf } from "../conf/SparkConf.js";
import type { SimEvent } from "./SimEvent.js";
import type { TaskRecords } from "./TaskRecords.js";
import type { ModelTrace } from "./ModelTrace.js";
import type { Timeline } from "./Timeline.js";

/** The outcome of one run: a versioned timeline and event list; every report derives from these. */
export interface SimulationResult {
  readonly formatVersion: number;
  readonly simulatorVersion: string;
  readonly scenarioName: string;
  readonly seed: number;
  readonly sparkVersion: string;
  /** The input, so every report and check can be computed from the result alone. */
  readonly scenario: Scenario;
  readonly conf: SparkConf;
  readonly timeline: Timeline;
  readonly events: readonly SimEvent[];
  /** Every task attempt, when `recordTasks` was asked for. */
  readonly tasks: TaskRecords | undefined;
  /** The model state behind the events, when `recordTrace` was asked for. */
  readonly trace: ModelTrace | undefined;
  readonly warnings: readonly string[];
  /** Engine counters (not part of the behaviour; for benchmarks). */
  readonly stats: {
    readonly eventsProcessed: number;
    readonly ticksEvaluated: number;
    readonly tasksRun: number;
  };
}
