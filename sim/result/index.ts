/**
 * The output contract: what one run produces (a versioned timeline, the events, the summary
 * computed from them, and the opt-in task records and model trace), for reporters that need
 * the result and not the engine. Depends on nothing in `sim/spark`.
 */
export type { SimulationResult } from "./SimulationResult.js";
export type { DecommissionTrigger, SimEvent, SimEventType, TargetChangeCause } from "./SimEvent.js";
export { Timeline, TIMELINE_COLUMNS, COL, type TimelineColumn, type TimelineRow } from "./Timeline.js";
export type { TimelineSums } from "./TimelineSums.js";
export { TaskRecords } from "./TaskRecords.js";
export { TASK_LOCALITIES, TaskLocality, isLocalityAllowed, type TaskLocalityName } from "./TaskLocality.js";
export { EXECUTOR_STATES, type ExecutorState, type ExecutorStateRecord, type TargetDecision, type ModelTrace } from "./ModelTrace.js";
export { REMOVAL_REASONS, type ExecutorRemovalReason } from "./ExecutorRemovalReason.js";
export { summarize, type Summary } from "./summarize.js";
export { forEachEvent, iterateEvents } from "./EventLog.js";
export type { DecommissionSummary } from "./decommissionSummary.js";
export { SIMULATOR_VERSION, RESULT_FORMAT_VERSION } from "../version.js";
