import { executorFootprint, noFitReason, parseConf, safeParseSparkVersion, type Scenario, simulate, type SimulateOptions, type SimulationResult, type SparkConf, SparkConfigError, type SparkVersion, summarize, type Summary, validateSettings } from "../../sim/index.js";
import { ScenarioError } from "../scenario/ScenarioError.js";
import { checkModelLimits } from "./modelLimits.js";
import { checkResourceProfiles } from "./resourceProfileChecks.js";

export { SparkConfigError };

/**
 * A raw conf read for `version` as Spark would at start-up: its values and range checks, then
 * `validateSettings`. Throws `SparkConfigError` with the problems of the first step that has any.
 */
export function resolveRawConf(raw: Readonly<Record<string, string>>, version: SparkVersion): { conf: SparkConf; warnings: string[] } {
  // Throws SparkConfigError with the values Spark cannot read.
  const parsed = parseConf(raw, version);
  const startupErrors = validateSettings(parsed.conf);
  if (startupErrors.length > 0) throw new SparkConfigError([], startupErrors);
  return { conf: parsed.conf, warnings: [...parsed.warnings] };
}

/** The conf a scenario runs with: its own conf, then overrides (later wins), read for its version. */
export function resolveConf(
  scenario: Scenario,
  overrides: Readonly<Record<string, string>> = {},
): { conf: SparkConf; warnings: string[] } {
  const version = safeParseSparkVersion(scenario.sparkVersion);
  if (!version.success) throw new Error(`scenario was not validated: ${version.error.message}`);
  const resolved = resolveRawConf({ ...scenario.conf, ...overrides }, version.data);
  checkModelLimits(scenario, resolved.conf);
  checkExecutorFits(scenario, resolved.conf);
  checkResourceProfiles(scenario, resolved.conf);
  return resolved;
}

/** `cluster.nodes` with resources must fit at least one executor of the conf's size (a user error naming both). */
function checkExecutorFits(scenario: Scenario, conf: SparkConf): void {
  const nodes = scenario.cluster.nodes;
  if (nodes === undefined) return;
  const why = noFitReason(nodes, executorFootprint(conf, scenario.cluster.manager ?? "generic"));
  if (why !== undefined) throw new ScenarioError(scenario.name, [{ path: "cluster.nodes", code: "too-small", message: `${why}: give the nodes more, or make executors smaller (spark.executor.cores, spark.executor.memory, spark.executor.resource.gpu.amount)`, value: nodes }]);
}

export interface RunOutput {
  readonly result: SimulationResult;
  readonly summary: Summary;
  readonly warnings: readonly string[];
}

/**
 * Validates the conf as Spark would at start-up (throwing `SparkConfigError`), runs the
 * scenario and summarises it. The result's warnings are `options.warnings` (what loading the
 * scenario found) followed by the conf's.
 */
export function runScenario(
  scenario: Scenario,
  overrides: Readonly<Record<string, string>> = {},
  options: SimulateOptions = {},
): RunOutput {
  const resolved = resolveConf(scenario, overrides);
  const result = simulate(scenario, resolved.conf, { ...options, warnings: [...(options.warnings ?? []), ...resolved.warnings] });
  return { result, summary: summarize(result), warnings: result.warnings };
}
