import { DEFAULT_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";
import type { ExecutorLossCause } from "../scenario/Scenario.js";
import type { EventLog } from "../result/EventLog.js";
import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { SparkListenerExecutorAdded, SparkListenerExecutorRemoved } from "./SparkListener.js";
import type { Writable } from "./Writable.js";

// The records and bus events of an executor's registration and removal, written field by field
// in the order the events log shows them: spreading an empty object for each absent field was a
// good part of an executor's start and end at tens of thousands of executors.

type ExecutorRemovedRecord = Writable<Extract<SimEvent, { type: "executorRemoved" }>>;

/** The bus's ExecutorAdded (`resourceProfileId` only for a profile other than the default). */
export function executorAddedEvent(executorId: string, timeMs: number, resourceProfileId: number): SparkListenerExecutorAdded {
  return resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID ? { executorId, timeMs } : { executorId, timeMs, resourceProfileId };
}

/**
 * The `executorRemoved` record: the idle start only when known, the kill time only when before
 * the removal, the decommission fields only for a decommissioned executor.
 */
export function executorRemovedRecord(
  executorId: string,
  timeMs: number,
  reason: ExecutorRemovalReason,
  idleSinceMs: number | undefined,
  killedAtMs: number | undefined,
  cause: ExecutorLossCause | undefined,
  decommissionedAtMs: number | undefined,
  finished: boolean,
): SimEvent {
  const idle = idleSinceMs !== undefined && idleSinceMs >= 0;
  const killed = killedAtMs !== undefined && killedAtMs < timeMs;
  // A kill's removal (most removals): one literal with every field, no property added later (each
  // added property gave the record, kept to the end of the run, a second object to hold them).
  if (idle && cause === undefined && decommissionedAtMs === undefined) {
    return killed ? { timeMs, type: "executorRemoved", executorId, reason, idleSinceMs, killedAtMs } : { timeMs, type: "executorRemoved", executorId, reason, idleSinceMs };
  }
  const e: ExecutorRemovedRecord = { timeMs, type: "executorRemoved", executorId, reason };
  if (idle) e.idleSinceMs = idleSinceMs;
  if (killed) e.killedAtMs = killedAtMs;
  if (cause !== undefined) e.cause = cause;
  if (decommissionedAtMs !== undefined) {
    e.decommissionedAtMs = decommissionedAtMs;
    e.decommission = finished ? "finished" : "unfinished";
  }
  return e;
}

/**
 * Records an executor's removal: a kill's or an application end's (no loss cause, not
 * decommissioned) as a row of the log, any other as `executorRemovedRecord`'s object.
 */
export function recordExecutorRemoved(
  log: EventLog,
  executorId: string,
  timeMs: number,
  reason: ExecutorRemovalReason,
  idleSinceMs: number | undefined,
  killedAtMs: number | undefined,
  cause: ExecutorLossCause | undefined,
  decommissionedAtMs: number | undefined,
  finished: boolean,
): void {
  if (cause === undefined && decommissionedAtMs === undefined) {
    const idle = idleSinceMs !== undefined && idleSinceMs >= 0 ? idleSinceMs : NaN;
    log.executorRemoved(executorId, timeMs, reason, idle, killedAtMs !== undefined && killedAtMs < timeMs ? killedAtMs : NaN);
  } else log.record(executorRemovedRecord(executorId, timeMs, reason, idleSinceMs, killedAtMs, cause, decommissionedAtMs, finished));
}

/** The bus's ExecutorRemoved. */
export function executorRemovedEvent(executorId: string, timeMs: number, reason: ExecutorRemovalReason, decommissionFinished: boolean): SparkListenerExecutorRemoved {
  return decommissionFinished ? { executorId, timeMs, reason, decommissionFinished: true } : { executorId, timeMs, reason };
}
