/**
 * Executor loss and spot interruption: running tasks fail and are retried
 * (`TaskSetManager.handleFailedTask`, `spark.task.maxFailures`), lost map output is recomputed
 * (`DAGScheduler` fetch failure and resubmission) unless the external shuffle service kept it,
 * and the cluster manager replaces the executor.
 */
import { describe, expect, it } from "vitest";
import { summarize } from "../../../sim/result/summarize.js";
import { checkTerminationRules } from "../../../src/check/index.js";
import { draConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

const STATIC_2 = { "spark.executor.instances": "2", "spark.executor.cores": "1" };

describe("executor loss", () => {
  it("fails the lost executor's running task and retries it on another executor (handleFailedTask)", () => {
    const s = scenario({
      conf: STATIC_2,
      jobs: [job([stage(0, 2, 10_000)])],
      executorLosses: [{ atMs: 4000, executorId: "1", cause: "interruption" }],
    });
    const r = run(s, undefined, { recordTasks: true });
    const failed = eventsOf(r, "taskFailed");
    expect(failed).toEqual([{ timeMs: 4000, type: "taskFailed", stageId: 0, attempt: 0, partition: 0, executorId: "1", counted: false }]);
    expect(eventsOf(r, "executorRemoved")[0]).toEqual({ timeMs: 4000, type: "executorRemoved", executorId: "1", reason: "executor-lost", cause: "interruption" });
    // The static target stays 2: the cluster manager asks for a replacement at once.
    expect(eventsOf(r, "executorRequested").map((e) => [e.timeMs, e.executorId])).toEqual([
      [0, "1"],
      [0, "2"],
      [4000, "3"],
    ]);
    // Partition 0 runs again from the start on the replacement, which registers at 4000 (start-up 0).
    const t = r.tasks!;
    const attempts = Array.from({ length: t.length }, (_, i) => [t.partition[i], t.executor[i], t.startMs[i], t.endMs[i], t.failed[i]]);
    expect(attempts).toContainEqual([0, 3, 4000, 14_000, 0]);
    expect(r.events.at(-1)).toMatchObject({ type: "applicationEnd", timeMs: 14_000 });
    const summary = summarize(r);
    expect(summary.tasksFailed).toBe(1);
    expect(summary.removalsByReason["executor-lost"]).toBe(1);
    expect(checkTerminationRules(r)).toEqual([]);
  });

  it("a task ending at the instant its executor is lost succeeded first (TaskEnd before ExecutorLost)", () => {
    const s = scenario({ conf: STATIC_2, jobs: [job([stage(0, 1, 5000)])], executorLosses: [{ atMs: 5000, executorId: "1", cause: "failure" }] });
    const r = run(s);
    expect(eventsOf(r, "taskFailed")).toEqual([]);
    expect(r.events.at(-1)).toMatchObject({ type: "applicationEnd", timeMs: 5000 });
  });

  it("a loss of an executor that is not live does nothing", () => {
    const s = scenario({ conf: STATIC_2, jobs: [job([stage(0, 1, 5000)])], executorLosses: [{ atMs: 1000, executorId: "9", cause: "failure" }] });
    const r = run(s);
    expect(eventsOf(r, "executorRemoved").every((e) => e.reason === "application-end")).toBe(true);
    expect(summarize(r).removalsByReason).not.toHaveProperty("executor-lost");
  });

  it("spark.task.maxFailures: failures caused by the app abort the job at the limit; interruptions do not count", () => {
    const losses = (cause: "failure" | "interruption") => ["1", "2", "3"].map((executorId) => ({ afterAddedMs: 1000, executorId, cause }));
    const conf = { ...STATIC_2, "spark.executor.instances": "1", "spark.task.maxFailures": "3" };
    const failing = run(scenario({ conf, jobs: [job([stage(0, 1, 5000)])], executorLosses: losses("failure") }), undefined, { recordTasks: true });
    expect(eventsOf(failing, "taskFailed").map((e) => e.counted)).toEqual([true, true, true]);
    expect(eventsOf(failing, "jobFailed")).toEqual([
      { timeMs: 3000, type: "jobFailed", jobId: 0, jobIndex: 0, reason: "Task 0 in stage 0.0 failed 3 times; aborting job (spark.task.maxFailures)" },
    ]);
    expect(failing.events.at(-1)).toMatchObject({ type: "applicationEnd", timeMs: 3000 });
    expect(summarize(failing).jobsFailed).toBe(1);
    expect(checkTerminationRules(failing)).toEqual([]);

    const interrupted = run(scenario({ conf, jobs: [job([stage(0, 1, 5000)])], executorLosses: losses("interruption") }));
    expect(eventsOf(interrupted, "jobFailed")).toEqual([]);
    expect(eventsOf(interrupted, "jobEnd")).toHaveLength(1);
    // Three failed attempts of 1 s each, then 5 s on the fourth executor.
    expect(interrupted.events.at(-1)).toMatchObject({ type: "applicationEnd", timeMs: 8000 });
  });

  describe("lost map output", () => {
    // Stage 0 writes shuffle 0 on executors 1 and 2; stage 1 reads it. Executor 1 goes while
    // stage 1 still has a task to launch (3 tasks on 2 slots).
    const workload = [job([stage(0, 2, 1000, { shuffleId: 0 }), stage(1, 3, 10_000, { parents: [0] })])];
    const lossAt = (cause: "failure" | "interruption") => [{ atMs: 5000, executorId: "1", cause }];

    it("is recomputed before the dependent stage runs on: its attempt fails and the parent is resubmitted (fetch failure)", () => {
      const r = run(scenario({ conf: STATIC_2, jobs: workload, executorLosses: lossAt("failure") }), undefined, { recordTasks: true });
      expect(eventsOf(r, "stageFailed")).toEqual([{ timeMs: 5000, type: "stageFailed", stageId: 1, attempt: 0, reason: "FetchFailed: map output of shuffle 0 lost" }]);
      // RESUBMIT_TIMEOUT later: the lost map partition, then the reduce stage's missing partitions.
      expect(eventsOf(r, "stageSubmitted").map((e) => [e.timeMs, e.stageId, e.attempt, e.tasks])).toEqual([
        [0, 0, 0, 2],
        [1000, 1, 0, 3],
        [5200, 0, 1, 1],
        [6200, 1, 1, 3],
      ]);
      // All three: partition 1 was still running on executor 2 as a zombie of the failed attempt.
      expect(checkTerminationRules(r)).toEqual([]);
    });

    it("is kept by the external shuffle service when only the executor process died", () => {
      const conf = { ...STATIC_2, "spark.shuffle.service.enabled": "true" };
      const r = run(scenario({ conf, jobs: workload, executorLosses: lossAt("failure") }));
      expect(eventsOf(r, "stageFailed")).toEqual([]);
      expect(eventsOf(r, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(1);
    });

    it("is lost with its node even with the external shuffle service (interruption: ExecutorProcessLost with a worker host)", () => {
      const conf = { ...STATIC_2, "spark.shuffle.service.enabled": "true" };
      const r = run(scenario({ conf, jobs: workload, executorLosses: lossAt("interruption") }));
      expect(eventsOf(r, "stageFailed").map((e) => e.stageId)).toEqual([1]);
      expect(eventsOf(r, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(2);
    });
  });

  it("count losses take live executors chosen by the seed, the same for the same seed", () => {
    const conf = { ...STATIC_2, "spark.executor.instances": "6" };
    const lostIds = (seed: number) =>
      eventsOf(run(scenario({ seed, conf, jobs: [job([stage(0, 6, 10_000)])], executorLosses: [{ atMs: 2000, count: 2, cause: "interruption" }] })), "executorRemoved")
        .filter((e) => e.reason === "executor-lost")
        .map((e) => e.executorId);
    expect(lostIds(1)).toHaveLength(2);
    expect(lostIds(1)).toEqual(lostIds(1));
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => lostIds(seed).join(",")));
    expect(seen.size).toBeGreaterThan(1);
  });

  it("a rate per executor-hour draws each executor's loss from the seed; none after untilMs", () => {
    const conf = { ...STATIC_2, "spark.executor.instances": "20" };
    const jobs = [job([stage(0, 20, 3_600_000)])];
    const lost = (untilMs?: number) =>
      eventsOf(
        run(scenario({ conf, jobs, executorLosses: [{ ratePerExecutorHour: 1, ...(untilMs === undefined ? {} : { untilMs }), cause: "interruption" }] })),
        "executorRemoved",
      ).filter((e) => e.reason === "executor-lost");
    // At one loss per executor-hour, an hour-long stage loses many of its 20 executors, replacements included.
    expect(lost().length).toBeGreaterThan(5);
    expect(lost(1000).every((e) => e.timeMs < 1000)).toBe(true);
  });

  it("with dynamic allocation, a loss leaves the target alone and the replacement is requested at once", () => {
    const conf = draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.minExecutors": "2", "spark.executor.cores": "1" });
    const r = run(scenario({ conf, jobs: [job([stage(0, 2, 20_000)])], startupMs: 1000, executorLosses: [{ atMs: 5000, executorId: "2", cause: "interruption" }] }));
    expect(eventsOf(r, "executorRequested").filter((e) => e.timeMs === 5000).map((e) => e.executorId)).toEqual(["3"]);
    expect(eventsOf(r, "targetChanged").filter((e) => e.timeMs >= 5000)).toEqual([]);
  });
});

describe("executor loss at a time, no earlier than a lifetime (the replay form)", () => {
  it("is lost at atMs when it registered early enough, else afterAddedMs after it registered", () => {
    const lostAt = (startupMs: number) =>
      eventsOf(
        run(scenario({ conf: STATIC_2, startupMs, jobs: [job([stage(0, 1, 60_000)])], executorLosses: [{ atMs: 10_000, afterAddedMs: 7000, executorId: "1", cause: "failure" }] })),
        "executorRemoved",
      ).find((e) => e.reason === "executor-lost")?.timeMs;
    expect(lostAt(1000)).toBe(10_000);
    expect(lostAt(5000)).toBe(12_000);
  });
});

describe("TaskSetManager.executorLost: Resubmitted map tasks", () => {
  // 1 slot on each of 2 executors; a map stage of 6 x 1 s; executor 1 is lost at 2.5 s, having
  // written 2 partitions (0-2 s) and running a third.
  const lossRun = (extra: Record<string, string>, cause: "interruption" | "failure") => {
    const conf = { "spark.executor.instances": "2", "spark.executor.cores": "1", ...extra };
    const s = scenario({
      conf,
      jobs: [job([stage(0, 6, 1000, { shuffleId: 0 }), stage(1, 1, 1000, { parents: [0] })])],
      executorLosses: [{ atMs: 2500, executorId: "1", cause }],
    });
    const r = run(s, undefined, { recordTasks: true });
    const t = r.tasks!;
    const rows = Array.from({ length: t.length }, (_, i) => i).filter((i) => t.stageId[i] === 0);
    const written = rows.filter((i) => t.executor[i] === 1 && t.failed[i] === 0 && t.endMs[i]! <= 2500).map((i) => t.partition[i]!);
    const reruns = rows.filter((i) => t.startMs[i]! >= 2500).map((i) => t.partition[i]!);
    return { r, written, reruns };
  };

  it("a running map stage takes back the partitions it wrote on the lost executor (no shuffle service)", () => {
    const { r, written, reruns } = lossRun({}, "interruption");
    const failed = eventsOf(r, "taskFailed").map((e) => e.partition);
    expect(written).toHaveLength(2);
    expect(failed).toHaveLength(1);
    // The written partitions go back to the same attempt's pending tasks: one attempt suffices.
    expect(eventsOf(r, "stageSubmitted").filter((e) => e.stageId === 0)).toHaveLength(1);
    expect([...reruns].sort()).toEqual([...written, ...failed].sort());
    expect(checkTerminationRules(r)).toEqual([]);
  });

  it("with the external shuffle service a failed executor's map output stays: only the running task runs again", () => {
    const { r, reruns } = lossRun({ "spark.shuffle.service.enabled": "true" }, "failure");
    expect(reruns).toEqual(eventsOf(r, "taskFailed").map((e) => e.partition));
  });
});
