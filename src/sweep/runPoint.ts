import { type Scenario, simulate, type SparkConf, summarize, type Summary, type TaskDurationCache } from "../../sim/index.js";
import { RUN_METRIC_KEYS, type RunMetrics } from "./runMetrics.js";

export { RUN_METRIC_KEYS, type RunMetrics } from "./runMetrics.js";

function runMetrics(s: Summary): RunMetrics {
  return Object.fromEntries(RUN_METRIC_KEYS.map((k) => [k, s[k]])) as unknown as RunMetrics;
}

/**
 * One run of a sweep, summarised: `seeded` (the scenario with the run's seed) under a conf
 * already resolved and checked (`validateGrid`). A pure function of its inputs, so it gives the
 * same numbers in the main thread and in any worker; `taskDurationCache` (one per scenario and
 * seed) lets runs with the same seed reuse the task durations drawn before instead of drawing
 * them again.
 */
export function simulateRun(seeded: Scenario, conf: SparkConf, taskDurationCache?: TaskDurationCache): Summary {
  return summarize(simulate(seeded, conf, taskDurationCache === undefined ? {} : { taskDurationCache }));
}

/** The metrics of one run of `scenario` with `seed` (`simulateRun`): what a sweep keeps of it. */
export function runPoint(scenario: Scenario, conf: SparkConf, seed: number, taskDurationCache?: TaskDurationCache): RunMetrics {
  return runMetrics(simulateRun({ ...scenario, seed }, conf, taskDurationCache));
}
