import type { ExecutorStateRecord, ModelTrace, TargetDecision } from "../result/ModelTrace.js";
import type { TargetChangeCause } from "../result/SimEvent.js";
import type { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import type { ExecutorAllocationManager } from "./ExecutorAllocationManager.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import { profileField } from "../conf/ResourceProfile.js";
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
 * Builds the `ModelTrace`: sampled once per instant, after every event at that instant, it
 * takes the monitor's trackers that changed and keeps a record for each whose state differs
 * from the last; at each target change it keeps the allocation manager's inputs.
 */
export class ModelTraceRecorder {
  private readonly states: ExecutorStateRecord[] = [];
  private readonly decisions: TargetDecision[] = [];
  private readonly last = new Map<string, ExecutorStateRecord>();

  /** shuffleId -> the jobs whose lineage includes it (the ContextCleaner's rule). */
  private readonly shuffleJobIndices = new Map<number, number[]>();

  /** @param shufflesByJob for each job index, the shuffle ids in its lineage. */
  constructor(
    shufflesByJob: ReadonlyArray<readonly number[]>,
    private readonly monitor: ExecutorMonitor,
    private readonly eam: ExecutorAllocationManager | undefined,
    private readonly listener: ExecutorAllocationListener,
  ) {
    shufflesByJob.forEach((ids, jobIndex) => {
      for (const id of ids) this.shuffleJobIndices.set(id, [...(this.shuffleJobIndices.get(id) ?? []), jobIndex]);
    });
    monitor.trackChanges();
  }

  /** The trackers that changed at `timeMs` (and are still tracked), recorded in id order. */
  sample(timeMs: number): void {
    const ids: ExecutorTracker[] = [];
    for (const t of this.monitor.takeChanged()) if (this.monitor.isTracked(t.id)) ids.push(t);
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

  /** A profile's target moved (the default profile's unless told): what the allocation manager decided it from. */
  targetChanged(timeMs: number, target: number, previous: number, cause: TargetChangeCause, rpId = 0): void {
    const l = this.listener;
    const other = rpId === 0 ? undefined : l.demandOf(rpId);
    const d: TargetDecision = {
      timeMs,
      target,
      previous,
      cause,
      maxNeeded: this.eam?.maxNeeded(rpId) ?? target,
      pendingTasks: other === undefined ? l.pendingTasks + l.pendingSpeculativeTasks : other.pendingTasks + other.pendingSpeculativeTasks,
      runningTasks: other === undefined ? l.runningTasks : other.runningTasks,
      executors: other === undefined ? this.monitor.executorCountWithKnownProfile : this.monitor.profiles.executorCount(rpId),
      toAdd: this.eam?.toAddPerProfile.get(rpId) ?? 0,
      ...profileField(rpId),
    };
    this.decisions.push(d);
  }

  trace(): ModelTrace {
    return { executorStates: this.states, targetDecisions: this.decisions, shuffleJobIndices: this.shuffleJobIndices };
  }
}
