import { DEFAULT_EXECUTOR_STARTUP_MS } from "../../sim/index.js";
import type { ExecutorCountPoint } from "../eventlog/index.js";
import type { ExecutorStartupEstimate } from "./ExtractionNotes.js";
import type { ConfFacts } from "./loggedConf.js";

/** A duration for messages: `12.3 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function medianOfSorted(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * `cluster.executorStartupMs` from the log. The log records when executors registered, never
 * when they were requested (eventlog-format.md §7), so the latency is measured where the
 * request time is known:
 * (a) executors requested at start (DRA's initial count, or static executors): requested at
 *     application start, so the median registration time of the first `initial` of them;
 * (b) DRA starting from zero: the first request goes out one schedulerBacklogTimeout after the
 *     first stage is submitted (spec §6.5), so first ExecutorAdded - (that + the timeout);
 * (c) otherwise nothing was requested that the log shows: the model's default.
 */
export function estimateExecutorStartup(p: {
  readonly facts: ConfFacts;
  /** Registration times of the logged executors (driver excluded), any order. */
  readonly registrationsMs: readonly number[];
  readonly firstStageSubmittedMs: number | undefined;
  readonly localMode: boolean;
}): ExecutorStartupEstimate {
  const regs = [...p.registrationsMs].sort((a, b) => a - b);
  const initial = p.facts.initialExecutors;
  if (!p.localMode && initial > 0 && regs.length > 0) {
    const sample = regs.slice(0, initial);
    const ms = Math.max(0, medianOfSorted(sample));
    const shortfall = sample.length < initial ? ` (only ${sample.length} of the ${initial} registered)` : "";
    return {
      executorStartupMs: ms,
      method: "initial-executors",
      sampleMs: sample,
      description: `executor start-up ${seconds(ms)}: median registration time of the ${initial} executors requested at start${shortfall}`,
    };
  }
  const first = regs[0];
  if (!p.localMode && p.facts.dynamicAllocation && first !== undefined && p.firstStageSubmittedMs !== undefined) {
    const requestedAt = p.firstStageSubmittedMs + p.facts.schedulerBacklogTimeoutMs;
    const ms = Math.max(0, first - requestedAt);
    return {
      executorStartupMs: ms,
      method: "first-request",
      sampleMs: [first, p.firstStageSubmittedMs, p.facts.schedulerBacklogTimeoutMs],
      description:
        `executor start-up ${seconds(ms)}: first executor registered at ${seconds(first)}, ` +
        `first request at ${seconds(requestedAt)} (first stage at ${seconds(p.firstStageSubmittedMs)} + schedulerBacklogTimeout)`,
    };
  }
  const why = p.localMode ? "a local-mode log has no executors" : "the log shows no executor request to measure";
  return {
    executorStartupMs: DEFAULT_EXECUTOR_STARTUP_MS,
    method: "default",
    sampleMs: [],
    description: `executor start-up ${seconds(DEFAULT_EXECUTOR_STARTUP_MS)} (the model's default): ${why}`,
  };
}

/**
 * When the model's driver program would have started in the logged run
 * (`TaskSchedulerImpl.waitBackendReady`, as `SparkApplication` models it): the first moment
 * at least ceil(initial × minRegisteredResourcesRatio) executors were registered, or the
 * waiting time, whichever is first; 0 when nothing is waited for. Never after the first job
 * started (the driver demonstrably ran by then).
 */
export function observedDriverReadyMs(p: {
  readonly facts: ConfFacts;
  /** The logged running-executor count (`ObservedExecutors.timeline`). */
  readonly timeline: readonly ExecutorCountPoint[];
  readonly firstJobStartMs: number | undefined;
  readonly localMode: boolean;
}): number {
  const needed = Math.ceil(p.facts.initialExecutors * p.facts.minRegisteredResourcesRatio);
  // The local backend is ready at once: nothing registers.
  let ready = 0;
  if (!p.localMode && needed > 0) {
    ready = Math.min(firstTimeAlive(p.timeline, needed), p.facts.maxRegisteredResourcesWaitingTimeMs);
  }
  if (p.firstJobStartMs !== undefined) ready = Math.min(ready, Math.max(0, p.firstJobStartMs));
  return Math.max(0, ready);
}

/**
 * First time at least `count` (> 0) executors were alive at once; Infinity if never. The
 * timeline applies the changes of one ms together: Spark counts what is registered after both.
 */
function firstTimeAlive(timeline: readonly ExecutorCountPoint[], count: number): number {
  return timeline.find((p) => p.runningExecutors >= count)?.timeMs ?? Infinity;
}
