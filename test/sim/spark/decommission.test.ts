/**
 * Executor decommissioning end to end (`spark.decommission.enabled`, 3.1+): the allocation
 * manager's scale-down decommissions instead of killing, a loss's notice decommissions the
 * executor (Kubernetes' SIGPWR before a spot node goes), running tasks finish, shuffle and
 * cached blocks migrate to peers or the fallback storage, migrated map output is not
 * recomputed, the executor leaves once done or when `forceKillTimeout` passes, and the
 * SPARK-33763 counters are in the summary. Each case fails on the model before
 * decommissioning (executors killed, notices ignored).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConf } from "../../../sim/conf/parseConf.js";
import { parseSparkVersion } from "../../../sim/conf/SparkVersion.js";
import { simulate } from "../../../sim/spark/SparkApplication.js";
import { scenario as scenarioArb } from "../../../src/arbitraries/index.js";
import { PROPERTY_SEED } from "../../check/propertyHarness.js";
import { summarize } from "../../../sim/result/summarize.js";
import type { ExecutorLossSpec, Scenario } from "../../../sim/scenario/Scenario.js";
import { checkTerminationRules } from "../../../src/check/index.js";
import { createConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

const DECOMMISSION = {
  "spark.decommission.enabled": "true",
  "spark.storage.decommission.enabled": "true",
  "spark.storage.decommission.replicationReattemptInterval": "10s",
};

/** Stage 0 writes shuffle 0 on 4 executors; a second job reads it a minute after the first ends. */
function shuffleReusedLater(conf: Record<string, string>, executorLosses?: ExecutorLossSpec[]): Scenario {
  return scenario({
    conf: {
      "spark.dynamicAllocation.minExecutors": "1",
      "spark.dynamicAllocation.initialExecutors": "4",
      "spark.dynamicAllocation.maxExecutors": "4",
      "spark.dynamicAllocation.executorIdleTimeout": "5s",
      "spark.dynamicAllocation.shuffleTracking.timeout": "5s",
      ...conf,
    },
    jobs: [
      job([stage(0, 4, 10_000, { shuffleId: 0 }), stage(1, 1, 1000, { parents: [0] })]),
      job([stage(2, 1, 1000, { parents: [0] })], { afterPreviousMs: 60_000 }),
    ],
    ...(executorLosses === undefined ? {} : { executorLosses }),
  });
}

/** Attempts of stage 0 submitted: more than one means its output was recomputed. */
const stage0Attempts = (s: Scenario): number => eventsOf(run(s), "stageSubmitted").filter((e) => e.stageId === 0).length;

describe("decommissioning on scale-down (ExecutorAllocationManager.removeExecutors)", () => {
  it("decommissions the timed-out executors instead of killing them; their shuffle blocks migrate and are not recomputed", () => {
    const s = shuffleReusedLater(DECOMMISSION);
    const r = run(s, undefined, { recordTasks: true });
    const decommissioned = eventsOf(r, "executorDecommissioned");
    // Three go at 15 s (idle since 10 s; executor 2 ran stage 1 and stays for min 1), decommissioned, not killed.
    expect(decommissioned.map((e) => [e.timeMs, e.executorId, e.trigger])).toEqual([
      [15_000, "1", "scale-down"],
      [15_000, "3", "scale-down"],
      [15_000, "4", "scale-down"],
    ]);
    // Each map output moves to the one peer left, a second (the default block time) later.
    const migrated = eventsOf(r, "blockMigrated");
    expect(migrated.map((e) => [e.timeMs, e.executorId, e.to, e.block, e.id])).toEqual([
      [16_000, "1", "2", "shuffle", 0],
      [16_000, "3", "2", "shuffle", 0],
      [16_000, "4", "2", "shuffle", 0],
    ]);
    // Each exits at the poll after the first round (10 s later) that found its block migrated.
    const removed = eventsOf(r, "executorRemoved").filter((e) => e.reason !== "application-end");
    const t0 = decommissioned[0]!.timeMs;
    expect(removed.map((e) => [e.executorId, e.timeMs - t0, e.decommission, e.decommissionedAtMs])).toEqual([
      ["1", 11_000, "finished", t0],
      ["3", 11_000, "finished", t0],
      ["4", 11_000, "finished", t0],
    ]);
    // The second job reads shuffle 0 from executor 2: stage 0 runs once (skipped in job 1).
    expect(eventsOf(r, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(1);
    expect(summarize(r).decommission).toMatchObject({
      executorsDecommissioned: 3,
      shuffleBlocksMigrated: 3,
      gracefullyDecommissioned: 3,
      decommissionUnfinished: 0,
      driverKilled: 0,
      exitedUnexpectedly: 0,
    });
    expect(checkTerminationRules(r)).toEqual([]);
  });

  it("without decommissioning the same executors are killed and the second job recomputes their map output", () => {
    const r = run(shuffleReusedLater({}));
    expect(eventsOf(r, "executorDecommissioned")).toEqual([]);
    expect(stage0Attempts(shuffleReusedLater({}))).toBe(2);
    expect(summarize(r).decommission).toBeUndefined();
  });

  it("with spark.storage.decommission.enabled off nothing migrates: the executors exit at the first poll and the output is recomputed", () => {
    const conf = { "spark.decommission.enabled": "true" };
    const r = run(shuffleReusedLater(conf));
    const t0 = eventsOf(r, "executorDecommissioned")[0]!.timeMs;
    const removed = eventsOf(r, "executorRemoved").filter((e) => e.reason !== "application-end");
    expect(removed.map((e) => e.timeMs - t0)).toEqual([1000, 1000, 1000]);
    expect(eventsOf(r, "blockMigrated")).toEqual([]);
    expect(stage0Attempts(shuffleReusedLater(conf))).toBe(2);
  });

  it("Spark 3.0 has no decommissioning: the key is read, warned about, and executors are killed", () => {
    const s = { ...shuffleReusedLater(DECOMMISSION), sparkVersion: "3.0" };
    const conf = createConf(s.conf as Record<string, string>, "3.0");
    expect(conf.decommission.enabled).toBe(false);
    expect(eventsOf(run(s, conf), "executorDecommissioned")).toEqual([]);
  });
});

/** Two static executors; executor 1 gets a loss notice `noticeMs` before it is lost. */
function noticeScenario(conf: Record<string, string>, loss: ExecutorLossSpec, tasks = 4, taskMs = 10_000): Scenario {
  return scenario({
    conf: { "spark.dynamicAllocation.enabled": "false", "spark.executor.instances": "2", ...conf },
    jobs: [job([stage(0, tasks, taskMs)])],
    executorLosses: [loss],
  });
}

describe("a loss's notice (spot interruption with decommissioning)", () => {
  it("a decommissioned executor still running a task finishes it, takes no new task, and exits before its loss", () => {
    const s = noticeScenario(DECOMMISSION, { atMs: 60_000, executorId: "1", cause: "interruption", noticeMs: 55_000 });
    const r = run(s, createConf(s.conf as Record<string, string>), { recordTasks: true });
    expect(eventsOf(r, "executorDecommissioned")).toEqual([{ timeMs: 5000, type: "executorDecommissioned", executorId: "1", trigger: "notice", lossAtMs: 60_000 }]);
    expect(eventsOf(r, "taskFailed")).toEqual([]);
    const t = r.tasks!;
    const onExecutor1 = Array.from({ length: t.length }, (_, i) => i).filter((i) => t.executor[i] === 1);
    // Its first task (0-10 s) ran to the end; nothing started on it after the notice.
    expect(onExecutor1.map((i) => [t.startMs[i], t.endMs[i], t.failed[i]])).toEqual([[0, 10_000, 0]]);
    const removed = eventsOf(r, "executorRemoved").find((e) => e.executorId === "1")!;
    expect(removed.decommission).toBe("finished");
    expect(removed.timeMs).toBeLessThan(60_000);
    // The allocation manager's monitor never heard of a notice: Spark counts it as an unexpected exit.
    expect(summarize(r).decommission).toMatchObject({ decommissionedByNotice: 1, gracefullyDecommissioned: 0, exitedUnexpectedly: 1 });
  });

  it("without decommissioning a notice changes nothing", () => {
    const loss: ExecutorLossSpec = { atMs: 15_000, executorId: "1", cause: "interruption" };
    const plain = run(noticeScenario({}, loss));
    const noticed = run(noticeScenario({}, { ...loss, noticeMs: 10_000 }));
    expect(noticed.events).toEqual(plain.events);
    expect(eventsOf(plain, "taskFailed")).toHaveLength(1);
  });

  it("shuffle output migrated during the notice is not recomputed; without decommissioning it is", () => {
    // Four executors write shuffle 0 by 10 s; two get a 30 s notice at 15 s and are lost at 45 s.
    const losses: ExecutorLossSpec[] = [{ atMs: 45_000, count: 2, cause: "interruption", noticeMs: 30_000 }];
    const staticFour = { "spark.dynamicAllocation.enabled": "false", "spark.executor.instances": "4" };
    const spot = (conf: Record<string, string>): Scenario =>
      scenario({
        conf: { ...staticFour, ...conf },
        jobs: [job([stage(0, 4, 10_000, { shuffleId: 0 })]), job([stage(1, 4, 1000, { parents: [0] })], { afterPreviousMs: 60_000 })],
        executorLosses: losses,
      });
    const withDecommission = run(spot(DECOMMISSION), createConf(spot(DECOMMISSION).conf as Record<string, string>), { recordTasks: true });
    expect(eventsOf(withDecommission, "blockMigrated").map((e) => e.block)).toEqual(["shuffle", "shuffle"]);
    expect(eventsOf(withDecommission, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(1);
    expect(checkTerminationRules(withDecommission)).toEqual([]);
    const without = run(spot({}));
    expect(eventsOf(without, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(2);
  });

  it("spark.executor.decommission.forceKillTimeout (3.2+): a decommissioning executor still busy is killed and its task retried", () => {
    const conf = { ...DECOMMISSION, "spark.executor.decommission.forceKillTimeout": "20s" };
    const loss: ExecutorLossSpec = { atMs: 300_000, executorId: "1", cause: "interruption", noticeMs: 295_000 };
    const s = noticeScenario(conf, loss, 3, 100_000);
    const r = run(s, createConf(s.conf as Record<string, string>));
    expect(eventsOf(r, "taskFailed")).toEqual([{ timeMs: 25_000, type: "taskFailed", stageId: 0, attempt: 0, partition: 0, executorId: "1", counted: false }]);
    expect(eventsOf(r, "executorRemoved").find((e) => e.executorId === "1")).toMatchObject({ timeMs: 25_000, decommission: "unfinished" });
    // Spark 3.1 has no forceKillTimeout: the executor finishes its task at 100 s and exits at that
    // second's poll (3.1 migrates neither shuffle nor RDD blocks by default: no rounds to wait for).
    const v31 = { ...s, sparkVersion: "3.1" };
    const r31 = run(v31, createConf(v31.conf as Record<string, string>, "3.1"));
    expect(eventsOf(r31, "taskFailed")).toEqual([]);
    expect(eventsOf(r31, "executorRemoved").find((e) => e.executorId === "1")).toMatchObject({ timeMs: 100_000, decommission: "finished" });
  });

  it("with no peer left, shuffle blocks go to the fallback storage and outlive the executor", () => {
    const conf = { ...DECOMMISSION, "spark.executor.instances": "1", "spark.storage.decommission.fallbackStorage.path": "s3a://bucket/fallback/" };
    const s = scenario({
      conf: { "spark.dynamicAllocation.enabled": "false", ...conf },
      jobs: [job([stage(0, 2, 5000, { shuffleId: 0 })]), job([stage(1, 1, 1000, { parents: [0] })], { afterPreviousMs: 60_000 })],
      executorLosses: [{ atMs: 40_000, executorId: "1", cause: "interruption", noticeMs: 30_000 }],
    });
    const r = run(s, createConf(s.conf as Record<string, string>));
    expect(eventsOf(r, "blockMigrated").map((e) => e.to)).toEqual(["fallback", "fallback"]);
    expect(eventsOf(r, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(1);
    expect(summarize(r).decommission?.shuffleBlocksToFallbackStorage).toBe(2);
  });
});

describe("the property suite's arbitraries", () => {
  it("generate decommissioning and notice windows that the engine acts on (the termination-rule properties have teeth)", () => {
    const scenarios = fc.sample(scenarioArb({ staticShare: 0 }), { seed: PROPERTY_SEED, numRuns: 200 });
    let decommissioned = 0;
    let byNotice = 0;
    let migrated = 0;
    for (const s of scenarios) {
      const version = parseSparkVersion(s.sparkVersion);
      const r = simulate(s, parseConf(s.conf, version).conf, {});
      const d = summarize(r).decommission;
      if (d === undefined) continue;
      decommissioned += d.executorsDecommissioned - d.decommissionedByNotice;
      byNotice += d.decommissionedByNotice;
      migrated += d.shuffleBlocksMigrated + d.rddBlocksMigrated;
    }
    expect(decommissioned).toBeGreaterThan(20);
    expect(byNotice).toBeGreaterThan(5);
    expect(migrated).toBeGreaterThan(20);
  });
});
