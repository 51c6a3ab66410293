import { type Scenario, simulate, SimulationError, type SimulationResult, type SparkConf } from "../../sim/index.js";
import { checkTerminationRules } from "./checkTerminationRules.js";
import type { Violation } from "./Violation.js";

/**
 * Runs a scenario with its task records and checks the termination rules; with `rerun` (the
 * default) it runs a second time for rule 9. A run that cannot finish (`SimulationError`)
 * violates rule 7; a rerun that cannot finish when the first run did violates rule 9.
 */
export function checkRuns(scenario: Scenario, conf: SparkConf, options: { readonly rerun?: boolean } = {}): Violation[] {
  const first = tryRun(scenario, conf);
  if (first instanceof SimulationError) return [{ rule: 7, message: `the run did not finish: ${first.message}` }];
  if (options.rerun === false) return checkTerminationRules(first);
  const rerun = tryRun(scenario, conf);
  if (rerun instanceof SimulationError) return [{ rule: 9, message: `the first run finished but the rerun did not: ${rerun.message}` }];
  return checkTerminationRules(first, { rerun });
}

function tryRun(scenario: Scenario, conf: SparkConf): SimulationResult | SimulationError {
  try {
    return simulate(scenario, conf, { recordTasks: true });
  } catch (e) {
    if (e instanceof SimulationError) return e;
    throw e;
  }
}
