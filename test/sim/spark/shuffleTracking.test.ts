import { describe, expect, it } from "vitest";
import { draConf, eventsOf, job, run, scenario, stage, timeoutRemovals } from "../../helpers/builders.js";


/** Two 1-core executors from the start (initial 2, min 0); DRA with shuffle tracking. */
const conf = (extra: Record<string, string> = {}): Record<string, string> =>
  draConf({ "spark.dynamicAllocation.initialExecutors": "2", ...extra });

/**
 * Job 0: a 2-task map stage (1 s, shuffle 0) then a 1-task reduce of 200 s. One executor runs
 * the reduce; the other is idle from 1000 holding shuffle 0. Job 1, 2000 s later, is unrelated.
 */
const mapThenLongReduce = (extraConf: Record<string, string> = {}, sparkVersion = "3.5") =>
  scenario({
    sparkVersion,
    conf: conf(extraConf),
    jobs: [
      job([stage(0, 2, 1000, { shuffleId: 0 }), stage(1, 1, 200_000, { parents: [0] })]),
      job([stage(2, 1, 1000)], { afterPreviousMs: 2_000_000 }),
    ],
  });

describe("shuffle tracking (spec §7.5)", () => {
  it("never removes an executor holding shuffle data of a running job, and keeps it after the job until the ContextCleaner cleans the shuffle", () => {
    const r = run(mapThenLongReduce());
    // Both hold shuffle 0; the default shuffle timeout is infinite, so they stay until the
    // periodic GC at 30 min cleans shuffle 0 (no later job uses it). Their idle deadlines
    // (1000 + 60 s and 201000 + 60 s) have passed, so both go at that tick.
    expect(eventsOf(r, "shuffleCleaned")).toEqual([{ timeMs: 1_800_000, type: "shuffleCleaned", shuffleId: 0 }]);
    expect(timeoutRemovals(r).map(([t, , reason]) => [t, reason])).toEqual([
      [1_800_000, "idle-timeout"],
      [1_800_000, "idle-timeout"],
    ]);
  });

  it("SPARK-43398 (3.4.1+): a finite shuffle timeout shorter than the idle timeout gives max(idle, shuffle) from idle start", () => {
    const r = run(mapThenLongReduce({ "spark.dynamicAllocation.shuffleTracking.timeout": "10s" }));
    // At job end (201000) the shuffle goes inactive: the executor idle since 1000 is past
    // 1000 + 60 s and goes at once; the other, idle since 201000, at 261000.
    expect(timeoutRemovals(r).map(([t, , reason]) => [t, reason])).toEqual([
      [201_000, "idle-timeout"],
      [261_000, "idle-timeout"],
    ]);
  });

  it("before 3.4.1 an executor with shuffle data only times out after shuffleTracking.timeout alone", () => {
    const r = run(mapThenLongReduce({ "spark.dynamicAllocation.shuffleTracking.timeout": "10s" }, "3.4.0"));
    expect(timeoutRemovals(r).map(([t, , reason]) => [t, reason])).toEqual([
      [201_000, "shuffle-idle-timeout"],
      [211_000, "shuffle-idle-timeout"],
    ]);
  });

  it("with the external shuffle service shuffle data never pins: the idle executor goes during the running job", () => {
    const r = run(mapThenLongReduce({ "spark.shuffle.service.enabled": "true" }));
    // Idle since 1000 with 60 s timeout; the reduce keeps the target at 1, and 2 - 1 >= 1.
    expect(timeoutRemovals(r)[0]?.slice(0, 1)).toEqual([61_000]);
    // The cleaner still cleans the shuffle (files on the service); it just never pinned anyone.
    expect(eventsOf(r, "shuffleCleaned").map((e) => e.timeMs)).toEqual([1_800_000]);
  });

  it("a periodic GC interval of 5 min cleans unreferenced shuffles at 300 s", () => {
    const r = run(mapThenLongReduce({ "spark.cleaner.periodicGC.interval": "5min" }));
    expect(eventsOf(r, "shuffleCleaned").map((e) => e.timeMs)).toEqual([300_000]);
    expect(timeoutRemovals(r).map(([t]) => t)).toEqual([300_000, 300_000]);
  });

  it("with spark.cleaner.referenceTracking=false shuffles are never cleaned and the executors stay to the end", () => {
    const r = run(mapThenLongReduce({ "spark.cleaner.referenceTracking": "false" }));
    expect(eventsOf(r, "shuffleCleaned")).toHaveLength(0);
    expect(timeoutRemovals(r)).toEqual([]);
  });

  it("a later job that reuses a shuffle skips the stage and pins the executors holding it until that job ends", () => {
    const s = scenario({
      conf: conf({ "spark.dynamicAllocation.shuffleTracking.timeout": "10s" }),
      jobs: [
        job([stage(0, 2, 1000, { shuffleId: 0 }), stage(1, 1, 1000, { parents: [0] })]),
        job([stage(2, 1, 120_000, { parents: [0] })], { afterPreviousMs: 30_000 }),
      ],
    });
    const r = run(s);
    const starts = eventsOf(r, "jobStart");
    expect(starts[1]).toMatchObject({ timeMs: 32_000, stageIds: [0, 2], skippedStageIds: [0] });
    expect(eventsOf(r, "stageSubmitted").map((e) => e.stageId)).toEqual([0, 1, 2]);
    // Without reuse the idle executor would go at 1000 + 60 s or 2000 + 60 s; job 1 pins it
    // again until it ends at 152000, when its deadline has long passed.
    expect(timeoutRemovals(r)).toEqual([]);
    expect(eventsOf(r, "applicationEnd")[0]?.timeMs).toBe(152_000);
  });

  it("a reused shuffle whose executors were removed is recomputed, missing partitions only", () => {
    // Four 1-core executors run the 4 map tasks (0-1000); one runs the reduce (1000-2000).
    // min 1: at 61000 the three idle since 1000 are removed; the fourth (deadline 62000)
    // is kept by the floor. Job 1 then recomputes the 3 lost partitions as attempt 1.
    const s = scenario({
      conf: conf({
        "spark.dynamicAllocation.initialExecutors": "4",
        "spark.dynamicAllocation.minExecutors": "1",
        "spark.dynamicAllocation.shuffleTracking.timeout": "10s",
      }),
      jobs: [
        job([stage(0, 4, 1000, { shuffleId: 0 }), stage(1, 1, 1000, { parents: [0] })]),
        job([stage(2, 1, 1000, { parents: [0] })], { afterPreviousMs: 100_000 }),
      ],
    });
    const r = run(s);
    expect(timeoutRemovals(r).map(([t]) => t)).toEqual([61_000, 61_000, 61_000]);
    const submitted = eventsOf(r, "stageSubmitted").map((e) => [e.timeMs, e.stageId, e.attempt, e.tasks]);
    // The kept executor takes one lost partition; two wait for new executors.
    expect(submitted.slice(0, 3)).toEqual([
      [0, 0, 0, 4],
      [1000, 1, 0, 1],
      [102_000, 0, 1, 3],
    ]);
    expect(submitted[3]?.slice(1)).toEqual([2, 0, 1]);
    expect(eventsOf(r, "jobStart")[1]?.skippedStageIds).toEqual([]);
  });
});

describe("lost map outputs of a waiting stage's parent (no tracking, no shuffle service: testing mode)", () => {
  it("resubmits the lost parent when the child becomes runnable (DAGScheduler.submitWaitingChildStages)", () => {
    // P1 (1 s) and P2 (200 s) feed C. P1's executor goes idle at 1 s and is removed at 61 s
    // (target 1 for P2's running task, 2 - 1 >= 1); its shuffle output goes with it. When P2
    // ends at 200 s, C is submitted again, which resubmits P1 (attempt 1) first.
    const s = scenario({
      conf: {
        "spark.dynamicAllocation.initialExecutors": "2",
        "spark.dynamicAllocation.shuffleTracking.enabled": "false",
        "spark.dynamicAllocation.testing": "true",
      },
      jobs: [job([stage(0, 1, 1000, { shuffleId: 0 }), stage(1, 1, 200_000, { shuffleId: 1 }), stage(2, 1, 1000, { parents: [0, 1] })])],
    });
    const r = run(s);
    expect(eventsOf(r, "stageSubmitted").map((e) => [e.timeMs, e.stageId, e.attempt])).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [200_000, 0, 1],
      [expect.any(Number), 2, 0],
    ]);
    expect(eventsOf(r, "applicationEnd")).toHaveLength(1);
  });
});
