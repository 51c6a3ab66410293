import { DEFAULT_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";
import type { ExecutorLossCause } from "../scenario/Scenario.js";
import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { SparkListenerExecutorAdded, SparkListenerExecutorRemoved } from "./SparkListener.js";
import type { Writable } from "./Writable.js";

// The records and bus events of an executor's registration and removal, written field by field
// in the order the events log shows them: spreading an empty object for each absent field was a
// good part of an executor's start and end at tens of thousands of executors.

type ExecutorRemovedRecord = Writable<Extract<SimEvent, { type: "executorRemoved" }>>;

/** The `executorAdded` record; `resourceProfileId` only for a profile other than the default. */
export function executorAddedRecord(executorId: string, timeMs: number, resourceProfileId: number): SimEvent {
  return resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID ? { timeMs, type: "executorAdded", executorId } : { timeMs, type: "executorAdded", executorId, resourceProfileId };
}

/** The `executorRequested` record, as `executorAddedRecord` (no spread of a profile field per request). */
export function executorRequestedRecord(executorId: string, timeMs: number, resourceProfileId: number): SimEvent {
  return resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID ? { timeMs, type: "executorRequested", executorId } : { timeMs, type: "executorRequested", executorId, resourceProfileId };
}

/** The bus's ExecutorAdded, as the record. */
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

/** The bus's ExecutorRemoved. */
export function executorRemovedEvent(executorId: string, timeMs: number, reason: ExecutorRemovalReason, decommissionFinished: boolean): SparkListenerExecutorRemoved {
  return decommissionFinished ? { executorId, timeMs, reason, decommissionFinished: true } : { executorId, timeMs, reason };
}
