/**
 * Raw event-log record → typed SparkEvent. Unknown events return undefined
 * after one string comparison; a known event lacking a field the replay needs
 * is reported as a `missing-field` warning (with its line) and skipped.
 */
import type { EventLogWarning } from "./EventLogReadReport.js";
import type { RawEventRecord } from "./RawEventRecord.js";
import type { EventSource, SparkEvent, SparkEventName } from "./events.js";
import { normalizeExecutorId } from "./events.js";
import { decodeStageInfo, decodeStorageLevel } from "./decodeStageInfo.js";
import { decodeTaskEnd, decodeTaskStart } from "./decodeTaskEvents.js";
import {
  FieldError,
  isJsonObject,
  type JsonObject,
  numberArray,
  objectArray,
  optNumber,
  optObject,
  optString,
  reqCount,
  reqNumber,
  reqObject,
  reqString,
} from "./jsonFields.js";

export type WarningHandler = (warning: EventLogWarning) => void;

export function decodeEvent(record: RawEventRecord, onWarning?: WarningHandler): SparkEvent | undefined {
  const decode = (DECODERS as ReadonlyMap<string, Decoder>).get(record.eventName);
  if (decode === undefined) return undefined;
  try {
    return decode(record.json, { part: record.part, line: record.line });
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    onWarning?.({
      code: "missing-field",
      part: record.part,
      line: record.line,
      message: `${record.part} line ${record.line}: ${record.eventName} skipped: ${e.message}`,
    });
    return undefined;
  }
}

type Decoder = (j: JsonObject, at: EventSource) => SparkEvent;

/** Values of a JSON object as strings; Spark writes strings, but tolerate numbers and booleans. */
function stringMap(o: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isJsonObject(o)) {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === "string") out.set(k, v);
      else if (typeof v === "number" || typeof v === "boolean") out.set(k, String(v));
    }
  } else if (Array.isArray(o)) {
    // Defensive: some writers emit properties as [key, value] pairs.
    for (const pair of o) {
      if (Array.isArray(pair) && typeof pair[0] === "string" && pair[1] !== undefined) out.set(pair[0], String(pair[1]));
    }
  }
  return out;
}

/** `{"cores": {"Resource Name": "cores", "Amount": 4, ...}, ...}` → name → Amount. */
function resourceAmounts(o: JsonObject | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (o === undefined) return out;
  for (const [name, request] of Object.entries(o)) {
    if (isJsonObject(request)) {
      const amount = optNumber(request, "Amount");
      if (amount !== undefined) out.set(name, amount);
    }
  }
  return out;
}

const DECODERS: ReadonlyMap<SparkEventName, Decoder> = new Map<SparkEventName, Decoder>([
  [
    "SparkListenerLogStart",
    (j, at) => ({ event: "SparkListenerLogStart", ...at, sparkVersion: reqString(j, "Spark Version") }),
  ],
  [
    "SparkListenerApplicationStart",
    (j, at) => {
      const attempt = j["App Attempt ID"];
      return {
        event: "SparkListenerApplicationStart",
        ...at,
        appName: optString(j, "App Name") ?? "",
        appId: optString(j, "App ID"),
        appAttemptId: typeof attempt === "number" ? String(attempt) : optString(j, "App Attempt ID"),
        timestampMs: reqNumber(j, "Timestamp"),
        user: optString(j, "User"),
      };
    },
  ],
  [
    "SparkListenerApplicationEnd",
    (j, at) => ({
      event: "SparkListenerApplicationEnd",
      ...at,
      timestampMs: reqNumber(j, "Timestamp"),
      exitCode: optNumber(j, "ExitCode"),
    }),
  ],
  [
    "SparkListenerEnvironmentUpdate",
    (j, at) => {
      const props = j["Spark Properties"];
      if (!isJsonObject(props) && !Array.isArray(props)) throw new FieldError(`"Spark Properties"`, props, "an object");
      return { event: "SparkListenerEnvironmentUpdate", ...at, sparkProperties: stringMap(props) };
    },
  ],
  [
    "SparkListenerResourceProfileAdded",
    (j, at) => ({
      event: "SparkListenerResourceProfileAdded",
      ...at,
      resourceProfileId: reqNumber(j, "Resource Profile Id"),
      executorResources: resourceAmounts(optObject(j, "Executor Resource Requests")),
      taskResources: resourceAmounts(optObject(j, "Task Resource Requests")),
    }),
  ],
  [
    "SparkListenerExecutorAdded",
    (j, at) => {
      const info = reqObject(j, "Executor Info");
      const attributes = optObject(info, "Attributes");
      return {
        event: "SparkListenerExecutorAdded",
        ...at,
        timestampMs: reqNumber(j, "Timestamp"),
        executorId: normalizeExecutorId(reqString(j, "Executor ID")),
        host: reqString(info, "Host", `"Executor Info"`),
        // Becomes spark.executor.cores when the conf has none.
        totalCores: reqCount(info, "Total Cores", `"Executor Info"`),
        resourceProfileId: optNumber(info, "Resource Profile Id") ?? 0,
        registrationTimeMs: optNumber(info, "Registration Time"),
        containerId: attributes === undefined ? undefined : optString(attributes, "CONTAINER_ID"),
      };
    },
  ],
  [
    "SparkListenerExecutorRemoved",
    (j, at) => ({
      event: "SparkListenerExecutorRemoved",
      ...at,
      timestampMs: reqNumber(j, "Timestamp"),
      executorId: normalizeExecutorId(reqString(j, "Executor ID")),
      reason: optString(j, "Removed Reason") ?? "",
    }),
  ],
  [
    "SparkListenerBlockManagerAdded",
    (j, at) => {
      const id = reqObject(j, "Block Manager ID");
      return {
        event: "SparkListenerBlockManagerAdded",
        ...at,
        timestampMs: optNumber(j, "Timestamp"),
        executorId: normalizeExecutorId(reqString(id, "Executor ID", `"Block Manager ID"`)),
        host: optString(id, "Host") ?? "",
        maxMemoryBytes: reqNumber(j, "Maximum Memory"),
        maxOnHeapMemoryBytes: optNumber(j, "Maximum Onheap Memory"),
        maxOffHeapMemoryBytes: optNumber(j, "Maximum Offheap Memory"),
      };
    },
  ],
  [
    "SparkListenerBlockManagerRemoved",
    (j, at) => ({
      event: "SparkListenerBlockManagerRemoved",
      ...at,
      timestampMs: optNumber(j, "Timestamp"),
      executorId: normalizeExecutorId(reqString(reqObject(j, "Block Manager ID"), "Executor ID", `"Block Manager ID"`)),
    }),
  ],
  [
    "SparkListenerJobStart",
    (j, at) => {
      const props = optObject(j, "Properties") ?? {};
      return {
        event: "SparkListenerJobStart",
        ...at,
        jobId: reqNumber(j, "Job ID"),
        submissionTimeMs: optNumber(j, "Submission Time"),
        stageIds: numberArray(j, "Stage IDs"),
        stageInfos: objectArray(j, "Stage Infos").map((s) => decodeStageInfo(s, `"Stage Infos"[]`)),
        jobDescription: optString(props, "spark.job.description"),
        jobGroupId: optString(props, "spark.jobGroup.id"),
        sqlExecutionId: optString(props, "spark.sql.execution.id"),
      };
    },
  ],
  [
    "SparkListenerJobEnd",
    (j, at) => ({
      event: "SparkListenerJobEnd",
      ...at,
      jobId: reqNumber(j, "Job ID"),
      completionTimeMs: optNumber(j, "Completion Time"),
      result: optString(optObject(j, "Job Result") ?? {}, "Result") ?? "",
    }),
  ],
  [
    "SparkListenerStageSubmitted",
    (j, at) => ({
      event: "SparkListenerStageSubmitted",
      ...at,
      stageInfo: decodeStageInfo(reqObject(j, "Stage Info"), `"Stage Info"`),
    }),
  ],
  [
    "SparkListenerStageCompleted",
    (j, at) => ({
      event: "SparkListenerStageCompleted",
      ...at,
      stageInfo: decodeStageInfo(reqObject(j, "Stage Info"), `"Stage Info"`),
    }),
  ],
  ["SparkListenerTaskStart", decodeTaskStart],
  ["SparkListenerTaskEnd", decodeTaskEnd],
  [
    "SparkListenerUnpersistRDD",
    (j, at) => ({ event: "SparkListenerUnpersistRDD", ...at, rddId: reqNumber(j, "RDD ID") }),
  ],
  [
    "SparkListenerBlockUpdated",
    (j, at) => {
      // JsonProtocol.blockUpdateToJson: {"Block Updated Info": {"Block Manager ID", "Block ID", "Storage Level", "Memory Size", "Disk Size"}}
      const p = `"Block Updated Info"`;
      const info = reqObject(j, "Block Updated Info");
      const id = reqObject(info, "Block Manager ID", p);
      return {
        event: "SparkListenerBlockUpdated",
        ...at,
        executorId: normalizeExecutorId(reqString(id, "Executor ID", `${p}."Block Manager ID"`)),
        host: optString(id, "Host") ?? "",
        block: {
          blockId: reqString(info, "Block ID", p),
          storageLevel: decodeStorageLevel(optObject(info, "Storage Level")),
          memorySizeBytes: optNumber(info, "Memory Size") ?? 0,
          diskSizeBytes: optNumber(info, "Disk Size") ?? 0,
        },
      };
    },
  ],
]);

/** Names of the decoded events; pass to `readEventLog({ eventNames })` to skip the rest unparsed. */
export const SPARK_EVENT_NAMES: ReadonlySet<SparkEventName> = new Set(DECODERS.keys());
