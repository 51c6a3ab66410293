import { describe, expect, it } from "vitest";
import {
  type SparkEvent,
  classifyRemovalReason,
  observeEventLog,
  observeExecutors,
} from "../../src/eventlog/index.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";

const at = { part: "log", line: 1 };
const T0 = 1_000_000;

function start(timestampMs = T0): SparkEvent {
  return { event: "SparkListenerApplicationStart", ...at, appName: "a", appId: "app-1", appAttemptId: undefined, timestampMs, user: undefined };
}
function end(timestampMs: number): SparkEvent {
  return { event: "SparkListenerApplicationEnd", ...at, timestampMs, exitCode: undefined };
}
function added(executorId: string, timestampMs: number, totalCores = 2): SparkEvent {
  return {
    event: "SparkListenerExecutorAdded",
    ...at,
    timestampMs,
    executorId,
    host: `host-${executorId}`,
    totalCores,
    resourceProfileId: 0,
    registrationTimeMs: undefined,
    containerId: undefined,
  };
}
function removed(executorId: string, timestampMs: number, reason: string): SparkEvent {
  return { event: "SparkListenerExecutorRemoved", ...at, timestampMs, executorId, reason };
}

describe("classifyRemovalReason", () => {
  it.each([
    ["Container container_1472176676028_407508_01_000023 exited from explicit termination request.", "idle-release"],
    ["Executor killed by driver.", "idle-release"],
    ["Container marked as failed: container_1538416563558_0014_01_000002 on host: h. Exit status: 56.", "failure"],
    ["Executor Process Lost", "failure"],
    ["worker lost: 10.0.0.1:7078 got disassociated", "failure"],
    ["", "failure"],
  ] as const)("%s → %s", (reason, kind) => {
    expect(classifyRemovalReason(reason)).toBe(kind);
  });
});

describe("observeExecutors on built events", () => {
  it("tracks lives, the count timeline and totals relative to application start", () => {
    const o = observeExecutors([
      start(),
      added("driver", T0 + 10, 8), // local-mode style driver entry: not an executor
      added("1", T0 + 1000),
      added("2", T0 + 1000, 4),
      added("10", T0 + 3000),
      removed("2", T0 + 5000, "Executor killed by driver."),
      removed("1", T0 + 7000, "Executor Process Lost"),
      removed("99", T0 + 7000, "unknown executor: ignored"),
      end(T0 + 10_000),
    ]);
    expect(o.appId).toBe("app-1");
    expect(o.runTimeMs).toBe(10_000);
    expect(o.appEndSource).toBe("application-end");
    expect(o.executors.map((e) => [e.executorId, e.addedMs, e.removedMs, e.removal])).toEqual([
      ["1", 1000, 7000, "failure"],
      ["2", 1000, 5000, "idle-release"],
      ["10", 3000, 10_000, "application-end"],
    ]);
    expect(o.executors[2]?.removalReason).toBeUndefined();
    expect(o.timeline).toEqual([
      { timeMs: 0, runningExecutors: 0 },
      { timeMs: 1000, runningExecutors: 2 },
      { timeMs: 3000, runningExecutors: 3 },
      { timeMs: 5000, runningExecutors: 2 },
      { timeMs: 7000, runningExecutors: 1 },
    ]);
    expect(o.peakExecutors).toBe(3);
    expect(o.executorSeconds).toBe(6 + 4 + 7);
    expect(o.coreSeconds).toBe(6 * 2 + 4 * 4 + 7 * 2);
    expect(o.removals).toEqual({ "idle-release": 1, failure: 1, "application-end": 1 });
    expect(o.hadExecutors).toBe(true);
  });

  it("nets changes at the same millisecond and starts the timeline with executors present at 0", () => {
    const o = observeExecutors([start(), added("1", T0), added("2", T0 + 50), removed("1", T0 + 50, "Executor killed by driver."), end(T0 + 100)]);
    expect(o.timeline).toEqual([{ timeMs: 0, runningExecutors: 1 }]);
    expect(o.peakExecutors).toBe(1);
  });

  it("ends a log without ApplicationEnd at its last timestamp", () => {
    const taskEnd: SparkEvent = {
      event: "SparkListenerTaskEnd",
      ...at,
      stageId: 0,
      stageAttemptId: 0,
      taskType: "ResultTask",
      reason: { kind: "Success" },
      task: { taskId: 0, index: 0, attempt: 0, launchTimeMs: T0 + 100, finishTimeMs: T0 + 4200, executorId: "1", host: "h", locality: undefined, speculative: false, failed: false, killed: false },
      metrics: undefined,
    };
    const o = observeExecutors([start(), added("1", T0 + 50), taskEnd]);
    expect(o.appEndSource).toBe("last-timestamp");
    expect(o.runTimeMs).toBe(4200);
    expect(o.executors[0]).toMatchObject({ removedMs: 4200, removal: "application-end" });
  });

  it("reports a driver-only log as having no executors", () => {
    const o = observeExecutors([start(), added("driver", T0, 8), end(T0 + 500)]);
    expect(o).toMatchObject({ hadExecutors: false, peakExecutors: 0, executorSeconds: 0, timeline: [{ timeMs: 0, runningExecutors: 0 }] });
  });
});

describeShared("observeEventLog on real DRA logs (figures from SOURCES.md)", () => {
  it("sparklint/application_1472176676028_407508_1: 58 added, 57 idle releases, at most 50", async () => {
    const { observed: o } = await observeEventLog(sharedLog("sparklint/application_1472176676028_407508_1"));
    expect(o.sparkVersion).toBe("1.6.1");
    expect(o.executors.length).toBe(58);
    expect(o.removals).toEqual({ "idle-release": 57, failure: 0, "application-end": 1 });
    expect(o.peakExecutors).toBe(50);
    expect(Math.round(o.runTimeMs / 6000) / 10).toBe(42.5); // minutes
    expect(o.executors.every((e) => e.totalCores === 4)).toBe(true);
    // Stage 0 (submitted at 92 s) ramps to the 50-executor cap within about 8 s of the first executor...
    const firstAdd = Math.min(...o.executors.map((e) => e.addedMs));
    const capReached = o.timeline.find((p) => p.runningExecutors === 50)?.timeMs ?? Infinity;
    expect(firstAdd).toBeGreaterThanOrEqual(92_000);
    expect(capReached - firstAdd).toBeLessThanOrEqual(8_100);
    // ...and executors are released one by one from about 1007 s.
    const firstRelease = Math.min(...o.executors.filter((e) => e.removal === "idle-release").map((e) => e.removedMs));
    expect(Math.round(firstRelease / 1000)).toBe(1007);
  });

  it("apache-spark/application_1628109047826_1317105: 10 arrive at 71-90 s, 6 idle releases at 224-244 s", async () => {
    const { observed: o, report } = await observeEventLog(sharedLog("apache-spark/application_1628109047826_1317105"));
    expect(report.status).toBe("complete");
    expect(o.executors.length).toBe(10);
    for (const e of o.executors) {
      expect(e.addedMs).toBeGreaterThanOrEqual(71_000);
      expect(e.addedMs).toBeLessThan(91_000);
    }
    const released = o.executors.filter((e) => e.removal === "idle-release");
    expect(released.length).toBe(6);
    for (const e of released) {
      expect(e.removedMs).toBeGreaterThanOrEqual(223_000);
      expect(e.removedMs).toBeLessThan(245_000);
      expect(e.removalReason).toMatch(/exited from explicit termination request/);
    }
    expect(o.removals["application-end"]).toBe(4);
    expect(o.peakExecutors).toBe(10);
    expect(o.timeline[o.timeline.length - 1]).toEqual({ timeMs: Math.max(...released.map((e) => e.removedMs)), runningExecutors: 4 });
    expect(Math.round(o.runTimeMs / 6000) / 10).toBe(4.6);
    // 10 one-core executors: executor-seconds and core-seconds agree.
    expect(o.coreSeconds).toBe(o.executorSeconds);
  });

  it("apache-spark/application_1538416563558_0014: 8 container failures, never more than 2 alive", async () => {
    const { observed: o } = await observeEventLog(sharedLog("apache-spark/application_1538416563558_0014"));
    expect(o.removals).toEqual({ "idle-release": 0, failure: 8, "application-end": 1 });
    expect(o.peakExecutors).toBe(2);
  });

  it("spark-rapids-tools/tasks_executors_fail_compressed_eventlog.zstd: 2 executors lost", async () => {
    const { observed: o } = await observeEventLog(sharedLog("spark-rapids-tools/tasks_executors_fail_compressed_eventlog.zstd"));
    expect(o.removals).toEqual({ "idle-release": 0, failure: 2, "application-end": 6 });
    expect(o.executors.filter((e) => e.removal === "failure").map((e) => e.removalReason)).toEqual(["Executor Process Lost", "Executor Process Lost"]);
  });

  it("spark-rapids-tools/rp_sql_eventlog: one idle release, executors of two resource profiles", async () => {
    const { observed: o } = await observeEventLog(sharedLog("spark-rapids-tools/rp_sql_eventlog"));
    expect(o.removals["idle-release"]).toBe(1);
    expect(o.executors.find((e) => e.removal === "idle-release")?.executorId).toBe("1");
    expect(o.executors.filter((e) => e.resourceProfileId === 1).map((e) => e.totalCores)).toEqual([2, 2, 2, 2]);
  });

  it("local mode: apache-spark/local-1642039451826 has no executors apart from the driver", async () => {
    const { observed: o } = await observeEventLog(sharedLog("apache-spark/local-1642039451826"));
    expect(o.hadExecutors).toBe(false);
    expect(o.executors).toEqual([]);
  });
});
