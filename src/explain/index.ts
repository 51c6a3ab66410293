/** `dra-sim explain`: why an executor was alive or removed, and why the target had its value, from the events and the model trace. */
export { explainExecutor, explainContext, knownExecutorIds, type ExplainContext, type ExecutorExplanation, type ExecutorStatus } from "./explainExecutor.js";
export { explainTarget, type TargetExplanation } from "./explainTarget.js";
export { executorLives, compareExecutorIds, type ExecutorLife } from "./executorLives.js";
export { shuffleFacts, type ShuffleFacts, type ShuffleJob } from "./shuffleFacts.js";
export { formatClock, parseInstant, safeParseInstant } from "../report/clock.js";
export { timelineRowAt } from "./timelineAt.js";
