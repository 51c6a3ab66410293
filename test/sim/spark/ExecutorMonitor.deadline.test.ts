/**
 * `executorDeadline` (Spark's `Tracker.updateTimeout`) under both version rules:
 * - 3.4.1+ (SPARK-43398): idleStart + max(cached ? cachedTimeout : 0, shuffle ? shuffleTimeout : 0, idleTimeout);
 * - before: idleStart + min(cached ? cachedTimeout : inf, shuffle ? shuffleTimeout : inf) when the
 *   executor holds any data (the plain idle timeout plays no part then), else idleStart + idleTimeout.
 * A busy executor (idleStart < 0) never times out. "Timed out at T" means deadline <= T.
 */
import { describe, expect, it } from "vitest";
import { executorDeadline, type TimeoutSettings } from "../../../sim/spark/executorDeadline.js";
import { parseSparkVersion, versionFeatures } from "../../../sim/conf/SparkVersion.js";
import { createMonitor, monitorConf } from "../../helpers/monitorHarness.js";
import { createStageInfo, createTaskInfo, executorAdded, jobEnd, jobStart, rddUpdate, taskEnd, taskStart } from "../../helpers/sparkListenerEvents.js";

const IDLE_MS = 60_000;
const CACHED_MS = 120_000;
const SHUFFLE_MS = 240_000;

const settings = (timeoutIsMaxOfApplicable: boolean, overrides: Partial<TimeoutSettings> = {}): TimeoutSettings => ({
  executorIdleTimeoutMs: IDLE_MS,
  cachedExecutorIdleTimeoutMs: CACHED_MS,
  shuffleTrackingTimeoutMs: SHUFFLE_MS,
  timeoutIsMaxOfApplicable,
  ...overrides,
});

const timedOutAt = (deadlineMs: number, whenMs: number): boolean => deadlineMs <= whenMs;

describe("executorDeadline, 3.4.1+ (max of the applicable timeouts)", () => {
  const t = settings(true);

  it("SPARK-43398: executor timeout should be max of shuffle and rdd timeout", () => {
    const idleStart = 5_000;
    const d = executorDeadline(idleStart, true, true, t);
    expect(d.deadlineMs).toBe(idleStart + SHUFFLE_MS);
    expect(timedOutAt(d.deadlineMs, idleStart + CACHED_MS)).toBe(false);
    expect(timedOutAt(d.deadlineMs, idleStart + SHUFFLE_MS - 1)).toBe(false);
    expect(timedOutAt(d.deadlineMs, idleStart + SHUFFLE_MS)).toBe(true);
    expect(d.reason).toBe("shuffle-idle-timeout");
  });

  it("no data: the idle timeout", () => {
    expect(executorDeadline(0, false, false, t)).toEqual({ deadlineMs: IDLE_MS, reason: "idle-timeout" });
  });

  it("cached blocks only: the cached timeout", () => {
    expect(executorDeadline(0, true, false, t)).toEqual({ deadlineMs: CACHED_MS, reason: "cached-idle-timeout" });
  });

  it("a data timeout shorter than the idle timeout does not shorten it", () => {
    const short = settings(true, { cachedExecutorIdleTimeoutMs: 30_000, shuffleTrackingTimeoutMs: 20_000 });
    expect(executorDeadline(0, true, true, short)).toEqual({ deadlineMs: IDLE_MS, reason: "idle-timeout" });
  });

  it("the default cached timeout (never) keeps a cached executor forever", () => {
    expect(executorDeadline(0, true, false, settings(true, { cachedExecutorIdleTimeoutMs: Infinity })).deadlineMs).toBe(Infinity);
  });

  it("a busy executor never times out", () => {
    expect(executorDeadline(-1, true, true, t).deadlineMs).toBe(Infinity);
  });
});

describe("executorDeadline, before 3.4.1 (min of cached and shuffle timeouts)", () => {
  const t = settings(false);

  it("SPARK-43398 settings before the fix: the shorter cached timeout wins", () => {
    const idleStart = 5_000;
    const d = executorDeadline(idleStart, true, true, t);
    expect(d.deadlineMs).toBe(idleStart + CACHED_MS);
    expect(timedOutAt(d.deadlineMs, idleStart + CACHED_MS - 1)).toBe(false);
    expect(timedOutAt(d.deadlineMs, idleStart + CACHED_MS)).toBe(true);
    expect(d.reason).toBe("cached-idle-timeout");
  });

  it("no data: the idle timeout", () => {
    expect(executorDeadline(0, false, false, t)).toEqual({ deadlineMs: IDLE_MS, reason: "idle-timeout" });
  });

  it("shuffle data only: the shuffle timeout, even when shorter than the idle timeout", () => {
    const d = executorDeadline(0, false, true, settings(false, { shuffleTrackingTimeoutMs: 30_000 }));
    expect(d).toEqual({ deadlineMs: 30_000, reason: "shuffle-idle-timeout" });
  });

  it("a busy executor never times out", () => {
    expect(executorDeadline(-1, true, true, t).deadlineMs).toBe(Infinity);
  });
});

describe("the rule follows the Spark version", () => {
  const features = (label: string): boolean => {
    const v = parseSparkVersion(label);
    return versionFeatures(v).timeoutIsMaxOfApplicable;
  };

  it("3.4.0 and 3.3.0-3.3.2 use the min rule; 3.3.3+ (backport), 3.4.1, 3.4 (newest patch) and later the max rule", () => {
    expect(features("3.2")).toBe(false);
    expect(features("3.3.2")).toBe(false);
    expect(features("3.3.3")).toBe(true);
    expect(features("3.3")).toBe(true);
    expect(features("3.4.0")).toBe(false);
    expect(features("3.4.1")).toBe(true);
    expect(features("3.4")).toBe(true);
    expect(features("3.5")).toBe(true);
  });

  // The ExecutorMonitorSuite steps of SPARK-43398 (tracking on), run through the monitor:
  // an executor holding cached blocks and inactive shuffle data, idle from t = 0.
  for (const [version, timedOutAtMs] of [
    ["3.4.1", SHUFFLE_MS],
    ["3.4.0", CACHED_MS],
    ["3.3.4", SHUFFLE_MS],
    ["3.3.2", CACHED_MS],
  ] as const) {
    it(`Spark ${version}: cached 120 s + shuffle 240 s times out at ${timedOutAtMs / 1000} s`, () => {
      const h = createMonitor(
        monitorConf(
          {
            "spark.dynamicAllocation.shuffleTracking.enabled": "true",
            "spark.shuffle.service.enabled": "false",
          },
          version,
        ),
      );
      h.post(executorAdded("1"));
      h.knownExecs.add("1");
      h.post(jobStart(1, [createStageInfo(1, 1, { shuffleDepId: 0 })]));
      h.post(rddUpdate(1, 0, "1"));
      h.post(taskStart(1, 0, createTaskInfo(1, 1, "1")));
      h.post(taskEnd(1, 0, "Success", createTaskInfo(1, 1, "1")));
      h.post(jobEnd(1));

      expect(h.timedOutExecutorsAt(timedOutAtMs - 1)).toEqual([]);
      expect(h.timedOutExecutorsAt(timedOutAtMs)).toEqual(["1"]);
    });
  }
});
