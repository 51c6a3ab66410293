import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../sim/result/SimEvent.js";
import { jobSubmissions, replayEventLog } from "../../src/replay/index.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-job-timing");

const STATIC_ONE_EXECUTOR = { "spark.master": "yarn", "spark.executor.instances": "1", "spark.executor.cores": "1" };

function jobTimes(events: readonly SimEvent[]): { start: number[]; end: number[] } {
  const start: number[] = [];
  const end: number[] = [];
  for (const e of events) {
    if (e.type === "jobStart") start[e.jobIndex] = e.timeMs;
    if (e.type === "jobEnd") end[e.jobIndex] = e.timeMs;
  }
  return { start, end };
}

/**
 * Job 0: 4 tasks of 10 s, one after the other on the one executor (10 s - 50 s); 5 s of
 * driver time; job 1: one 2 s task (55 s - 57 s).
 */
function twoJobLog(name: string): string {
  const log = new SyntheticLog().start(STATIC_ONE_EXECUTOR).executor("1", 5000);
  const end0 = log.sequentialJob(0, { id: 0, tasks: 4 }, 10_000, 10_000);
  log.sequentialJob(1, { id: 1, tasks: 1 }, end0 + 5000, 2000);
  return log.end(60_000).write(dir, name);
}

describe("driver time between jobs is kept (Sparklens-style)", () => {
  it("keeps the logged gap after job 0 when a change makes job 0 shorter", async () => {
    const r = await replayEventLog(twoJobLog("two-jobs"), { confOverrides: { "spark.executor.instances": "4" } });
    expect(r.scenario.workload.jobs.map((j) => ("afterPreviousMs" in j ? j.afterPreviousMs : undefined))).toEqual([5000, 5000]);

    const base = jobTimes(r.baseline.result.events);
    expect(base.start).toEqual([10_000, 55_000]);
    expect(base.end).toEqual([50_000, 57_000]);

    // Four executors run job 0 in one wave of 10 s; job 1 still follows it by 5 s.
    const changed = jobTimes(r.changed!.result.events);
    expect(changed.end[0]).toBe(20_000);
    expect(changed.start[1]! - changed.end[0]!).toBe(5000);
    expect(changed.start[1]).toBeLessThan(55_000);
  });

  it("with loggedSubmitTimes, every job keeps its logged start time instead", async () => {
    const r = await replayEventLog(twoJobLog("two-jobs-logged"), { confOverrides: { "spark.executor.instances": "4" }, loggedSubmitTimes: true });
    expect(r.scenario.workload.jobs.map((j) => j.submitAtMs)).toEqual([10_000, 55_000]);
    expect(jobTimes(r.changed!.result.events).start).toEqual([10_000, 55_000]);
  });

  it("gives a job that started before the previous one ended its logged start time", async () => {
    const log = new SyntheticLog().start({ ...STATIC_ONE_EXECUTOR, "spark.executor.instances": "2" }).executor("1", 5000).executor("2", 5000);
    const s0 = { id: 0, tasks: 1 };
    const s1 = { id: 1, tasks: 1 };
    log.jobStart(0, 10_000, [s0]).stageSubmitted(s0, 10_000).jobStart(1, 12_000, [s1]).stageSubmitted(s1, 12_000);
    log.task(0, 0, "1", 10_000, 30_000).task(1, 0, "2", 12_000, 14_000);
    log.stageCompleted(s1, 12_000, 14_000).jobEnd(1, 14_000).stageCompleted(s0, 10_000, 30_000).jobEnd(0, 30_000).end(31_000);
    const r = await replayEventLog(log.write(dir, "concurrent"));
    const [j0, j1] = r.scenario.workload.jobs;
    expect(j0).toMatchObject({ afterPreviousMs: 5000 });
    expect(j1).toMatchObject({ submitAtMs: 12_000 });
    expect(r.notes.messages.some((m) => m.includes("concurrent jobs"))).toBe(true);
  });
});

describe("jobSubmissions", () => {
  const spans = [
    { startMs: 8000, endMs: 20_000 },
    { startMs: 26_000, endMs: 30_000 },
    { startMs: 29_000, endMs: 40_000 },
    { startMs: 40_000, endMs: 41_000 },
  ];

  it("job 0 follows driver readiness; later jobs follow the previous end, or keep their start when concurrent", () => {
    expect(jobSubmissions(spans, 3000, false)).toEqual([{ afterPreviousMs: 5000 }, { afterPreviousMs: 6000 }, { submitAtMs: 29_000 }, { afterPreviousMs: 0 }]);
  });

  it("never puts the driver's readiness after job 0's start", () => {
    expect(jobSubmissions(spans, 30_000, false)[0]).toEqual({ afterPreviousMs: 0 });
  });

  it("uses logged start times for every job when asked", () => {
    expect(jobSubmissions(spans, 3000, true)).toEqual(spans.map((s) => ({ submitAtMs: s.startMs })));
  });
});
