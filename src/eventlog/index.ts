// Public API of the event-log reading layer.
export { EventLogError, type EventLogErrorKind } from "./EventLogError.js";
export {
  type EventLogCodec,
  type EventLogContainer,
  type EventLogReadReport,
  type EventLogStatus,
  type EventLogWarning,
  type EventLogWarningCode,
  type LinePosition,
  describeCompleteness,
  listWarnings,
} from "./EventLogReadReport.js";
export { sniffCodec } from "./decompressChunks.js";
export type { RawEventRecord } from "./RawEventRecord.js";
export type { JsonObject } from "./jsonFields.js";
export { type EventLogPart, type EventLogSource, type OpenEventLogOptions, openEventLog } from "./openEventLog.js";
export { type EventLogReader, type ReadEventLogOptions, readEventLog } from "./readEventLog.js";
export { MAX_EVENT_LINE_BYTES } from "./LineSplitter.js";
export { type SparkEventReader, type ReadSparkEventsOptions, readSparkEvents } from "./readSparkEvents.js";
export { SPARK_EVENT_NAMES, decodeEvent, type WarningHandler } from "./decodeEvent.js";
export {
  type BlockStatus,
  type EventSource,
  type FinishedTaskInfo,
  type RddInfo,
  type ShuffleReadMetrics,
  type ShuffleWriteMetrics,
  type SparkEvent,
  type SparkEventName,
  type SparkListenerApplicationEnd,
  type SparkListenerApplicationStart,
  type SparkListenerBlockManagerAdded,
  type SparkListenerBlockManagerRemoved,
  type SparkListenerBlockUpdated,
  type SparkListenerEnvironmentUpdate,
  type SparkListenerExecutorAdded,
  type SparkListenerExecutorRemoved,
  type SparkListenerJobEnd,
  type SparkListenerJobStart,
  type SparkListenerLogStart,
  type SparkListenerResourceProfileAdded,
  type SparkListenerStageCompleted,
  type SparkListenerStageSubmitted,
  type SparkListenerTaskEnd,
  type SparkListenerTaskStart,
  type SparkListenerUnpersistRDD,
  type StageInfo,
  type StorageLevel,
  type TaskEndReason,
  type TaskInfo,
  type TaskMetrics,
  isCachedStorageLevel,
  isDriverExecutorId,
  normalizeExecutorId,
} from "./events.js";
export {
  type ExecutorCountPoint,
  type ExecutorRemovalKind,
  type ObservedExecutor,
  type ObservedExecutors,
  ExecutorObserver,
  classifyRemovalReason,
  latestTimestampMs,
  observeExecutors,
} from "./observeExecutors.js";
export { observeEventLog } from "./observeEventLog.js";
