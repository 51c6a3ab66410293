/** Decoders for SparkListenerTaskStart / SparkListenerTaskEnd and their nested objects. */
import type { EventSource, FinishedTaskInfo, SparkListenerTaskEnd, SparkListenerTaskStart, TaskEndReason, TaskInfo, TaskMetrics } from "./events.js";
import { normalizeExecutorId } from "./events.js";
import { decodeUpdatedBlock } from "./decodeStageInfo.js";
import {
  FieldError,
  type JsonObject,
  objectArray,
  optBoolean,
  optNumber,
  optObject,
  optString,
  reqCount,
  reqNumber,
  reqObject,
  reqString,
} from "./jsonFields.js";

function decodeTaskInfo(o: JsonObject): TaskInfo {
  const p = `"Task Info"`;
  const finish = optNumber(o, "Finish Time");
  return {
    taskId: reqNumber(o, "Task ID", p),
    // The index of the task's partition: it indexes the stage's duration storage.
    index: reqCount(o, "Index", p),
    attempt: optNumber(o, "Attempt") ?? 0,
    launchTimeMs: reqNumber(o, "Launch Time", p),
    // Spark writes 0 while the task runs.
    finishTimeMs: finish === undefined || finish === 0 ? undefined : finish,
    executorId: normalizeExecutorId(reqString(o, "Executor ID", p)),
    host: optString(o, "Host") ?? "",
    locality: optString(o, "Locality"),
    speculative: optBoolean(o, "Speculative") ?? false,
    failed: optBoolean(o, "Failed") ?? false,
    killed: optBoolean(o, "Killed") ?? false,
  };
}

function decodeReason(o: JsonObject | undefined): TaskEndReason {
  // 1.x-4.x always write it; a missing reason is treated as unknown rather than a skipped task.
  if (o === undefined) return { kind: "UnknownReason", sparkReason: "" };
  const reason = optString(o, "Reason") ?? "";
  switch (reason) {
    case "Success":
    case "Resubmitted":
    case "TaskResultLost":
    case "TaskCommitDenied":
      return { kind: reason };
    case "ExecutorLostFailure": {
      const id = optString(o, "Executor ID");
      return {
        kind: reason,
        executorId: id === undefined ? undefined : normalizeExecutorId(id),
        // Spark's JsonProtocol defaults a missing flag to true.
        exitCausedByApp: optBoolean(o, "Exit Caused By App") ?? true,
        lossReason: optString(o, "Loss Reason"),
      };
    }
    case "FetchFailed": {
      const address = optObject(o, "Block Manager Address");
      const id = address === undefined ? undefined : optString(address, "Executor ID");
      return {
        kind: reason,
        executorId: id === undefined ? undefined : normalizeExecutorId(id),
        shuffleId: optNumber(o, "Shuffle ID"),
        message: optString(o, "Message"),
      };
    }
    case "TaskKilled":
      return { kind: reason, killReason: optString(o, "Kill Reason") };
    case "ExceptionFailure":
      return { kind: reason, className: optString(o, "Class Name"), description: optString(o, "Description") };
    default:
      return { kind: "UnknownReason", sparkReason: reason };
  }
}

function decodeMetrics(o: JsonObject): TaskMetrics {
  const p = `"Task Metrics"`;
  const write = optObject(o, "Shuffle Write Metrics");
  const read = optObject(o, "Shuffle Read Metrics");
  const input = optObject(o, "Input Metrics");
  const output = optObject(o, "Output Metrics");
  return {
    executorRunTimeMs: reqNumber(o, "Executor Run Time", p),
    executorDeserializeTimeMs: optNumber(o, "Executor Deserialize Time") ?? 0,
    executorCpuTimeNs: optNumber(o, "Executor CPU Time"),
    jvmGcTimeMs: optNumber(o, "JVM GC Time") ?? 0,
    resultSerializationTimeMs: optNumber(o, "Result Serialization Time") ?? 0,
    peakExecutionMemoryBytes: optNumber(o, "Peak Execution Memory"),
    memoryBytesSpilled: optNumber(o, "Memory Bytes Spilled") ?? 0,
    diskBytesSpilled: optNumber(o, "Disk Bytes Spilled") ?? 0,
    shuffleWrite:
      write === undefined
        ? undefined
        : {
            bytesWritten: optNumber(write, "Shuffle Bytes Written") ?? 0,
            writeTimeNs: optNumber(write, "Shuffle Write Time") ?? 0,
            recordsWritten: optNumber(write, "Shuffle Records Written"),
          },
    shuffleRead:
      read === undefined
        ? undefined
        : {
            remoteBlocksFetched: optNumber(read, "Remote Blocks Fetched") ?? 0,
            localBlocksFetched: optNumber(read, "Local Blocks Fetched") ?? 0,
            remoteBytesRead: optNumber(read, "Remote Bytes Read") ?? 0,
            localBytesRead: optNumber(read, "Local Bytes Read"),
            fetchWaitTimeMs: optNumber(read, "Fetch Wait Time") ?? 0,
            totalRecordsRead: optNumber(read, "Total Records Read"),
          },
    inputBytesRead: input === undefined ? undefined : optNumber(input, "Bytes Read"),
    outputBytesWritten: output === undefined ? undefined : optNumber(output, "Bytes Written"),
    updatedBlocks: objectArray(o, "Updated Blocks").map((b) => decodeUpdatedBlock(b, `${p}."Updated Blocks"[]`)),
  };
}

export function decodeTaskStart(j: JsonObject, at: EventSource): SparkListenerTaskStart {
  return {
    event: "SparkListenerTaskStart",
    part: at.part,
    line: at.line,
    stageId: reqCount(j, "Stage ID"),
    stageAttemptId: optNumber(j, "Stage Attempt ID") ?? 0,
    task: decodeTaskInfo(reqObject(j, "Task Info")),
  };
}

function isFinished(task: TaskInfo): task is FinishedTaskInfo {
  return task.finishTimeMs !== undefined;
}

export function decodeTaskEnd(j: JsonObject, at: EventSource): SparkListenerTaskEnd {
  const info = reqObject(j, "Task Info");
  const task = decodeTaskInfo(info);
  if (!isFinished(task)) {
    throw new FieldError(`"Task Info"."Finish Time"`, info["Finish Time"], "a non-zero number");
  }
  const metrics = optObject(j, "Task Metrics");
  return {
    event: "SparkListenerTaskEnd",
    part: at.part,
    line: at.line,
    stageId: reqCount(j, "Stage ID"),
    stageAttemptId: optNumber(j, "Stage Attempt ID") ?? 0,
    taskType: optString(j, "Task Type") ?? "",
    reason: decodeReason(optObject(j, "Task End Reason")),
    task,
    metrics: metrics === undefined ? undefined : decodeMetrics(metrics),
  };
}
