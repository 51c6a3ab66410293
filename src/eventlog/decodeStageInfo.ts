/**
 * Decoders for the structures shared by several events: Stage Info, RDD Info,
 * Storage Level and block statuses, tolerant of the 1.2-4.1 variants listed in
 * `shared/spec/eventlog-format.md` section 5.
 */
import type { BlockStatus, RddInfo, StageInfo, StorageLevel } from "./events.js";
import {
  type JsonObject,
  numberArray,
  objectArray,
  optBoolean,
  optNumber,
  optObject,
  optString,
  reqCount,
  reqObject,
  reqString,
} from "./jsonFields.js";

const NOT_STORED: StorageLevel = Object.freeze({
  useDisk: false,
  useMemory: false,
  useOffHeap: false,
  deserialized: false,
  replication: 1,
});

/** `Storage Level`; the third flag was `Use Tachyon` (1.2), `Use ExternalBlockStore` (1.4-1.6), `Use Off Heap` (3.4+). */
export function decodeStorageLevel(o: JsonObject | undefined): StorageLevel {
  if (o === undefined) return NOT_STORED;
  const useDisk = optBoolean(o, "Use Disk") ?? false;
  const useMemory = optBoolean(o, "Use Memory") ?? false;
  const useOffHeap =
    optBoolean(o, "Use Off Heap") ?? optBoolean(o, "Use ExternalBlockStore") ?? optBoolean(o, "Use Tachyon") ?? false;
  const deserialized = optBoolean(o, "Deserialized") ?? false;
  const replication = optNumber(o, "Replication") ?? 1;
  if (!useDisk && !useMemory && !useOffHeap && !deserialized && replication === 1) return NOT_STORED;
  return { useDisk, useMemory, useOffHeap, deserialized, replication };
}

function decodeRddInfo(o: JsonObject, parent: string): RddInfo {
  return {
    rddId: reqCount(o, "RDD ID", parent),
    name: optString(o, "Name") ?? "",
    storageLevel: decodeStorageLevel(optObject(o, "Storage Level")),
    numPartitions: optNumber(o, "Number of Partitions") ?? 0,
    numCachedPartitions: optNumber(o, "Number of Cached Partitions") ?? 0,
    memorySizeBytes: optNumber(o, "Memory Size") ?? 0,
    diskSizeBytes: optNumber(o, "Disk Size") ?? 0,
  };
}

/** A `Stage Info` object (StageSubmitted, StageCompleted, or one of JobStart's `Stage Infos`). */
export function decodeStageInfo(o: JsonObject, parent: string): StageInfo {
  return {
    // Ids and the task count become scenario stage ids and per-task storage: whole numbers only.
    stageId: reqCount(o, "Stage ID", parent),
    stageAttemptId: optNumber(o, "Stage Attempt ID") ?? 0,
    name: optString(o, "Stage Name") ?? "",
    numTasks: reqCount(o, "Number of Tasks", parent),
    parentIds: numberArray(o, "Parent IDs", parent),
    submissionTimeMs: optNumber(o, "Submission Time"),
    completionTimeMs: optNumber(o, "Completion Time"),
    failureReason: optString(o, "Failure Reason"),
    resourceProfileId: optNumber(o, "Resource Profile Id") ?? 0,
    rddInfos: objectArray(o, "RDD Info").map((r) => decodeRddInfo(r, `${parent}."RDD Info"[]`)),
  };
}

/** `{"Block ID": ..., "Status": {"Storage Level", "Memory Size", "Disk Size"}}` from TaskEnd `Updated Blocks`. */
export function decodeUpdatedBlock(o: JsonObject, parent: string): BlockStatus {
  const status = reqObject(o, "Status", parent);
  return {
    blockId: reqString(o, "Block ID", parent),
    storageLevel: decodeStorageLevel(optObject(status, "Storage Level")),
    memorySizeBytes: optNumber(status, "Memory Size") ?? 0,
    diskSizeBytes: optNumber(status, "Disk Size") ?? 0,
  };
}
