import type { ExecutorStateRecord, ModelTrace, TargetDecision } from "../result/ModelTrace.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";

const byNumber = (a: number, b: number): number => a - b;

/** An executor's state from its tracker: busy wins, then removal, then what pins it. */
function snapshot(timeMs: number, t: ExecutorTracker): ExecutorStateRecord {
  const shuffleIds = t.shuffleIds === null ? [] : [...t.shuffleIds].sort(byNumber);
  const cachedRddIds = [...t.cachedBlocks.keys()].sort(byNumber);
  let cachedBlocks = 0;
  for (const blocks of t.cachedBlocks.values()) cachedBlocks += blocks.size;
  const idle = t.runningTasks === 0;
  const pinnedByCache = cachedBlocks > 0 && (shuffleIds.length === 0 || t.timeoutReason === "cached-idle-timeout");
  const state = !idle
    ? "busy"
    : t.pendingRemoval
      ? "removing"
      : pinnedByCache
        ? "pinned-cache"
        : shuffleIds.length > 0
          ? "pinned-shuffle"
          : "idle";
  return {
    timeMs,
    executorId: t.id,
    state,
    ...(idle && t.idleStartMs >= 0 ? { idleSinceMs: t.idleStartMs } : {}),
    ...(Number.isFinite(t.timeoutAtMs) && !t.hasActiveShuffle ? { deadlineMs: t.timeoutAtMs } : {}),
    timeoutReason: t.timeoutReason,
    shuffleIds,
    activeShuffle: t.hasActiveShuffle,
    cachedRddIds,
    cachedBlocks,
  };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameState(a: ExecutorStateRecord, b: ExecutorStateRecord): boolean {
  return (
    a.state === b.state &&
    a.idleSinceMs === b.idleSinceMs &&
    a.deadlineMs === b.deadlineMs &&
    a.timeoutReason === b.timeoutReason &&
    a.activeShuffle === b.activeShuffle &&
    a.cachedBlocks === b.cachedBlocks &&
    sameNumbers(a.shuffleIds, b.shuffleIds) &&
    sameNumbers(a.cachedRddIds, b.cachedRddIds)
  );
}

/**
 * Builds the `ModelTrace`: the engine hands it the trackers that changed during an instant,
 * once the instant is over, and it keeps a record for each whose state differs from the last.
 */
export class ModelTraceRecorder {
  private readonly states: ExecutorStateRecord[] = [];
  private readonly decisions: TargetDecision[] = [];
  private readonly last = new Map<string, ExecutorStateRecord>();

  constructor(private readonly shuffleJobIndices: ReadonlyMap<number, readonly number[]>) {}

  /** Trackers that may have changed at `timeMs`, in any order; recorded in id order. */
  sample(timeMs: number, changed: Iterable<ExecutorTracker>, isRemoved: (id: string) => boolean): void {
    const ids: ExecutorTracker[] = [];
    for (const t of changed) if (!isRemoved(t.id)) ids.push(t);
    ids.sort((a, b) => Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const t of ids) {
      const s = snapshot(timeMs, t);
      const prev = this.last.get(t.id);
      if (prev !== undefined && sameState(prev, s)) continue;
      this.last.set(t.id, s);
      this.states.push(s);
    }
  }

  removed(executorId: string): void {
    this.last.delete(executorId);
  }

  targetDecision(d: TargetDecision): void {
    this.decisions.push(d);
  }

  trace(): ModelTrace {
    return { executorStates: this.states, targetDecisions: this.decisions, shuffleJobIndices: this.shuffleJobIndices };
  }
}
