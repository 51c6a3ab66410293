// Event-log read throughput on a large synthetic log, on the compiled output:
//   npm run build && node bench/eventlog-read.mjs [--size-mb 200] [--keep]
// Generates a ~200 MB Spark 3.x event log (TaskStart/TaskEnd lines shaped like a real EMR
// 3.3 log) in a temp dir, then times each reader in its own child process (so each peak RSS
// is its own) and prints MB/s and peak RSS. Numbers only; no asserts.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import * as zlib from "node:zlib";

const SELF = fileURLToPath(import.meta.url);
const DIST = new URL("../dist/src/", import.meta.url);

// ---- the synthetic log ------------------------------------------------------------------

const T0 = 1724884673574;
const HOST = "ip-127-12-56-34.us-west-2.compute.internal";
const ACC = (id, name, v) => ({ ID: id, Name: name, Update: v, Value: v, Internal: true, "Count Failed Values": true });

/** A TaskStart and TaskEnd pair shaped like spark-rapids-tools/join_agg_on_yarn_eventlog (Spark 3.3, EMR). */
function taskLines(stageId, taskId, index, executorId, launch, finish) {
  const info = {
    "Task ID": taskId, Index: index, Attempt: 0, "Partition ID": index, "Launch Time": launch, "Executor ID": executorId, Host: HOST,
    Locality: "PROCESS_LOCAL", Speculative: false, "Getting Result Time": 0, "Finish Time": 0, Failed: false, Killed: false, Accumulables: [],
  };
  const run = finish - launch;
  const start = { Event: "SparkListenerTaskStart", "Stage ID": stageId, "Stage Attempt ID": 0, "Task Info": info };
  const end = {
    Event: "SparkListenerTaskEnd", "Stage ID": stageId, "Stage Attempt ID": 0, "Task Type": "ShuffleMapTask", "Task End Reason": { Reason: "Success" },
    "Task Info": {
      ...info, "Finish Time": finish,
      Accumulables: [
        ACC(1, "internal.metrics.executorDeserializeTime", 1257), ACC(2, "internal.metrics.executorDeserializeCpuTime", 730632427),
        ACC(3, "internal.metrics.executorRunTime", run), ACC(4, "internal.metrics.executorCpuTime", 287885431),
        ACC(5, "internal.metrics.resultSize", 1925), ACC(6, "internal.metrics.jvmGCTime", 263), ACC(7, "internal.metrics.resultSerializationTime", 2),
        ACC(8, "internal.metrics.shuffle.write.bytesWritten", 8490586), ACC(9, "internal.metrics.shuffle.write.recordsWritten", 1666666),
      ],
    },
    "Task Executor Metrics": Object.fromEntries(
      ["JVMHeapMemory", "JVMOffHeapMemory", "OnHeapExecutionMemory", "OffHeapExecutionMemory", "OnHeapStorageMemory", "OffHeapStorageMemory",
        "OnHeapUnifiedMemory", "OffHeapUnifiedMemory", "DirectPoolMemory", "MappedPoolMemory", "ProcessTreeJVMVMemory", "ProcessTreeJVMRSSMemory",
        "ProcessTreePythonVMemory", "ProcessTreePythonRSSMemory", "ProcessTreeOtherVMemory", "ProcessTreeOtherRSSMemory", "MinorGCCount",
        "MinorGCTime", "MajorGCCount", "MajorGCTime", "TotalGCTime"].map((k) => [k, 0]),
    ),
    "Task Metrics": {
      "Executor Deserialize Time": 1257, "Executor Deserialize CPU Time": 730632427, "Executor Run Time": run, "Executor CPU Time": 287885431,
      "Peak Execution Memory": 0, "Result Size": 1925, "JVM GC Time": 263, "Result Serialization Time": 2, "Memory Bytes Spilled": 0, "Disk Bytes Spilled": 0,
      "Shuffle Read Metrics": { "Remote Blocks Fetched": 0, "Local Blocks Fetched": 0, "Fetch Wait Time": 0, "Remote Bytes Read": 0, "Remote Bytes Read To Disk": 0, "Local Bytes Read": 0, "Total Records Read": 0 },
      "Shuffle Write Metrics": { "Shuffle Bytes Written": 8490586, "Shuffle Write Time": 83536796, "Shuffle Records Written": 1666666 },
      "Input Metrics": { "Bytes Read": 0, "Records Read": 0 }, "Output Metrics": { "Bytes Written": 0, "Records Written": 0 }, "Updated Blocks": [],
    },
  };
  return JSON.stringify(start) + "\n" + JSON.stringify(end) + "\n";
}

function stageInfo(stageId, tasks, submitted, completed) {
  return {
    "Stage ID": stageId, "Stage Attempt ID": 0, "Stage Name": `map at <console>:${stageId}`, "Number of Tasks": tasks,
    "RDD Info": [{ "RDD ID": stageId, Name: "MapPartitionsRDD", "Parent IDs": [], "Storage Level": { "Use Disk": false, "Use Memory": false, Deserialized: false, Replication: 1 }, "Number of Partitions": tasks, "Number of Cached Partitions": 0, "Memory Size": 0, "Disk Size": 0 }],
    "Parent IDs": [], Details: "", "Submission Time": submitted, ...(completed === undefined ? {} : { "Completion Time": completed }), Accumulables: [], "Resource Profile Id": 0,
  };
}

async function generate(path, targetBytes) {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  const line = (o) => write(JSON.stringify(o) + "\n");
  await line({ Event: "SparkListenerLogStart", "Spark Version": "3.3.0-amzn-0" });
  await line({ Event: "SparkListenerApplicationStart", "App Name": "bench", "App ID": "application_1_0001", Timestamp: T0, User: "bench" });
  await line({ Event: "SparkListenerEnvironmentUpdate", "Spark Properties": { "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true", "spark.executor.cores": "4" } });
  const executors = 50;
  for (let e = 1; e <= executors; e++) {
    await line({ Event: "SparkListenerExecutorAdded", Timestamp: T0 + 5000 + e, "Executor ID": String(e), "Executor Info": { Host: HOST, "Total Cores": 4, "Resource Profile Id": 0 } });
  }
  const TASKS_PER_STAGE = 2000;
  let taskId = 0;
  let t = T0 + 10_000;
  for (let stageId = 0; bytes < targetBytes; stageId++) {
    await line({ Event: "SparkListenerJobStart", "Job ID": stageId, "Submission Time": t, "Stage Infos": [stageInfo(stageId, TASKS_PER_STAGE, undefined)], "Stage IDs": [stageId] });
    await line({ Event: "SparkListenerStageSubmitted", "Stage Info": stageInfo(stageId, TASKS_PER_STAGE, t) });
    for (let i = 0; i < TASKS_PER_STAGE; i++) {
      const launch = t + Math.floor(i / (executors * 4)) * 3000;
      await write(taskLines(stageId, taskId++, i, String((i % executors) + 1), launch, launch + 2500 + (i % 7) * 100));
    }
    t += Math.ceil(TASKS_PER_STAGE / (executors * 4)) * 3000 + 1000;
    await line({ Event: "SparkListenerStageCompleted", "Stage Info": stageInfo(stageId, TASKS_PER_STAGE, t - 30_000, t) });
    await line({ Event: "SparkListenerJobEnd", "Job ID": stageId, "Completion Time": t, "Job Result": { Result: "JobSucceeded" } });
  }
  await line({ Event: "SparkListenerApplicationEnd", Timestamp: t + 1000 });
  out.end();
  await once(out, "finish");
  return taskId;
}

// ---- one measurement (child process) ----------------------------------------------------

async function measure(mode, path) {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 20);
  let events = 0;
  const t0 = process.hrtime.bigint();
  if (mode === "readline") {
    const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const text of rl) {
      if (text.length === 0) continue;
      JSON.parse(text);
      if (++events % 20_000 === 0) sample();
    }
  } else {
    const eventlog = await import(new URL("eventlog/index.js", DIST).href);
    let reader;
    if (mode === "typed") reader = eventlog.readSparkEvents(path);
    else if (mode === "raw") reader = eventlog.readEventLog(path);
    else if (mode === "raw-filtered") reader = eventlog.readEventLog(path, { eventNames: eventlog.SPARK_EVENT_NAMES });
    if (mode === "extract") {
      const replay = await import(new URL("replay/index.js", DIST).href);
      const extractor = new replay.WorkloadExtractor();
      for await (const e of eventlog.readSparkEvents(path)) {
        extractor.add(e);
        if (++events % 20_000 === 0) sample();
      }
      extractor.finish();
    } else {
      for await (const _ of reader) if (++events % 20_000 === 0) sample();
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  sample();
  process.stdout.write(JSON.stringify({ mode, events, seconds, peakRssBytes: peak }) + "\n");
}

// ---- driver -----------------------------------------------------------------------------

const MODES = [
  ["readline", "readline + JSON.parse of every line"],
  ["raw", "readEventLog (raw records, every line parsed)"],
  ["raw-filtered", "readEventLog (replay's events parsed, others skipped)"],
  ["typed", "readSparkEvents (typed SparkEvent)"],
  ["extract", "readSparkEvents + WorkloadExtractor (replay)"],
];

async function main(argv) {
  if (argv[0] === "--measure") return measure(argv[1], argv[2]);
  const sizeArg = argv.indexOf("--size-mb");
  const sizeMb = sizeArg >= 0 ? Number(argv[sizeArg + 1]) : 200;
  const keep = argv.includes("--keep");
  try {
    statSync(new URL("eventlog/index.js", DIST));
  } catch {
    process.stderr.write("dist/ not found: run `npm run build` first\n");
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-bench-"));
  try {
    const path = join(dir, "application_1_0001");
    const genStart = Date.now();
    const tasks = await generate(path, sizeMb * 1024 * 1024);
    const bytes = statSync(path).size;
    const mb = bytes / (1024 * 1024);
    console.log(`synthetic log: ${mb.toFixed(1)} MiB, ${tasks} tasks (${2 * tasks} task lines), generated in ${((Date.now() - genStart) / 1000).toFixed(1)} s; Node ${process.version}`);
    const rows = [["reader", "MiB/s", "events", "time s", "peak RSS MiB"]];
    for (const [mode, label] of MODES) {
      const child = spawnSync(process.execPath, [SELF, "--measure", mode, path], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (child.status !== 0) {
        rows.push([label, "failed", "", "", child.stderr.split("\n")[0] ?? ""]);
        continue;
      }
      const r = JSON.parse(child.stdout.trim().split("\n").pop());
      rows.push([label, (mb / r.seconds).toFixed(1), String(r.events), r.seconds.toFixed(2), (r.peakRssBytes / (1024 * 1024)).toFixed(0)]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("   "));
    if (typeof zlib.zstdCompressSync !== "function") {
      console.log(`compressed (.zstd) copy: skipped, this Node (${process.version}) has no zstd compressor (zlib zstd arrived in Node 22.15/23.8)`);
    } else {
      console.log("compressed (.zstd) copy: not measured yet (add a zlib.zstdCompress stream here on Node >= 22.15)");
    }
    if (keep) console.log(`kept ${path}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
