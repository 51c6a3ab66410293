/**
 * spark-dra-sim as a library: load or build a scenario, run it, report, check the
 * termination rules. The fast-check arbitraries for property tests are their own entry point,
 * `spark-dra-sim/arbitraries`, so the CLI and this entry never load fast-check.
 */
export * from "../sim/index.js";
export { runScenario, resolveConf, SparkConfigError, type RunOutput } from "./run/runScenario.js";
export {
  loadScenarioFile,
  loadScenarioText,
  validateScenario,
  parseScenario,
  ScenarioError,
  parseEmrJobRequest,
  formatEmrSparkDefaults,
  type ScenarioIssue,
  type LoadedScenario,
  type ParsedJobRequest,
} from "./scenario/index.js";
export { formatSummary, describeConf } from "./report/formatSummary.js";
export { summaryJson } from "./report/summaryJson.js";
export { checkTerminationRules, fingerprint, formatCounterexample, RULES, type Violation, type RuleNumber } from "./check/index.js";
export {
  sweep,
  parseGrid,
  analyzeSweep,
  mergeSweeps,
  readSweepCsv,
  sweepCsv,
  formatSweep,
  DEFAULT_PRICES,
  SweepError,
  SweepConfigError,
  SweepInputError,
  SweepRunError,
  type SweepOptions,
  type SweepResult,
  type Grid,
  type Objective,
  type PriceModel,
} from "./sweep/index.js";
export { replayEventLog, extractWorkload, type ReplayResult } from "./replay/index.js";
export { readEventLog, readSparkEvents, observeExecutors, EventLogError } from "./eventlog/index.js";
export { main, type CliIO } from "./cli/main.js";
