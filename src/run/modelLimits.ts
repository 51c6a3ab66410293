import { MAX_EXECUTORS } from "../../sim/limits.js";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import type { SparkConf } from "../../sim/conf/SparkConf.js";
import { DraSimError } from "../../sim/errors.js";

/** The input asks for more than the simulator handles (sim/limits.ts): exit code 2, the message names the limit. */
export class ModelLimitError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "ModelLimitError";
}

/**
 * The most executors a run could ask for at once: static instances; or, under dynamic
 * allocation, min and initial, and max as far as every task running at once could use.
 */
export function reachableExecutors(scenario: Scenario, conf: SparkConf): number {
  if (!conf.dynamicAllocationEnabled) return conf.executorInstances ?? 2;
  const tasks = scenario.workload.jobs.reduce((n, j) => j.stages.reduce((m, s) => m + s.tasks, n), 0);
  const byDemand = Math.min(conf.maxExecutors, Math.ceil(tasks / Math.max(1, conf.tasksPerExecutor)));
  return Math.max(conf.minExecutors, conf.initialExecutors, byDemand);
}

/** Refuses a conf that could ask for more executors than MAX_EXECUTORS, naming the keys to change. */
export function checkModelLimits(scenario: Scenario, conf: SparkConf): void {
  const n = reachableExecutors(scenario, conf);
  if (n <= MAX_EXECUTORS) return;
  const fix = conf.dynamicAllocationEnabled
    ? "set spark.dynamicAllocation.maxExecutors (and min/initial) to at most that"
    : "set spark.executor.instances to at most that";
  throw new ModelLimitError(`this run could ask for ${n} executors at once; the simulator handles at most ${MAX_EXECUTORS} (see README "Limits"): ${fix}`);
}
