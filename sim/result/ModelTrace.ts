import type { ExecutorRemovalReason } from "./ExecutorRemovalReason.js";
import type { TargetChangeCause } from "./SimEvent.js";

/**
 * What an executor is doing, for swim-lanes and `explain`. `starting` (requested, not yet
 * registered) comes from the events; the others from the ExecutorMonitor's tracker.
 */
export const EXECUTOR_STATES = ["starting", "busy", "idle", "pinned-shuffle", "pinned-cache", "removing"] as const;
export type ExecutorState = (typeof EXECUTOR_STATES)[number];

/** One registered executor's monitor state from `timeMs` until its next record (or removal). */
export interface ExecutorStateRecord {
  readonly timeMs: number;
  readonly executorId: string;
  readonly state: Exclude<ExecutorState, "starting">;
  /** When it last went idle (absent while a task runs). */
  readonly idleSinceMs?: number;
  /** When its timeout fires (absent when it never does: busy, or an infinite timeout). */
  readonly deadlineMs?: number;
  /** The timeout that sets the deadline (`ExecutorMonitor.Tracker`'s choice). */
  readonly timeoutReason: Exclude<ExecutorRemovalReason, "application-end">;
  /** Shuffles whose map output it holds (shuffle tracking), in id order. */
  readonly shuffleIds: readonly number[];
  /** Whether a running job uses one of those shuffles (then it is never timed out). */
  readonly activeShuffle: boolean;
  /** RDDs with cached blocks on it, in id order, and how many blocks. */
  readonly cachedRddIds: readonly number[];
  readonly cachedBlocks: number;
}

/** The allocation manager's inputs when it moved the target. */
export interface TargetDecision {
  readonly timeMs: number;
  readonly target: number;
  readonly previous: number;
  readonly cause: TargetChangeCause;
  readonly maxNeeded: number;
  readonly pendingTasks: number;
  readonly runningTasks: number;
  /** Registered executors (of the known profile) at the decision. */
  readonly executors: number;
  /** The backlog round's increment (`numExecutorsToAdd`) that was applied (backlog only). */
  readonly toAdd: number;
  /** The profile whose target moved, when not the default (0); the other fields are that profile's. */
  readonly resourceProfileId?: number;
}

/**
 * The model state behind the events (opt-in: `SimulateOptions.recordTrace`): every change of
 * each executor's monitor state, sampled once per instant, the allocation manager's inputs at
 * each target change, and which jobs' lineages hold each shuffle (the ContextCleaner's rule).
 */
export interface ModelTrace {
  readonly executorStates: readonly ExecutorStateRecord[];
  readonly targetDecisions: readonly TargetDecision[];
  /** shuffleId -> job indices whose lineage includes it (cleanable once all have ended). */
  readonly shuffleJobIndices: ReadonlyMap<number, readonly number[]>;
}
