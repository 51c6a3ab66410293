// Builds a large Spark event log from a real one: the source's header events once
// (LogStart, ApplicationStart, EnvironmentUpdate, ResourceProfileAdded), then its other
// events repeated until the size is reached, each copy with job, stage, RDD, task, SQL
// execution and executor ids and every timestamp shifted past the previous copy (an
// application that ran the logged workload again and again on fresh executors), then the
// ApplicationEnd. Anyone with the public log (see bench/README or the replay bench's
// output) rebuilds the same file.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";

const HEADER = new Set(["SparkListenerLogStart", "SparkListenerApplicationStart", "SparkListenerEnvironmentUpdate", "SparkListenerResourceProfileAdded"]);
const TIME_KEYS = new Set(["Submission Time", "Completion Time", "Launch Time", "Finish Time", "Getting Result Time", "Timestamp", "time"]);
const ID_KEYS = { "Job ID": "job", "Stage ID": "stage", "Stage IDs": "stage", "RDD ID": "rdd", "Task ID": "task", executionId: "sql", "Executor ID": "executor" };

/** A copy of `value` with ids and times shifted by `shift` (ids by kind, times in ms). */
function shifted(value, shift, inRddInfo = false) {
  if (Array.isArray(value)) return value.map((v) => shifted(v, shift, inRddInfo));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const kind = k === "Parent IDs" ? (inRddInfo ? "rdd" : "stage") : ID_KEYS[k];
    if (kind !== undefined) out[k] = shiftId(v, shift[kind]);
    else if (TIME_KEYS.has(k) && typeof v === "number" && v > 0) out[k] = v + shift.timeMs;
    else out[k] = shifted(v, shift, inRddInfo || k === "RDD Info");
  }
  return out;
}

function shiftId(v, by) {
  if (Array.isArray(v)) return v.map((x) => shiftId(x, by));
  if (typeof v === "number") return v + by;
  if (typeof v === "string" && /^\d+$/.test(v)) return String(Number(v) + by);
  return v; // "driver"
}

/** The largest id of each kind and the time span of the source's repeated part. */
function extent(events) {
  const max = { job: 0, stage: 0, rdd: 0, task: 0, sql: 0, executor: 0 };
  let first = Infinity;
  let last = -Infinity;
  const visit = (value, inRddInfo) => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, inRddInfo));
    if (value === null || typeof value !== "object") return;
    for (const [k, v] of Object.entries(value)) {
      const kind = k === "Parent IDs" ? (inRddInfo ? "rdd" : "stage") : ID_KEYS[k];
      if (kind !== undefined) for (const x of [v].flat()) if (/^\d+$/.test(String(x))) max[kind] = Math.max(max[kind], Number(x));
      if (TIME_KEYS.has(k) && typeof v === "number" && v > 0) {
        first = Math.min(first, v);
        last = Math.max(last, v);
      }
      visit(v, inRddInfo || k === "RDD Info");
    }
  };
  events.forEach((e) => visit(e, false));
  return { max, spanMs: Number.isFinite(first) ? last - first : 0 };
}

/** Writes the big log to `outPath`; returns the number of copies of the workload. */
export async function buildBigEventLog(sourcePath, outPath, targetBytes) {
  const header = [];
  const body = [];
  let end;
  for await (const line of createInterface({ input: createReadStream(sourcePath), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    const e = JSON.parse(line);
    if (HEADER.has(e.Event)) header.push(e);
    else if (e.Event === "SparkListenerApplicationEnd") end = e;
    else body.push(e);
  }
  const { max, spanMs } = extent(body);
  const out = createWriteStream(outPath);
  let bytes = 0;
  const write = async (e) => {
    const text = JSON.stringify(e) + "\n";
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  for (const e of header) await write(e);
  let copies = 0;
  const shiftFor = (n) => ({
    timeMs: n * (spanMs + 60_000),
    job: n * (max.job + 1),
    stage: n * (max.stage + 1),
    rdd: n * (max.rdd + 1),
    task: n * (max.task + 1),
    sql: n * (max.sql + 1),
    executor: n * (max.executor + 1),
  });
  while (bytes < targetBytes) {
    const shift = shiftFor(copies);
    for (const e of body) await write(shifted(e, shift));
    copies++;
  }
  if (end !== undefined) await write(shifted(end, shiftFor(copies - 1)));
  out.end();
  await once(out, "finish");
  return copies;
}
