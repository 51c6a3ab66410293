// Public API of sweeps: many configs over one workload, priced, compared and recommended.
export { sweep, type SweepOptions } from "./sweep.js";
export { parseGrid, parseGridArg, type Grid, type GridAxis } from "./parseGrid.js";
export { expandRange, MAX_AXIS_VALUES } from "./expandRange.js";
export { expandGrid, gridSize, type GridPoint } from "./expandGrid.js";
export { sweepableKey, type ValueKind } from "./sweepableKeys.js";
export { validateGrid, type GridValidation, type GridWarning, type ValidPoint } from "./validateGrid.js";
export { readDriverResources, type DriverResources, type DriverResourcesResult } from "./driverResources.js";
export { DEFAULT_PRICES, DEFAULT_PRICES_SOURCE, parsePrice, type PriceModel } from "./PriceModel.js";
export { runCost, type RunCost } from "./runCost.js";
export { runPoint, RUN_METRIC_KEYS, type RunMetrics } from "./runPoint.js";
export { runTasks, requireWorkerEntry, type RunTask } from "./runTasks.js";
export { parseShard, inShard, formatShard, WHOLE_GRID, type Shard } from "./Shard.js";
export { parseObjective, parseSla, formatObjective, DEFAULT_OBJECTIVE, type Objective } from "./Objective.js";
export { median, percentile, seedStats } from "./seedStats.js";
export { paretoFront, type FrontCandidate } from "./paretoFront.js";
export { analyzeSweep, recommend } from "./analyzeSweep.js";
export { sweepCsv, sweepCsvColumns, sweepCsvTable, sweepMetaJson, sweepMetaPath, SWEEP_CSV_MARKER } from "./sweepCsv.js";
export { readSweepCsv, type ReadSweepCsvOptions } from "./readSweepCsv.js";
export { mergeSweeps, type MergeOptions } from "./mergeSweeps.js";
export { formatSweep, formatRecommendation } from "./formatSweep.js";
export { formatProgress } from "./formatProgress.js";
export { formatUsd } from "./formatUsd.js";
export { SweepError, SweepInputError, SweepConfigError, SweepRunError, type InvalidPoint } from "./SweepError.js";
export { API_WORDS, type SweepWords, type SweepPhrase } from "./sweepWords.js";
export {
  SWEEP_FORMAT,
  type SweepMeta,
  type SweepRow,
  type SweepRun,
  type SweepResult,
  type SweepAnalysis,
  type ConfigResult,
  type SeedStats,
  type Recommendation,
} from "./SweepResult.js";
