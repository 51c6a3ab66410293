import { describe, expect, it } from "vitest";
import type { StageSpec } from "../../sim/scenario/Scenario.js";
import { type SparkEvent, readSparkEvents } from "../../src/eventlog/index.js";
import { ReplayError, WorkloadExtractor, extractWorkload, extractWorkloadFromEvents, modelSparkVersion } from "../../src/replay/index.js";
import { itShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-extract");
const DRA = { "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" };

function stages(scenario: { workload: { jobs: readonly { stages: readonly StageSpec[] }[] } }): StageSpec[] {
  return scenario.workload.jobs.flatMap((j) => j.stages);
}

describe("task durations", () => {
  it("keep the first successful attempt of each index, fall back to later stage attempts, then to the mean", async () => {
    const s0 = { id: 0, tasks: 4 };
    const log = new SyntheticLog().start(DRA).executor("1", 2000, 4).executor("2", 2000, 4);
    log.jobStart(0, 1000, [s0]).stageSubmitted(s0, 1000);
    log.task(0, 0, "1", 1000, 4000); // 3000
    log.task(0, 1, "1", 1000, 2000, { reason: "ExceptionFailure" }); // failed, 1000
    log.task(0, 1, "2", 2000, 7000, { attempt: 1 }); // 5000: first success of index 1
    log.task(0, 2, "1", 1000, 9000); // 8000 (straggler) ...
    log.task(0, 2, "2", 3000, 5000, { attempt: 1, speculative: true }); // ... a speculative copy succeeding too
    log.task(0, 3, "1", 1000, 1500, { reason: "ExecutorLostFailure" }); // index 3 never succeeds in attempt 0
    // A retry attempt whose only task has index 0: it cannot stand in for index 3.
    log.stageSubmitted(s0, 10_000, 1).task(0, 0, "2", 10_000, 16_000, { stageAttempt: 1 });
    log.stageCompleted(s0, 1000, 16_000, 1).jobEnd(0, 16_000).end(17_000);
    const { scenario, notes } = await extractWorkload(log.write(dir, "durations"));
    const [stage] = stages(scenario);
    // Index 3 never succeeded in attempt 0 and the later attempt ran only its own index 0:
    // it gets the mean of the successful durations (3000, 5000, 8000, 2000, 6000).
    expect(stage!.taskDurationMs).toEqual(Float64Array.of(3000, 5000, 8000, 4800));
    expect(notes.counts.tasksWithMeanDuration).toBe(1);
    expect(notes.dropped.failed).toEqual({ count: 2, taskMs: 1500 });
    expect(notes.dropped.duplicate).toEqual({ count: 2, taskMs: 8000 });
    expect(notes.dropped.speculative).toEqual({ count: 1, taskMs: 2000 });
    expect(notes.counts).toMatchObject({ stages: 1, stageAttempts: 2, tasks: 4, taskEnds: 7 });
  });

  it("uses a later stage attempt's success for an index that never succeeded in the first", async () => {
    const s0 = { id: 0, tasks: 2 };
    const log = new SyntheticLog().start(DRA).executor("1", 2000, 2);
    log.jobStart(0, 1000, [s0]).stageSubmitted(s0, 1000);
    log.task(0, 0, "1", 1000, 3000).task(0, 1, "1", 1000, 1200, { reason: "FetchFailed" });
    log.stageSubmitted({ id: 0, tasks: 1 }, 5000, 1).task(0, 1, "1", 5000, 9000, { stageAttempt: 1 });
    log.stageCompleted(s0, 1000, 9000, 1).jobEnd(0, 9000).end(9000);
    const { scenario, notes } = await extractWorkload(log.write(dir, "retry"));
    expect(stages(scenario)[0]!.taskDurationMs).toEqual(Float64Array.of(2000, 4000));
    expect(notes.counts.tasksFromLaterAttempt).toBe(1);
  });
});

describe("stage graph", () => {
  it("keeps parents from earlier jobs, drops parents that never ran, and gives shuffle ids to map stages", async () => {
    const s0 = { id: 0, tasks: 1, cachedRddId: 7 };
    const s1 = { id: 1, tasks: 1, parents: [0] };
    const s2 = { id: 2, tasks: 1, parents: [0, 9] }; // 9 is listed but never runs (reused exchange)
    const log = new SyntheticLog().start(DRA).executor("1", 500);
    log.jobStart(0, 1000, [s0, s1]).stageSubmitted(s0, 1000).task(0, 0, "1", 1000, 2000, { shuffleMap: true }).stageCompleted(s0, 1000, 2000);
    log.stageSubmitted(s1, 2000).task(1, 0, "1", 2000, 3000).stageCompleted(s1, 2000, 3000).jobEnd(0, 3000);
    log.unpersist(7);
    log.jobStart(1, 4000, [s0, { id: 9, tasks: 3 }, s2]).stageSubmitted(s2, 4000).task(2, 0, "1", 4000, 5000).stageCompleted(s2, 4000, 5000).jobEnd(1, 5000);
    log.unpersist(42).end(6000);
    const { scenario, notes } = await extractWorkload(log.write(dir, "graph"));
    expect(scenario.workload.jobs.map((j) => j.stages.map((s) => s.id))).toEqual([[0, 1], [2]]);
    const [st0, st1, st2] = stages(scenario);
    expect(st0).toMatchObject({ id: 0, parents: [], shuffleId: 0, cacheRddId: 7 });
    expect(st1).toMatchObject({ id: 1, parents: [0] });
    expect(st1!.shuffleId).toBeUndefined();
    expect(st2).toMatchObject({ id: 2, parents: [0] });
    expect(notes.counts.parentsNeverRun).toBe(1);
    // UnpersistRDD has no time of its own: the latest time seen before it (job 0's end).
    expect(scenario.workload.unpersist).toEqual([{ rddId: 7, atMs: 3000 }]);
    expect(notes.counts.unpersistsIgnored).toBe(1);
  });

  it("chains the stages of each job when the log has no parent information (Spark 1.2)", async () => {
    const a = { id: 0, tasks: 1 };
    const b = { id: 1, tasks: 1 };
    const log = new SyntheticLog().start({ "spark.master": "local[*]" }, null);
    log.jobStart(0, 1000, [a, b]).stageSubmitted(a, 1000).task(0, 0, "driver", 1000, 2000).stageCompleted(a, 1000, 2000);
    log.stageSubmitted(b, 2000).task(1, 0, "driver", 2000, 2500).stageCompleted(b, 2000, 2500).jobEnd(0, 2500).end(3000);
    const { scenario, notes } = await extractWorkload(log.write(dir, "chained"));
    expect(stages(scenario).map((s) => [s.id, s.parents, s.shuffleId])).toEqual([
      [0, [], 0],
      [1, [0], undefined],
    ]);
    expect(notes.messages.some((m) => m.includes("no stage parent information"))).toBe(true);
    expect(scenario.sparkVersion).toBe("3.0");
  });
});

describe("conf, version and start-up", () => {
  it("sets spark.executor.cores from the executors when the log does not, and estimates start-up from the initial executors", async () => {
    const props = { ...DRA, "spark.dynamicAllocation.initialExecutors": "3" };
    const log = new SyntheticLog().start(props).executor("1", 4000, 4).executor("2", 6000, 4).executor("3", 9000, 2).executor("4", 30_000, 4);
    log.sequentialJob(0, { id: 0, tasks: 1 }, 12_000, 1000);
    const { scenario, notes } = await extractWorkload(log.write(dir, "startup-initial"));
    expect(scenario.conf["spark.executor.cores"]).toBe("4");
    // On YARN the median (6 s) less the container's arrival (AM heartbeats 200 + 400 + 800 ms) is the launch latency.
    expect(notes.executorStartup).toMatchObject({ method: "initial-executors", executorStartupMs: 4600, sampleMs: [4000, 6000, 9000] });
    expect(scenario.cluster).toMatchObject({ manager: "yarn", executorStartupMs: 4600, yarn: { amStartupMs: 0 } });
    // ceil(3 x 0.8) = 3 executors registered at 9 s; job 0 started 3 s later.
    expect(notes.driverReadyObservedMs).toBe(9000);
    expect(scenario.workload.jobs[0]).toMatchObject({ afterPreviousMs: 3000 });
  });

  it("estimates start-up from the first request when DRA starts from zero", async () => {
    const log = new SyntheticLog().start({ ...DRA, "spark.dynamicAllocation.schedulerBacklogTimeout": "2s" });
    const s0 = { id: 0, tasks: 1 };
    log.jobStart(0, 10_000, [s0]).stageSubmitted(s0, 10_000).executor("1", 19_000).task(0, 0, "1", 19_000, 20_000);
    log.stageCompleted(s0, 10_000, 20_000).jobEnd(0, 20_000).end(21_000);
    const { notes, scenario } = await extractWorkload(log.write(dir, "startup-first-request"));
    // Backlog from 10 s, asked at 12 s, registered at 19 s: 7 s, of which 1.4 s is the container's arrival on YARN.
    expect(notes.executorStartup).toMatchObject({ method: "requested-executors", executorStartupMs: 5600, sampleMs: [7000] });
    expect(notes.driverReadyObservedMs).toBe(0);
    expect(scenario.workload.jobs[0]).toMatchObject({ afterPreviousMs: 10_000 });
  });

  it("uses a given start-up latency as is", async () => {
    const log = new SyntheticLog().start(DRA);
    log.sequentialJob(0, { id: 0, tasks: 1 }, 1000, 1000, "driver");
    const { notes } = await extractWorkload(log.end(3000).write(dir, "startup-given"), { executorStartupMs: 1234 });
    expect(notes.executorStartup).toMatchObject({ method: "given", executorStartupMs: 1234 });
  });

  it.each([
    ["3.1.1.119", "3.1.1", true],
    ["3.3.0-amzn-0", "3.3.0", true],
    ["3.4.1", "3.4.1", true],
    ["2.5.0-SNAPSHOT", "3.0", false],
    ["2.4.0-SNAPSHOT", "3.0", false],
    ["1.6.1", "3.0", false],
    ["4.2.0-SNAPSHOT", "4.1", false],
    ["3.1.0-SNAPSHOT", "3.1", false],
    ["3.5.10-SNAPSHOT", "3.5", false],
  ] as const)("maps logged Spark %s to the %s model", (logged, model, silent) => {
    const choice = modelSparkVersion(logged);
    expect(choice.version).toBe(model);
    expect(choice.note === undefined).toBe(silent);
  });

  it("says what the 1.x/2.x policy does differently, and handles a missing version", () => {
    expect(modelSparkVersion("1.6.1").note).toMatch(/one by one with only the minExecutors floor/);
    expect(modelSparkVersion(undefined)).toMatchObject({ version: "3.0" });
  });
});

describe("a log with nothing to replay", () => {
  it("is a ReplayError naming the log", async () => {
    const path = new SyntheticLog().start(DRA).executor("1", 1000).end(5000).write(dir, "no-jobs");
    await expect(extractWorkload(path)).rejects.toThrow(ReplayError);
    await expect(extractWorkload(path)).rejects.toThrow(/no-jobs has no job that ran a stage \(0 jobs started\)/);
  });
});

describe("extractWorkloadFromEvents", () => {
  itShared("gives the same workload from events in memory as from the file", async () => {
    const path = sharedLog("sparklint/application_1489705648216_1600");
    const events: SparkEvent[] = [];
    for await (const e of readSparkEvents(path)) events.push(e);
    const fromFile = await extractWorkload(path);
    const fromEvents = extractWorkloadFromEvents(events);
    expect(fromEvents.scenario).toEqual(fromFile.scenario);
    expect(fromEvents.notes).toEqual(fromFile.notes);
  });
});

describe("cluster manager of the replay", () => {
  itShared("replays a Kubernetes log on Spark's pod allocator and a YARN log on Spark's YarnAllocator", async () => {
    const k8s = await extractWorkload(sharedLog("kubeflow-mcp-apache-spark-history-server/eventlog_v2_spark-cc4d115f011443d787f03a71a476a745"));
    expect(k8s.scenario.cluster.manager).toBe("kubernetes");
    const yarn = await extractWorkload(sharedLog("apache-spark/application_1628109047826_1317105"));
    expect(yarn.scenario.cluster.manager).toBe("yarn");
    expect(yarn.notes.cluster.lines[0]).toBe("cluster manager yarn: spark.master=yarn (Spark's YarnAllocator)");
    const given = await extractWorkload(sharedLog("apache-spark/application_1628109047826_1317105"), { clusterManager: "generic" });
    expect(given.scenario.cluster.manager).toBeUndefined();
  });
  it("replays a local-cluster log on the standalone Master with its workers as cluster.nodes (a log the project made)", async () => {
    const r = await extractWorkload("oracle/corpus/logs/min-initial-floors--3.5.7.zstd");
    expect(r.scenario.cluster.manager).toBe("standalone");
    expect(r.scenario.cluster.nodes).toMatchObject({ count: 1 });
    expect(r.scenario.cluster.nodes!.cores).toBeGreaterThan(0);
    expect(r.notes.cluster.lines[0]).toMatch(/^cluster manager standalone: spark\.master=local-cluster\[1,/);
    expect(r.notes.cluster.lines.some((l) => /^standalone workers: 1 of \d+ cores/.test(l))).toBe(true);
  });
});

describe("WorkloadExtractor", () => {
  it("lets go of what it kept once finished: a second finish, or an event after it, is the caller's error, not an internal one", async () => {
    const s0 = { id: 0, tasks: 1 };
    const log = new SyntheticLog().start(DRA).executor("1", 500);
    log.jobStart(0, 1000, [s0]).stageSubmitted(s0, 1000).task(0, 0, "1", 1000, 2000).stageCompleted(s0, 1000, 2000).jobEnd(0, 2000).end(3000);
    const extractor = new WorkloadExtractor();
    const events: SparkEvent[] = [];
    for await (const batch of readSparkEvents(log.write(dir, "finish-once"), { fields: "workload" }).batches()) events.push(...batch);
    for (const e of events) extractor.add(e);
    expect(extractor.finish().scenario.workload.jobs).toHaveLength(1);
    expect(() => extractor.finish()).toThrow(/^WorkloadExtractor\.finish called after finish: .*create a new one/);
    expect(() => extractor.add(events[0]!)).toThrow(/^WorkloadExtractor\.add called after finish: .*create a new one/);
  });
});
