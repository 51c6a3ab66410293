import { DEFAULT_RESOURCE_PROFILE_ID, MAX_EXECUTORS, ResourceProfileManager, type Scenario, type SparkConf } from "../../sim/index.js";
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
  // Each resource profile has its own target within min / initial / max.
  const profiles = new ResourceProfileManager(conf, scenario.workload.resourceProfiles ?? []);
  const tasks = new Map<number, number>([[DEFAULT_RESOURCE_PROFILE_ID, 0]]);
  for (const j of scenario.workload.jobs) for (const s of j.stages) {
    const id = profiles.stageProfileId(s);
    tasks.set(id, (tasks.get(id) ?? 0) + s.tasks);
  }
  let n = 0;
  for (const [id, t] of tasks) {
    const byDemand = Math.min(conf.maxExecutors, Math.ceil(t / Math.max(1, profiles.resourceProfileFromId(id).maxTasksPerExecutor)));
    n += Math.max(conf.minExecutors, conf.initialExecutors, byDemand);
  }
  return n;
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
