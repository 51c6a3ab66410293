import type { SparkConf } from "../spark/conf/SparkConf.js";
import type { SimEvent } from "./SimEvent.js";
import type { Timeline } from "./Timeline.js";

/** The outcome of one run: a versioned timeline and event list; every report derives from these. */
export interface SimulationResult {
  readonly formatVersion: number;
  readonly simulatorVersion: string;
  readonly scenarioName: string;
  readonly seed: number;
  readonly sparkVersion: string;
  readonly conf: SparkConf;
  readonly timeline: Timeline;
  readonly events: readonly SimEvent[];
  readonly warnings: readonly string[];
  /** Engine counters (not part of the behaviour; for benchmarks). */
  readonly stats: {
    readonly eventsProcessed: number;
    readonly ticksEvaluated: number;
    readonly tasksRun: number;
  };
}
