import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { runScenario, resolveConf } from "../../src/run/runScenario.js";
import { simulate } from "../../sim/spark/SparkApplication.js";
import { fingerprint } from "../../src/check/checkTerminationRules.js";
import { checkTerminationRules } from "../../src/check/checkTerminationRules.js";
import { columnAt, eventsOf, removals, targetChanges, timeoutRemovals } from "../helpers/builders.js";

const SCENARIOS = join(dirname(fileURLToPath(import.meta.url)), "../../scenarios");

async function run(name: string, overrides: Record<string, string> = {}) {
  const { scenario } = await loadScenarioFile(join(SCENARIOS, `${name}.yaml`));
  return { scenario, ...runScenario(scenario, overrides) };
}


describe("scenarios/seed-trip-count.yaml (the seed's EMR on EKS request; key figures derived by hand)", () => {
  it("reads the request as written: Spark 3.0.1, min 5 / initial 10 / max 100, 6 cores, 20G", async () => {
    const { result } = await run("seed-trip-count");
    expect(result.sparkVersion).toBe("3.0.1");
    expect(result.conf).toMatchObject({ minExecutors: 5, initialExecutors: 10, maxExecutors: 100, executorCores: 6, executorMemoryMiB: 20480, shuffleTrackingActive: true });
  });

  it("ramps 10 -> 80 by doubling, then cuts to 70 when the first wave ends, cancelling 10 requests", async () => {
    const { result, summary } = await run("seed-trip-count");
    // The 10 initial executors register at 15 s (start-up 15 s): 8 of 10 = the driver's 80%,
    // so job 0 starts at 15 s; 480 scan tasks, 60 run. Backlog timer 16 s, then +1, +2, +4,
    // +8, +16, +32 every second (sustained 1 s), capped at 480/6 = 80 needed at 22 s.
    expect(targetChanges(result).slice(0, 9)).toEqual([
      [0, 10],
      [16_000, 11],
      [17_000, 13],
      [18_000, 17],
      [19_000, 25],
      [20_000, 41],
      [21_000, 73],
      [22_000, 80],
      // At 35 s the first 60 tasks (15-35 s) end: 420 remain, ceil(420/6) = 70. 41 executors
      // are up (10 + 31 registered 31-35 s) and 39 requested: 10 requests (ids 71-80) go.
      [35_000, 70],
    ]);
    expect(eventsOf(result, "executorRequestCancelled").map((e) => [e.timeMs, e.executorId])).toEqual(
      ["80", "79", "78", "77", "76", "75", "74", "73", "72", "71"].map((id) => [35_000, id]),
    );
    expect(summary.driverReadyMs).toBe(15_000);
    expect(summary.peakExecutors).toBe(70);
  });

  it("keeps all 70 executors through the 3 minutes of driver work: each holds shuffle 0", async () => {
    const { result, summary } = await run("seed-trip-count");
    // Every executor ran scan tasks (ids 42-70 register at 36 s and take the last 174 = 29 x 6
    // tasks), so all 70 hold shuffle 0; with tracking on and timeout never, none times out.
    // Stage 0 ends at 56 s (last wave 36-56 s), the count (200 x 2 s) at 58 s; job 1 at
    // 58 + 180 = 238 s reuses shuffle 0 (stage 0 skipped) and ends at 239 s.
    expect(timeoutRemovals(result)).toEqual([]);
    expect(columnAt(result, "pinned_shuffle_executors", 100_000)).toBe(70);
    expect(eventsOf(result, "jobStart")[1]).toMatchObject({ timeMs: 238_000, skippedStageIds: [0] });
    expect(summary.makespanMs).toBe(239_000);
    // Executor-seconds: 10 x 224 + 1 x 208 + 2 x 207 + 4 x 206 + 8 x 205 + 16 x 204 + 29 x 203.
    expect(summary.executorSeconds).toBe(14_477);
    // Busy slot-seconds 480 x 20 + 200 x 2 + 50 x 1 = 10050 over 14477 x 6 allocated.
    expect(summary.utilization).toBeCloseTo(10_050 / (14_477 * 6), 12);
    expect(summary.removalsByReason["application-end"]).toBe(70);
  });

  it("with a 60 s shuffle timeout (3.0: shuffle data alone -> that timeout) 65 executors go and job 1 recomputes lost partitions", async () => {
    const { result, summary } = await run("seed-trip-count", { "spark.dynamicAllocation.shuffleTracking.timeout": "60s" });
    expect(summary.removalsByReason["shuffle-idle-timeout"]).toBe(65); // 70 minus min 5
    const recompute = eventsOf(result, "stageSubmitted").find((e) => e.stageId === 0 && e.attempt === 1);
    expect(recompute?.timeMs).toBe(238_000);
    expect(summary.executorSeconds).toBeLessThan(14_477);
    expect(summary.makespanMs).toBeGreaterThan(239_000);
  });
});

describe("scenarios/seed-trip-count-spot.yaml (the seed's job with 10 executors reclaimed mid-scan)", () => {
  it("loses 10 executors at 45 s: their 60 running scan tasks run again, and scan output lost with executors is recomputed", async () => {
    const { result, summary } = await run("seed-trip-count-spot");
    const lost = eventsOf(result, "executorRemoved").filter((e) => e.reason === "executor-lost");
    expect(lost.filter((e) => e.timeMs === 45_000)).toHaveLength(10);
    expect(lost.every((e) => e.cause === "interruption")).toBe(true);
    // 6 slots on each of 10 executors, all busy with scan tasks at 45 s (wave 2, 35-55 s).
    const failed = eventsOf(result, "taskFailed");
    expect(failed.filter((e) => e.timeMs === 45_000)).toHaveLength(60);
    expect(failed.every((e) => !e.counted)).toBe(true);
    // Scan output written by lost executors goes back into the running scan attempt
    // (TaskSetManager.executorLost resubmits it), so the scan needs one attempt; two more
    // reclaims (the rate, at 71.7 s and 73.7 s) push its end to 93.7 s. A reclaim during the
    // idle minutes loses 7 more partitions, which the second query recomputes.
    const scans = eventsOf(result, "stageSubmitted").filter((e) => e.stageId === 0);
    expect(scans.map((e) => [e.timeMs, e.attempt, e.tasks])).toEqual([
      [15_000, 0, 480],
      [275_718, 1, 7],
    ]);
    expect(eventsOf(result, "stageSubmitted").find((e) => e.stageId === 1)?.timeMs).toBe(93_718);
    expect(summary.removalsByReason["executor-lost"]).toBe(13);
    // Against the job without losses (3:59, 14,477 executor-seconds): later and dearer.
    expect(summary.makespanMs).toBe(296_718);
    expect(summary.executorSeconds).toBeGreaterThan(14_477);
    expect(summary.jobsFailed).toBeUndefined();
  });
});

describe("scenarios/seed-trip-count-spot-decommission.yaml (the spot job with the two-minute warning and decommissioning)", () => {
  it("the warned executors decommission and migrate their scan output: the second query recomputes nothing; without decommissioning it recomputes 66 partitions", async () => {
    const { result, summary } = await run("seed-trip-count-spot-decommission");
    expect(result.sparkVersion).toBe("3.5.0");
    const noticed = eventsOf(result, "executorDecommissioned").filter((e) => e.trigger === "notice");
    // The 10 warned at 45 s, lost at 165 s, and two more warned by the rate.
    expect(noticed.filter((e) => e.timeMs === 45_000 && e.lossAtMs === 165_000)).toHaveLength(10);
    expect(noticed).toHaveLength(12);
    expect(eventsOf(result, "taskFailed")).toEqual([]);
    expect(summary.decommission).toMatchObject({ shuffleBlocksMigrated: 72, exitedUnexpectedly: 12 });
    // The scan runs once: 480 + 200 + 50 tasks, and 6 scan partitions a rate loss took before its warning ended.
    expect(summary.tasks).toBe(736);
    const without = await run("seed-trip-count-spot-decommission", { "spark.decommission.enabled": "false" });
    expect(eventsOf(without.result, "executorDecommissioned")).toEqual([]);
    expect(without.summary.tasks).toBe(802);
    expect(without.summary.makespanMs).toBe(summary.makespanMs);
    // Decommissioning executors are billed while they migrate and wait for the next round.
    expect(summary.executorSeconds).toBeGreaterThan(without.summary.executorSeconds);
  });
});

describe("scenarios/etl-long-shuffle-idle-driver.yaml (key figures derived by hand)", () => {
  it("ramps 1, 3, 7, 15, 31, 40 (capped at 160/4), all 160 extract tasks start by 16 s", async () => {
    const { result } = await run("etl-long-shuffle-idle-driver");
    expect(targetChanges(result).slice(0, 7)).toEqual([
      [0, 0],
      [1000, 1],
      [2000, 3],
      [3000, 7],
      [4000, 15],
      [5000, 31],
      [6000, 40],
    ]);
    expect(columnAt(result, "running_tasks", 16_000)).toBe(160);
  });

  it("keeps the 40 shuffle-holding executors idle until the 30-min periodic GC cleans both shuffles", async () => {
    const { result, summary } = await run("etl-long-shuffle-idle-driver");
    // Extract ends 76 s, transform 106 s, load 121 s (job 0 end). Shuffles 0 and 1 are then
    // unreferenced; the GC at 1800 s cleans them; every executor's idle deadline (121 s + 60 s)
    // has passed, min 0 and target 0: all 40 go at 1800 s.
    expect(eventsOf(result, "shuffleCleaned").map((e) => [e.timeMs, e.shuffleId])).toEqual([
      [1_800_000, 0],
      [1_800_000, 1],
    ]);
    expect(timeoutRemovals(result).map(([t]) => t)).toEqual(Array(40).fill(1_800_000));
    expect(columnAt(result, "pinned_shuffle_executors", 1_799_999)).toBe(40);
    // Audit job at 121 + 2400 s needs a new executor (id 41, 10 s start-up), runs 5 s.
    expect(summary.makespanMs).toBe(2_537_000);
    // 1789 + 2 x 1788 + 4 x 1787 + 8 x 1786 + 16 x 1785 + 9 x 1784 + 5 (executor 41).
    expect(summary.executorSeconds).toBe(71_422);
    expect(summary.peakExecutors).toBe(40);
  });
});

describe("scenarios/iterative-cached.yaml (key figures derived by hand)", () => {
  it("keeps the cached executors through the iterations, then releases all but min at the unpersist", async () => {
    const { result, summary } = await run("iterative-cached");
    // 2 initial executors at 10 s start the load; the ramp reaches 20 (80/4) at 15 s; the load
    // ends at 45 s with every executor holding RDD 1 blocks. Iterations at 75, 110, 145, 180,
    // 215 s (5 s each). After 220 s the executors are idle with cached blocks (5 min timeout);
    // the unpersist at 400 s falls back to 220 + 60 s, already past: 18 go at once (min 2),
    // the first 18 ids as strings, leaving "8" and "9".
    expect(summary.driverReadyMs).toBe(10_000);
    expect(columnAt(result, "pinned_cache_executors", 100_000)).toBe(20);
    expect(timeoutRemovals(result).map(([t, id, reason]) => [t, id, reason])).toEqual(
      ["1", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "2", "20", "3", "4", "5", "6", "7"].map((id) => [400_000, id, "idle-timeout"]),
    );
    expect(removals(result).filter(([, , r]) => r === "application-end").map(([, id]) => id)).toEqual(["8", "9"]);
    expect(summary.makespanMs).toBe(825_000);
    // 390 + 390 + 379 + 2 x 378 + 2 x 377 + 2 x 802 + 8 x 376 + 3 x 375.
    expect(summary.executorSeconds).toBe(8_406);
  });

  it("without the unpersist the same executors go at 5 min idle, as cached-idle-timeout", async () => {
    const { scenario } = await loadScenarioFile(join(SCENARIOS, "iterative-cached.yaml"));
    const noUnpersist = { ...scenario, workload: { ...scenario.workload, unpersist: [] } };
    const result = simulate(noUnpersist, resolveConf(noUnpersist).conf);
    expect(new Set(timeoutRemovals(result).map(([t, , reason]) => `${t} ${reason}`))).toEqual(new Set(["520000 cached-idle-timeout"]));
  });
});

describe("scenarios/bursty-short-jobs.yaml (key figures derived by hand)", () => {
  it("ramps each burst from zero, cuts the target as work drains, and tops up by one when a job backlogs", async () => {
    const { result } = await run("bursty-short-jobs");
    // Burst 1: 48 tasks x 2 s, 4 cores -> 12 needed. Requests 1, 2-3, 4-7, 8-12 at 1-4 s
    // (5 s start-up). At 8 s exec 1's first tasks end: 44 left -> 11, cancelling id 12. Job 1
    // (14 s) finds 11 executors = 44 slots for 48 tasks: at 15 s the add branch asks for
    // max(0, 11) + 1 = 12 (id 13), cancelled at 16 s when the last 4 tasks start.
    expect(targetChanges(result).slice(0, 12)).toEqual([
      [0, 0],
      [1000, 1],
      [2000, 3],
      [3000, 7],
      [4000, 12],
      [8000, 11],
      [9000, 9],
      [10_000, 4],
      [11_000, 0],
      [15_000, 12],
      [16_000, 1],
      [18_000, 0],
    ]);
  });

  it("releases each burst's executors 30 s after its last tasks, and re-pays ramp and start-up", async () => {
    const { result, summary } = await run("bursty-short-jobs");
    // Burst 1 ends at 32 s: 7 executors idle since 30 s go at 60 s, the 4 that ran the last
    // 4 tasks (30-32 s) at 62 s. Burst 2 (152-184 s) likewise at 212 / 214 s. Burst 3
    // (304-336 s) ends with the application.
    expect(timeoutRemovals(result).map(([t]) => t)).toEqual([...Array(7).fill(60_000), ...Array(4).fill(62_000), ...Array(7).fill(212_000), ...Array(4).fill(214_000)]);
    expect(summary.makespanMs).toBe(336_000);
    expect(summary).toMatchObject({ executorsRequested: 45, executorsAdded: 33, requestsCancelled: 12, peakExecutors: 11 });
    // Per released burst: 54 + 53 x 2 + 52 x 4 + 51 x 4 + 4 x 2 s = 580; last burst to 336 s:
    // 26 + 25 x 2 + 24 x 4 + 23 x 4 = 264.
    expect(summary.executorSeconds).toBe(580 + 580 + 264);
    expect(summary.utilization).toBeCloseTo((12 * 48 * 2) / (1424 * 4), 12);
  });
});

describe("scenarios/gpu-stage-resource-profile.yaml (stage-level scheduling; key figures derived by hand)", () => {
  it("ramps the GPU profile's own target 1, 3, 7, 8 when its stage is submitted, on GPU executors only", async () => {
    const { result } = await run("gpu-stage-resource-profile");
    // Stage 1 (16 tasks, 2 per GPU executor: 2 cores, 1 GPU, half a GPU per task) is submitted
    // at 21 021 ms; the backlog timer (1 s) fires at the 22 100 ms tick, then every second.
    const gpu = eventsOf(result, "targetChanged").filter((e) => e.resourceProfileId === 1);
    expect(gpu.slice(0, 4).map((e) => [e.timeMs, e.target])).toEqual([
      [22_100, 1],
      [23_100, 3],
      [24_100, 7],
      [25_100, 8],
    ]);
    const added = eventsOf(result, "executorAdded");
    expect(added.filter((e) => e.resourceProfileId === 1).map((e) => e.executorId)).toEqual(["11", "12", "13", "14", "15", "16", "17", "18"]);
    // The default profile's target meanwhile falls to 0 (its stage is done).
    expect(targetChanges(result).filter(([t]) => t > 21_021 && t < 99_186)).toContainEqual([21_100, 0]);
  });

  it("cannot run the CPU report on the idle GPU executors: it asks for new default executors while three GPU ones idle", async () => {
    const { result } = await run("gpu-stage-resource-profile");
    const gpuIds = new Set(eventsOf(result, "executorAdded").filter((e) => e.resourceProfileId === 1).map((e) => e.executorId));
    const cpuAfterReport = eventsOf(result, "executorAdded").filter((e) => e.timeMs > 99_186);
    expect(cpuAfterReport.length).toBe(7);
    expect(cpuAfterReport.every((e) => e.resourceProfileId === undefined)).toBe(true);
    // GPU executors 12, 13 and 14 (idle since the scoring stage's end) are still up at the end.
    const atEnd = eventsOf(result, "executorRemoved").filter((e) => e.reason === "application-end" && gpuIds.has(e.executorId));
    expect(atEnd.map((e) => e.executorId)).toEqual(["12", "13", "14"]);
  });
});

describe("every scenario file", () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml") || f.endsWith(".json")).filter((f) => !f.startsWith("emr-on-eks"));

  it("is covered by a golden test above", () => {
    expect(files.sort()).toEqual(["bursty-short-jobs.yaml", "etl-long-shuffle-idle-driver.yaml", "gpu-stage-resource-profile.yaml", "iterative-cached.yaml", "seed-trip-count-spot-decommission.yaml", "seed-trip-count-spot.yaml", "seed-trip-count.yaml"]);
  });

  for (const file of files) {
    it(`${file}: holds every termination rule, is deterministic, and skipping idle ticks changes nothing`, async () => {
      const { scenario } = await loadScenarioFile(join(SCENARIOS, file));
      const { conf } = resolveConf(scenario);
      const a = simulate(scenario, conf, { recordTasks: true });
      const b = simulate(scenario, conf, { recordTasks: true });
      expect(checkTerminationRules(a, { rerun: b })).toEqual([]);
      const everyTick = simulate(scenario, conf, { evaluateEveryTick: true });
      expect(fingerprint(everyTick)).toEqual(fingerprint(a));
      expect(everyTick.stats.ticksEvaluated).toBeGreaterThan(a.stats.ticksEvaluated);
    });
  }
});

describe("scenarios/seed-trip-count.yaml on Spark's Kubernetes pod allocator (--cluster-manager kubernetes; derived by hand)", () => {
  it("Spark 3.5 (as a current EMR release runs it): pods 5 a second, pending pods kept through the target cut, the 10 not needed released idle", async () => {
    const { scenario } = await loadScenarioFile(join(SCENARIOS, "seed-trip-count.yaml"));
    const onK8s = { ...scenario, sparkVersion: "3.5", cluster: { ...scenario.cluster, manager: "kubernetes" as const } };
    const { result, summary } = runScenario(onK8s);
    // Initial 10: pods 1-5 at 0, 6-10 at 1 s (batch 5); they register at 15 and 16 s, so the
    // driver (8 needed) starts job 0 at 16 s. The ramp's targets (11, 13, 17, 25, ...) become
    // pods at the rounds: 1 at 17 s (immediate: nothing outstanding), 2, 4, then 5 a second
    // until 80 at 32 s.
    const perRound = new Map<number, number>();
    for (const e of eventsOf(result, "executorRequested")) perRound.set(e.timeMs, (perRound.get(e.timeMs) ?? 0) + 1);
    expect([...perRound]).toEqual([
      [0, 5],
      [1000, 5],
      [17_000, 1],
      [18_000, 2],
      [19_000, 4],
      ...[20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31].map((s): [number, number] => [s * 1000, 5]),
      [32_000, 3],
    ]);
    // At 36 s the target falls to 70, but every pending pod is younger than 60 s: none is
    // deleted; all 80 register (the last at 47 s). 71-80 get no scan task (the last 18 scan
    // tasks go to 68-70 at 45 s), only count tasks; idle from 67 s, they go at 127 s.
    expect(eventsOf(result, "executorRequestCancelled")).toEqual([]);
    expect(timeoutRemovals(result).map(([t, id]) => [t, id])).toEqual(["71", "72", "73", "74", "75", "76", "77", "78", "79", "80"].map((id) => [127_000, id]));
    expect(eventsOf(result, "jobStart").map((e) => e.timeMs)).toEqual([16_000, 247_000]);
    expect(summary).toMatchObject({ makespanMs: 248_000, peakExecutors: 80, executorsAdded: 80 });
    // 5 x 233 + 5 x 232 + 216 + 2 x 215 + 4 x 214 + 5 x (213 + 212 + ... + 204) + 3 x 203
    // + 2 x 82 + 5 x 81 + 3 x 80.
    expect(summary.executorSeconds).toBe(15_670);
  });

  it("Spark 3.0.1 (the request's emr-6.2.0): a new batch only once every pod runs, so 5 pods per start-up (15 s)", async () => {
    const { scenario } = await loadScenarioFile(join(SCENARIOS, "seed-trip-count.yaml"));
    const { result, summary } = runScenario({ ...scenario, cluster: { ...scenario.cluster, manager: "kubernetes" as const } });
    // Pods 1-5 at 0; 6-10 at 15 s, when 1-5 run; the driver starts at 30 s when 6-10 run.
    // The tick at 31 s asks for 11 with nothing outstanding: an immediate round creates 1;
    // then each batch waits for the last: 46, 61, 76, 91 s (5 each), while the target is 80.
    const perRound = new Map<number, number>();
    for (const e of eventsOf(result, "executorRequested")) perRound.set(e.timeMs, (perRound.get(e.timeMs) ?? 0) + 1);
    expect([...perRound].slice(0, 7)).toEqual([
      [0, 5],
      [15_000, 5],
      [31_000, 1],
      [46_000, 5],
      [61_000, 5],
      [76_000, 5],
      [91_000, 5],
    ]);
    expect(summary.driverReadyMs).toBe(30_000);
    expect(summary.peakExecutors).toBeLessThan(40);
    expect(summary.makespanMs).toBeGreaterThan(300_000);
  });
});
