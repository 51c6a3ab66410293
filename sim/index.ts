/**
 * The pure, deterministic core: the event-queue kernel and the Spark model. No IO, no wall
 * clock; randomness only from the seed.
 */
export { EventQueue, Simulation, SeededRandom, type QueuedEvent, type RandomStream } from "./core/index.js";
export { simulate, type SimulateOptions } from "./spark/SparkApplication.js";
export { SimulationError } from "./spark/SimulationError.js";
export { DraSimError, ERROR_CATEGORIES, ParseError, type ErrorCategory, type SafeParseResult } from "./errors.js";
export { parseConf, safeParseConf, type ConfIssue, type ParseConfResult, type ParsedConf } from "./conf/parseConf.js";
export { SparkConfigError } from "./conf/SparkConfigError.js";
export type { SparkConf } from "./conf/SparkConf.js";
export { config, CONF_ENTRIES, type ConfEntry, type ConfigEntry } from "./conf/registry.js";
export type { ValueSyntax, ConfValueType } from "./conf/syntax.js";
export { validateSettings, type SparkStartupError } from "./conf/validateSettings.js";
export { parseSparkVersion, safeParseSparkVersion, sparkVersionOf, versionFeatures, SUPPORTED_VERSION_LINES, DEFAULT_SPARK_VERSION, type SparkVersion, type SparkVersionLine, type VersionFeatures } from "./conf/SparkVersion.js";
export { maxExecutorsNeeded, addExecutorsTarget, selectExecutorsToRemove, ALLOCATION_TICK_MS } from "./spark/ExecutorAllocationManager.js";
export { executorDeadline, type TimeoutSettings, type TimeoutReason } from "./spark/executorDeadline.js";
export { Phase } from "./spark/phases.js";
export { ListenerTraceRecorder, type ListenerTraceEvent, type AllocationDecision } from "./spark/ListenerTraceRecorder.js";
export type { Scenario, JobSpec, StageSpec, UnpersistSpec, DurationSpec, ClusterSpec } from "./scenario/Scenario.js";
export { DEFAULT_EXECUTOR_STARTUP_MS } from "./scenario/Scenario.js";
export type { SimulationResult } from "./result/SimulationResult.js";
export type { SimEvent, SimEventType } from "./result/SimEvent.js";
export { Timeline, TIMELINE_COLUMNS, type TimelineColumn, type TimelineRow } from "./result/Timeline.js";
export { TaskRecords } from "./result/TaskRecords.js";
export { EXECUTOR_STATES, type ExecutorState, type ExecutorStateRecord, type TargetDecision, type ModelTrace } from "./result/ModelTrace.js";
export { summarize, type Summary } from "./result/summarize.js";
export { REMOVAL_REASONS, type ExecutorRemovalReason } from "./result/ExecutorRemovalReason.js";
export type { TargetChangeCause } from "./result/SimEvent.js";
export { suggest, editDistance, SHORT_NAMES, CONF_KEYS, type SuggestPolicy } from "./text/didYouMean.js";
export { SIMULATOR_VERSION, RESULT_FORMAT_VERSION } from "./version.js";
