/**
 * TaskStart and TaskEnd lines decoded straight from their text, without `JSON.parse`, when a
 * line has exactly the shape Spark's JsonProtocol writes (1.2-4.1: "Partition ID" from 3.3,
 * "Killed" from 2.0; a TaskEnd cut before its accumulator updates, `WORKLOAD_UNREAD_FIELDS`,
 * with a "Success" reason). They are most of a log's events, and parsing them into objects
 * only to copy ten fields out was most of what reading cost after the cuts
 * (bench/measures/replay.mjs).
 *
 * A match is the line's JSON with nothing else in it: every string is plain (no escape, no
 * control character), every number a JSON integer, the keys in Spark's order with none added.
 * Such a line parses, and `decodeTaskStart`/`decodeTaskEnd` of the parsed line gives the
 * event returned here (test/eventlog/decodeTaskLines.test.ts checks both on generated lines).
 * Anything else, including a value the decoders would refuse (an index past a Java int), is
 * undefined: the line is then parsed and decoded as any other, with the same warnings.
 */
import type { EventSource, FinishedTaskInfo, SparkListenerTaskEnd, SparkListenerTaskStart, TaskInfo } from "./events.js";
import { normalizeExecutorId } from "./events.js";

/** A JSON integer of at most 16 digits (a finite double; larger ones are left to the parser). */
const UINT = String.raw`(0|[1-9]\d{0,15})`;
const INT = String.raw`-?(?:0|[1-9]\d{0,15})`;
/** A JSON string without escapes or control characters: its text is its value. */
const STR = String.raw`"([^"\\\x00-\x1f]*)"`;
const BOOL = "(true|false)";

/** `"Task Info"`'s fields up to "Killed" (its accumulator updates follow), 11 groups. */
const TASK_INFO =
  String.raw`"Task Info":\{"Task ID":${UINT},"Index":${UINT},"Attempt":${UINT},(?:"Partition ID":${INT},)?` +
  `"Launch Time":${UINT},"Executor ID":${STR},"Host":${STR},"Locality":${STR},"Speculative":${BOOL},` +
  `"Getting Result Time":${INT},"Finish Time":${UINT},"Failed":${BOOL}(?:,"Killed":${BOOL})?`;

const TASK_START = new RegExp(String.raw`^\{"Event":"SparkListenerTaskStart","Stage ID":${UINT},"Stage Attempt ID":${UINT},${TASK_INFO},"Accumulables":\[\]\}\}$`);
/** As the reader cuts it: closed right before the accumulator updates. */
const TASK_END = new RegExp(
  String.raw`^\{"Event":"SparkListenerTaskEnd","Stage ID":${UINT},"Stage Attempt ID":${UINT},"Task Type":${STR},"Task End Reason":\{"Reason":"Success"\},${TASK_INFO}\}\}$`,
);

/** Java's Integer.MAX_VALUE: `reqCount`'s limit for stage ids and task indices. */
const JAVA_INT_MAX = 2 ** 31 - 1;

/** The task info from `m`'s groups from `g` on (11 of them), or undefined when a decoder would refuse it. */
function taskInfo(m: RegExpExecArray, g: number): TaskInfo | undefined {
  const index = Number(m[g + 1]);
  if (index > JAVA_INT_MAX) return undefined;
  const finish = Number(m[g + 8]);
  return {
    taskId: Number(m[g]),
    index,
    attempt: Number(m[g + 2]),
    launchTimeMs: Number(m[g + 3]),
    finishTimeMs: finish === 0 ? undefined : finish,
    executorId: normalizeExecutorId(m[g + 4]!),
    host: m[g + 5]!,
    locality: m[g + 6]!,
    speculative: m[g + 7] === "true",
    failed: m[g + 9] === "true",
    killed: m[g + 10] === "true",
  };
}

function isFinished(task: TaskInfo): task is FinishedTaskInfo {
  return task.finishTimeMs !== undefined;
}

/** `decodeTaskStart` of the parsed line, or undefined: parse it. */
export function decodeTaskStartLine(text: string, at: EventSource): SparkListenerTaskStart | undefined {
  const m = TASK_START.exec(text);
  if (m === null) return undefined;
  const stageId = Number(m[1]);
  const task = taskInfo(m, 3);
  if (stageId > JAVA_INT_MAX || task === undefined) return undefined;
  return { event: "SparkListenerTaskStart", part: at.part, line: at.line, stageId, stageAttemptId: Number(m[2]), task };
}

/** `decodeTaskEnd` of the parsed line cut before its accumulator updates, or undefined: parse it. */
export function decodeTaskEndLine(text: string, at: EventSource): SparkListenerTaskEnd | undefined {
  const m = TASK_END.exec(text);
  if (m === null) return undefined;
  const stageId = Number(m[1]);
  const task = taskInfo(m, 4);
  // A TaskEnd without a finish time is refused by the decoder (with its warning).
  if (stageId > JAVA_INT_MAX || task === undefined || !isFinished(task)) return undefined;
  return {
    event: "SparkListenerTaskEnd",
    part: at.part,
    line: at.line,
    stageId,
    stageAttemptId: Number(m[2]),
    taskType: m[3]!,
    reason: { kind: "Success" },
    task,
    metrics: undefined,
  };
}
