import fc from "fast-check";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import { simulate, SimulationError } from "../../sim/spark/SparkApplication.js";
import { parseConf } from "../../sim/spark/conf/parseConf.js";
import { parseSparkVersion } from "../../sim/spark/SparkVersion.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import { checkTerminationRules } from "../../src/check/checkTerminationRules.js";
import { formatCounterexample } from "../../src/check/counterexample.js";
import type { RuleNumber, Violation } from "../../src/check/Violation.js";
import { scenario as scenarioArb } from "../../src/arbitraries/index.js";

/** Fixed seed and run count for the property suite (issue: at least 200 runs per rule). */
export const PROPERTY_SEED = 20261125;
export const PROPERTY_RUNS = 200;

export function runScenario(s: Scenario): SimulationResult {
  const version = parseSparkVersion(s.sparkVersion);
  if ("error" in version) throw new Error(version.error);
  const parsed = parseConf(s.conf, version);
  if (!parsed.ok) throw new Error(`generated an invalid conf: ${parsed.issues.map((i) => i.message).join("; ")}`);
  return simulate(s, parsed.conf, { recordTasks: true });
}

/** The violations of one rule in a run; a run that cannot finish violates rule 7. */
export function violationsOf(rule: RuleNumber, s: Scenario): Violation[] {
  let result: SimulationResult;
  try {
    result = runScenario(s);
  } catch (e) {
    if (e instanceof SimulationError) return rule === 7 ? [{ rule: 7, message: `the run did not finish: ${e.message}` }] : [];
    throw e;
  }
  const rerun = rule === 9 ? runScenario(s) : undefined;
  return checkTerminationRules(result, rerun === undefined ? {} : { rerun }).filter((v) => v.rule === rule);
}

/**
 * Checks a property over generated scenarios; on failure, throws with the shrunk scenario as
 * a YAML scenario file (also written to the temp dir) so it can be replayed with dra-sim.
 */
export function assertOverScenarios(label: string, property: (s: Scenario) => Violation[], arb: fc.Arbitrary<Scenario> = scenarioArb()): void {
  const details = fc.check(
    fc.property(arb, (s) => property(s).length === 0),
    { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
  );
  if (!details.failed) return;
  const s = details.counterexample?.[0];
  if (s === undefined) throw new Error(`${label}: property failed without a counterexample: ${String(details.errorInstance)}`);
  const yaml = formatCounterexample(s, property(s));
  const dir = join(tmpdir(), "spark-dra-sim-counterexamples");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${label.replace(/[^a-z0-9]+/gi, "-")}.yaml`);
  writeFileSync(file, yaml);
  throw new Error(`${label} failed after ${details.numRuns} runs (seed ${details.seed}, shrunk ${details.numShrinks} times).\nCounterexample written to ${file}:\n\n${yaml}`);
}
