import fc from "fast-check";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import { simulate } from "../../sim/spark/SparkApplication.js";
import { safeParseConf } from "../../sim/conf/parseConf.js";
import type { SparkConf } from "../../sim/conf/SparkConf.js";
import { parseSparkVersion } from "../../sim/conf/SparkVersion.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import { checkRuns } from "../../src/check/checkRuns.js";
import { formatCounterexample } from "../../src/check/counterexample.js";
import type { RuleNumber, Violation } from "../../src/check/Violation.js";
import { scenario as scenarioArb } from "../../src/arbitraries/index.js";

/** Fixed seed and run count for the property suite (issue: at least 200 runs per rule). */
export const PROPERTY_SEED = 20261125;
export const PROPERTY_RUNS = 200;

/** The generated scenario's conf, read for its Spark version. */
function generatedConf(s: Scenario): SparkConf {
  const version = parseSparkVersion(s.sparkVersion);
  const parsed = safeParseConf(s.conf, version);
  if (!parsed.success) throw new Error(`generated an invalid conf: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data.conf;
}

export function runScenario(s: Scenario): SimulationResult {
  return simulate(s, generatedConf(s), { recordTasks: true });
}

/** The violations of one rule in a run; a run that cannot finish violates rule 7. */
export function violationsOf(rule: RuleNumber, s: Scenario): Violation[] {
  return checkRuns(s, generatedConf(s), { rerun: rule === 9 }).filter((v) => v.rule === rule);
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
