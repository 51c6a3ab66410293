import type { ExecutorRemovalReason, SimEvent } from "../../sim/result/index.js";

/** One executor from request to removal, read from the events. */
export interface ExecutorLife {
  readonly executorId: string;
  requestedMs: number | undefined;
  cancelledMs: number | undefined;
  addedMs: number | undefined;
  removedMs: number | undefined;
  reason: ExecutorRemovalReason | undefined;
  /** When it last went idle before a timeout removal (the event's `idleSinceMs`). */
  idleSinceMs: number | undefined;
}

/** Every executor the events mention, in id order (numeric ids numerically). */
export function executorLives(events: readonly SimEvent[]): ExecutorLife[] {
  const lives = new Map<string, ExecutorLife>();
  const life = (id: string): ExecutorLife => {
    let l = lives.get(id);
    if (l === undefined) {
      l = { executorId: id, requestedMs: undefined, cancelledMs: undefined, addedMs: undefined, removedMs: undefined, reason: undefined, idleSinceMs: undefined };
      lives.set(id, l);
    }
    return l;
  };
  for (const e of events) {
    switch (e.type) {
      case "executorRequested":
        life(e.executorId).requestedMs = e.timeMs;
        break;
      case "executorRequestCancelled":
        life(e.executorId).cancelledMs = e.timeMs;
        break;
      case "executorAdded":
        life(e.executorId).addedMs = e.timeMs;
        break;
      case "executorRemoved": {
        const l = life(e.executorId);
        l.removedMs = e.timeMs;
        l.reason = e.reason;
        l.idleSinceMs = e.idleSinceMs;
        break;
      }
      default:
        break;
    }
  }
  return [...lives.values()].sort((a, b) => compareExecutorIds(a.executorId, b.executorId));
}

export function compareExecutorIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
