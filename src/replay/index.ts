// Public API of event-log replay: a logged workload as a scenario, simulated and compared.
export type {
  DroppedAttempts,
  ExecutorStartupEstimate,
  ExtractionCounts,
  ExtractionNotes,
  StartupMethod,
  TaskTime,
} from "./ExtractionNotes.js";
export { ReplayError } from "./ReplayError.js";
export { type ExtractOptions, type ExtractedWorkload, WorkloadExtractor, extractWorkload, extractWorkloadFromEvents } from "./extractWorkload.js";
export { type ModelVersionChoice, modelSparkVersion } from "./modelSparkVersion.js";
export { type JobSpan, type JobSubmission, jobSubmissions } from "./jobTiming.js";
export { estimateExecutorStartup, observedDriverReadyMs } from "./executorStartup.js";
export { type Compared, type ModelError, type StepSeries, compare, integrateDifference, modelError, timelineError, valueAt } from "./modelError.js";
export { type ReplayOptions, type ReplayResult, observedSeries, replayEventLog, simulatedSeries } from "./replay.js";
export { formatComparison, formatExtractionNotes, formatModelError, formatReplay } from "./formatReplay.js";
export { replayJson, replayTimelineRecords } from "./replayOutputs.js";
export { scenarioJson, scenarioYaml } from "./scenarioYaml.js";
