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
export { maxExecutorsNeeded, addExecutorsTarget, selectExecutorsToRemove } from "./spark/ExecutorAllocationManager.js";
export { ALLOCATION_TICK_MS, DEFAULT_STATIC_EXECUTORS, POD_STARTUP_STAGES } from "./sparkConstants.js";
export { executorDeadline, type TimeoutSettings, type TimeoutReason } from "./spark/executorDeadline.js";
export { Phase } from "./spark/phases.js";
export { ListenerTraceRecorder, type ListenerTraceEvent, type AllocationDecision } from "./spark/ListenerTraceRecorder.js";
export { DEFAULT_RESOURCE_PROFILE_ID, ResourceProfile, ResourceProfileManager } from "./conf/ResourceProfile.js";
export type { Scenario, JobSpec, StageSpec, StragglerSpec, UnpersistSpec, DurationSpec, TaskDurationSpec, ClusterSpec, ResourceProfileSpec } from "./scenario/Scenario.js";
export { DEFAULT_EXECUTOR_STARTUP_MS } from "./scenario/Scenario.js";
// The output contract (also its own entry, sim/result/index.ts).
export {
  type SimulationResult,
  type SimEvent,
  type SimEventType,
  type TargetChangeCause,
  Timeline,
  TIMELINE_COLUMNS,
  COL,
  type TimelineColumn,
  type TimelineRow,
  TaskRecords,
  EXECUTOR_STATES,
  type ExecutorState,
  type ExecutorStateRecord,
  type TargetDecision,
  type ModelTrace,
  REMOVAL_REASONS,
  type ExecutorRemovalReason,
  summarize,
  type Summary,
  forEachEvent,
  iterateEvents,
  SIMULATOR_VERSION,
  RESULT_FORMAT_VERSION,
} from "./result/index.js";
export { suggest, editDistance, SHORT_NAMES, CONF_KEYS, type SuggestPolicy } from "./text/didYouMean.js";
// Used by src/ (scenario reading, replay, reports).
export { suggestKey } from "./conf/parseConf.js";
export { CONF_ENTRY_BY_KEY } from "./conf/registry.js";
export { RELEASED_PATCHES, unreleasedPatchError } from "./conf/SparkVersion.js";
export { DOUBLE, INT, MEBIBYTES } from "./conf/syntax.js";
export { BYTE_SUFFIX, parseTimeAs, TIME_SUFFIX_NS } from "./conf/values.js";
export { MAX_EXECUTORS, MAX_TOTAL_TASKS } from "./limits.js";
export type { TaskDurationCache } from "./scenario/durations.js";
export { CLUSTER_MANAGER_KINDS, type ClusterManagerKind, DEFAULT_DECOMMISSION, type DecommissionSpec, DEFAULT_TERMINATION_GRACE_PERIOD_MS, DEFAULT_YARN, EXECUTOR_LOSS_CAUSES, type ExecutorLossCause, type ExecutorLossSpec, type KubernetesSpec, type NodesSpec, type PodStartupSpec, type StandaloneSpec, type YarnSpec } from "./scenario/Scenario.js";
export { executorFootprint, type ExecutorFootprint, executorsPerNode, noFitReason } from "./spark/NodeResources.js";
export { containerArrivalMs } from "./spark/ApplicationMasterAllocationThread.js";
