/**
 * Every real log in shared/eventlogs is read, decoded and observed, and the
 * counts are checked against shared/eventlogs/SOURCES.md (summary table and
 * per-file details), copied here by hand.
 */
import { describe, expect, it } from "vitest";
import {
  type SparkEvent,
  describeCompleteness,
  observeEventLog,
  readEventLog,
  readSparkEvents,
} from "../../src/eventlog/index.js";
import { describeShared, sharedLog, listSharedLogs } from "../helpers/sharedEventLogs.js";

interface Expected {
  /** Path under shared/eventlogs. */
  readonly path: string;
  /** "jobs / stages / tasks" column; stages = distinct submitted stage ids. */
  readonly jobs: number;
  readonly stages: number;
  /** "stages N (attempts M)": StageSubmitted events. */
  readonly stageAttempts: number;
  /** SparkListenerTaskEnd events. */
  readonly tasks: number;
  /** "+ex / -ex (max)" */
  readonly added: number;
  readonly removed: number;
  readonly maxAlive: number;
  /** "exec cores" column, e.g. "5×4c, 4×2c"; "-" for driver-only logs. */
  readonly cores: string;
  /** "dur" column as written there; checked to its last digit. */
  readonly duration: string;
  readonly complete: boolean;
}

// Copied from SOURCES.md. Compressed twins appear as their own rows.
const EXPECTED: readonly Expected[] = [
  { path: "sparklint/application_1472176676028_407508_1", jobs: 7, stages: 12, stageAttempts: 12, tasks: 612, added: 58, removed: 57, maxAlive: 50, cores: "58×4c", duration: "42.5 min", complete: true },
  { path: "apache-spark/application_1628109047826_1317105", jobs: 1, stages: 1, stageAttempts: 1, tasks: 5, added: 10, removed: 6, maxAlive: 10, cores: "10×1c", duration: "4.6 min", complete: true },
  { path: "apache-spark/application_1538416563558_0014", jobs: 8, stages: 14, stageAttempts: 14, tasks: 35, added: 9, removed: 8, maxAlive: 2, cores: "9×1c", duration: "83 s", complete: true },
  { path: "apache-spark/application_1506645932520_24630151", jobs: 1, stages: 3, stageAttempts: 3, tasks: 9, added: 7, removed: 0, maxAlive: 7, cores: "7×1c", duration: "106 s", complete: true },
  { path: "spark-rapids-tools/rp_sql_eventlog", jobs: 2, stages: 5, stageAttempts: 5, tasks: 217, added: 9, removed: 1, maxAlive: 8, cores: "5×4c, 4×2c", duration: "120 s", complete: true },
  { path: "spark-rapids-tools/rp_sql_eventlog.zstd", jobs: 2, stages: 5, stageAttempts: 5, tasks: 217, added: 9, removed: 1, maxAlive: 8, cores: "5×4c, 4×2c", duration: "120 s", complete: true },
  { path: "spark-rapids-tools/join_agg_on_yarn_eventlog", jobs: 5, stages: 5, stageAttempts: 5, tasks: 107, added: 10, removed: 0, maxAlive: 10, cores: "10×3c", duration: "44 s", complete: true },
  { path: "spark-rapids-tools/join_agg_on_yarn_eventlog.zstd", jobs: 5, stages: 5, stageAttempts: 5, tasks: 107, added: 10, removed: 0, maxAlive: 10, cores: "10×3c", duration: "44 s", complete: true },
  { path: "sparklint/application_1489705648216_1600", jobs: 3, stages: 4, stageAttempts: 4, tasks: 116, added: 19, removed: 0, maxAlive: 19, cores: "19×2c", duration: "2.4 min", complete: true },
  { path: "sparklint/eventLogs-application_1489705648216_1600.zip", jobs: 3, stages: 4, stageAttempts: 4, tasks: 116, added: 19, removed: 0, maxAlive: 19, cores: "19×2c", duration: "2.4 min", complete: true },
  { path: "apache-spark/application_1553914137147_0018", jobs: 3, stages: 3, stageAttempts: 3, tasks: 6, added: 3, removed: 0, maxAlive: 3, cores: "3×1c", duration: "62 s", complete: true },
  { path: "apache-spark/application_1536831636016_59384_1", jobs: 1, stages: 1, stageAttempts: 1, tasks: 100, added: 2, removed: 0, maxAlive: 2, cores: "2×4c", duration: "15 s", complete: true },
  { path: "apache-spark/application_1516285256255_0012", jobs: 1, stages: 2, stageAttempts: 2, tasks: 24, added: 5, removed: 0, maxAlive: 5, cores: "5×1c", duration: "7.9 min", complete: true },
  { path: "apache-spark/app-20161115172038-0000", jobs: 1, stages: 1, stageAttempts: 1, tasks: 26, added: 4, removed: 0, maxAlive: 4, cores: "4×4c", duration: "102 s", complete: true },
  { path: "apache-spark/app-20200706201101-0003", jobs: 3, stages: 3, stageAttempts: 3, tasks: 48, added: 1, removed: 0, maxAlive: 1, cores: "1×16c", duration: "6.1 min", complete: true },
  { path: "apache-spark/local-1642039451826", jobs: 6, stages: 6, stageAttempts: 6, tasks: 35, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "86 s", complete: true },
  { path: "apache-spark/local-1430917381534", jobs: 1, stages: 2, stageAttempts: 2, tasks: 110, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "11 s", complete: true },
  { path: "apache-spark/local-1422981759269", jobs: 4, stages: 5, stageAttempts: 5, tasks: 33, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "9 s", complete: true },
  { path: "sparklint/spark_event_log_example", jobs: 3, stages: 3, stageAttempts: 3, tasks: 204, added: 3, removed: 0, maxAlive: 3, cores: "3×2c", duration: "5.2 min", complete: true },
  { path: "sparklint/event_log_1", jobs: 4, stages: 6, stageAttempts: 6, tasks: 98, added: 2, removed: 0, maxAlive: 2, cores: "2×4c", duration: "74 s", complete: true },
  { path: "dr-elephant/event_log_1", jobs: 1, stages: 1, stageAttempts: 1, tasks: 10, added: 2, removed: 0, maxAlive: 2, cores: "2×2c", duration: "55 s", complete: true },
  { path: "sparklens/local-1532512550423", jobs: 2, stages: 2, stageAttempts: 2, tasks: 8, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "16 s", complete: true },
  { path: "spark-rapids-tools/spark2-eventlog", jobs: 6, stages: 6, stageAttempts: 6, tasks: 6, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "47 s", complete: true },
  { path: "spark-rapids-tools/spark2-eventlog.zstd", jobs: 6, stages: 6, stageAttempts: 6, tasks: 6, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "47 s", complete: true },
  { path: "aws-emr-advisor/job_spark_shell", jobs: 2, stages: 2, stageAttempts: 2, tasks: 16, added: 1, removed: 0, maxAlive: 1, cores: "1×4c", duration: "13.3 min", complete: true },
  { path: "kubeflow-mcp-apache-spark-history-server/eventlog_v2_spark-cc4d115f011443d787f03a71a476a745", jobs: 6, stages: 6, stageAttempts: 6, tasks: 73, added: 4, removed: 0, maxAlive: 4, cores: "4×1c", duration: "8.5 min", complete: true },
  { path: "kubeflow-mcp-apache-spark-history-server/local-1776286786993", jobs: 23, stages: 23, stageAttempts: 23, tasks: 52, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "14 s", complete: true },
  { path: "kubeflow-mcp-apache-spark-history-server/local-1776286786993.zstd", jobs: 23, stages: 23, stageAttempts: 23, tasks: 52, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "14 s", complete: true },
  { path: "spark-rapids-tools/truncated_eventlog", jobs: 2, stages: 3, stageAttempts: 3, tasks: 21, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "6 s", complete: false },
  { path: "spark-rapids-tools/tasks_executors_fail_compressed_eventlog.zstd", jobs: 75, stages: 135, stageAttempts: 135, tasks: 8630, added: 8, removed: 2, maxAlive: 8, cores: "8×4c", duration: "97 s", complete: true },
  { path: "spark-rapids-tools/nds_q72_dataproc_2_2.zstd", jobs: 49, stages: 49, stageAttempts: 49, tasks: 13504, added: 8, removed: 0, maxAlive: 8, cores: "8×16c", duration: "117 s", complete: true },
  { path: "synccomputingcode-spark_log_parser/emr.zip", jobs: 879, stages: 1539, stageAttempts: 1539, tasks: 9074, added: 32, removed: 0, maxAlive: 32, cores: "32×1c", duration: "65.2 min", complete: true },
  { path: "spark-rapids-tools/eventlog_v2_local-1623876083964", jobs: 1, stages: 4, stageAttempts: 4, tasks: 2801, added: 0, removed: 0, maxAlive: 0, cores: "-", duration: "2.2 min", complete: true },
];


/** "42.5 min" → [2550, 3]: the value in seconds and half a unit of its last digit. */
function parseDuration(text: string): { seconds: number; toleranceSeconds: number } {
  const m = /^([\d.]+) (s|min)$/.exec(text);
  if (m === null) throw new Error(`bad duration ${text}`);
  const digits = m[1]!;
  const decimals = digits.includes(".") ? digits.length - digits.indexOf(".") - 1 : 0;
  const unit = m[2] === "min" ? 60 : 1;
  return { seconds: Number(digits) * unit, toleranceSeconds: (0.5 * unit) / 10 ** decimals };
}

function formatCores(coresPerExecutor: readonly number[]): string {
  if (coresPerExecutor.length === 0) return "-";
  const counts = new Map<number, number>();
  for (const c of coresPerExecutor) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[0] - a[0])
    .map(([cores, n]) => `${n}×${cores}c`)
    .join(", ");
}

describeShared("shared/eventlogs", () => {
  it("has a row in the expectations table for every log in the folder", () => {
    expect(EXPECTED.map((e) => e.path).sort()).toEqual(listSharedLogs());
  });

  describe.each(EXPECTED)("$path", (expected) => {
    it("reads without warnings and matches the SOURCES.md counts", async () => {
      const reader = readSparkEvents(sharedLog(expected.path));
      let taskEnds = 0;
      let stageSubmitted = 0;
      let jobs = 0;
      let executorsAdded = 0;
      let executorsRemoved = 0;
      const stageIds = new Set<number>();
      for await (const event of reader) {
        switch (event.event) {
          case "SparkListenerTaskEnd":
            taskEnds++;
            break;
          case "SparkListenerStageSubmitted":
            stageSubmitted++;
            stageIds.add(event.stageInfo.stageId);
            break;
          case "SparkListenerJobStart":
            jobs++;
            break;
          case "SparkListenerExecutorAdded":
            if (event.executorId !== "driver") executorsAdded++;
            break;
          case "SparkListenerExecutorRemoved":
            executorsRemoved++;
            break;
          default:
            break;
        }
      }
      expect(reader.report.warnings).toEqual([]);
      expect({ taskEnds, stageSubmitted, stages: stageIds.size, jobs, executorsAdded, executorsRemoved }).toEqual({
        taskEnds: expected.tasks,
        stageSubmitted: expected.stageAttempts,
        stages: expected.stages,
        jobs: expected.jobs,
        executorsAdded: expected.added,
        executorsRemoved: expected.removed,
      });
      expect(reader.report.status).toBe(expected.complete ? "complete" : "truncated");
      expect(reader.report.eventCounts.get("SparkListenerTaskEnd")).toBe(expected.tasks);
    });

    it("observes the executor figures of SOURCES.md", async () => {
      const { observed } = await observeEventLog(sharedLog(expected.path));
      const { seconds, toleranceSeconds } = parseDuration(expected.duration);
      expect(Math.abs(observed.runTimeMs / 1000 - seconds)).toBeLessThanOrEqual(toleranceSeconds);
      expect(observed.executors.length).toBe(expected.added);
      expect(observed.removals["idle-release"] + observed.removals.failure).toBe(expected.removed);
      expect(observed.removals["application-end"]).toBe(expected.added - expected.removed);
      expect(observed.peakExecutors).toBe(expected.maxAlive);
      expect(observed.hadExecutors).toBe(expected.added > 0);
      expect(formatCores(observed.executors.map((e) => e.totalCores))).toBe(expected.cores);
      expect(observed.appEndSource).toBe(expected.complete ? "application-end" : "last-timestamp");
      // The timeline ends with the executors alive at the end and never exceeds the peak.
      const last = observed.timeline[observed.timeline.length - 1];
      expect(last?.runningExecutors).toBe(expected.added - expected.removed);
      expect(Math.max(...observed.timeline.map((p) => p.runningExecutors))).toBe(expected.maxAlive);
    });
  });
});

describeShared("compressed copies give the same events as the plain copies", () => {
  const pairs: readonly [string, string][] = [
    ["spark-rapids-tools/rp_sql_eventlog", "spark-rapids-tools/rp_sql_eventlog.zstd"],
    ["spark-rapids-tools/join_agg_on_yarn_eventlog", "spark-rapids-tools/join_agg_on_yarn_eventlog.zstd"],
    ["spark-rapids-tools/spark2-eventlog", "spark-rapids-tools/spark2-eventlog.zstd"],
    ["kubeflow-mcp-apache-spark-history-server/local-1776286786993", "kubeflow-mcp-apache-spark-history-server/local-1776286786993.zstd"],
    ["sparklint/application_1489705648216_1600", "sparklint/eventLogs-application_1489705648216_1600.zip"],
  ];
  it.each(pairs)("%s = %s", async (plain, compressed) => {
    const read = async (p: string) => {
      const out: { line: number; json: unknown }[] = [];
      for await (const r of readEventLog(sharedLog(p))) out.push({ line: r.line, json: r.json });
      return out;
    };
    const [a, b] = await Promise.all([read(plain), read(compressed)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});

describeShared("truncated and multi-part logs", () => {
  it("reports spark-rapids-tools/truncated_eventlog as truncated after its 62 lines", async () => {
    const reader = readEventLog(sharedLog("spark-rapids-tools/truncated_eventlog"));
    let n = 0;
    for await (const _ of reader) n++;
    expect(n).toBe(62);
    expect(reader.report.status).toBe("truncated");
    expect(reader.report.sawApplicationEnd).toBe(false);
    expect(reader.report.lastEventAt).toEqual({ part: "truncated_eventlog", line: 62 });
    expect(describeCompleteness(reader.report)).toBe(
      "truncated: used 62 complete events; no SparkListenerApplicationEnd after line 62",
    );
  });

  it("reads the rolling zstd log's two parts in order; part 2 starts with a TaskEnd", async () => {
    const reader = readEventLog(sharedLog("spark-rapids-tools/eventlog_v2_local-1623876083964"));
    const firstOfPart = new Map<string, string>();
    for await (const r of reader) if (!firstOfPart.has(r.part)) firstOfPart.set(r.part, r.eventName);
    expect(reader.report.container).toBe("rolling-dir");
    expect(reader.report.parts).toEqual([
      { name: "events_1_local-1623876083964.zstd", codec: "zstd" },
      { name: "events_2_local-1623876083964.zstd", codec: "zstd" },
    ]);
    expect([...firstOfPart.values()]).toEqual(["SparkListenerLogStart", "SparkListenerTaskEnd"]);
    expect(reader.report.inProgressMarker).toBe(false);
    expect(reader.report.status).toBe("complete");
  });

  it("reads the Spark 1.2 log (no LogStart, \"<driver>\", no Submission Time) with the driver normalised", async () => {
    const events: SparkEvent[] = [];
    for await (const e of readSparkEvents(sharedLog("apache-spark/local-1422981759269"))) events.push(e);
    expect(events.some((e) => e.event === "SparkListenerLogStart")).toBe(false);
    const taskEnd = events.find((e) => e.event === "SparkListenerTaskEnd");
    expect(taskEnd?.event === "SparkListenerTaskEnd" && taskEnd.task.executorId).toBe("driver");
    const submitted = events.filter((e) => e.event === "SparkListenerStageSubmitted");
    expect(submitted.every((e) => e.stageInfo.submissionTimeMs === undefined && e.stageInfo.parentIds.length === 0)).toBe(true);
  });
});
