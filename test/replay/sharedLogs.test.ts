/**
 * Every real log in shared/eventlogs replays without error, and the extracted workload has
 * exactly the stages and tasks the log submitted (counted here straight from the events).
 */
import { expect, it } from "vitest";
import { readSparkEvents } from "../../src/eventlog/index.js";
import { replayEventLog } from "../../src/replay/index.js";
import { describeShared, sharedLog, listSharedLogs } from "../helpers/sharedEventLogs.js";


/** What the log itself says: JobStarts, distinct submitted stages and their first attempt's tasks. */
async function countLog(path: string): Promise<{ jobStarts: number; stages: number; tasks: number; stageAttempts: number; master: string | undefined }> {
  const firstTasks = new Map<number, number>();
  let jobStarts = 0;
  let stageAttempts = 0;
  let master: string | undefined;
  for await (const e of readSparkEvents(path)) {
    if (e.event === "SparkListenerJobStart") jobStarts++;
    if (e.event === "SparkListenerEnvironmentUpdate") master ??= e.sparkProperties.get("spark.master");
    if (e.event === "SparkListenerStageSubmitted") {
      stageAttempts++;
      if (!firstTasks.has(e.stageInfo.stageId)) firstTasks.set(e.stageInfo.stageId, e.stageInfo.numTasks);
    }
  }
  // Stages of 0 tasks run nothing; the scenario leaves them out.
  const counts = [...firstTasks.values()].filter((n) => n > 0);
  return { jobStarts, stages: counts.length, tasks: counts.reduce((a, b) => a + b, 0), stageAttempts, master };
}

const LOGS = listSharedLogs();

describeShared("replaying shared/eventlogs", () => {
  it("finds the logs", () => {
    expect(LOGS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(LOGS)("%s", async (log) => {
    const path = sharedLog(log);
    const [r, counted] = await Promise.all([replayEventLog(path), countLog(path)]);
    const stages = r.scenario.workload.jobs.flatMap((j) => j.stages);
    expect(stages.length).toBe(counted.stages);
    expect(stages.reduce((n, s) => n + s.tasks, 0)).toBe(counted.tasks);
    expect(r.notes.counts).toMatchObject({ stages: counted.stages, tasks: counted.tasks, stageAttempts: counted.stageAttempts });
    expect(r.notes.counts.jobs + r.notes.counts.jobsWithoutStages).toBe(counted.jobStarts);
    // Every stage runs in the simulation, once.
    expect(r.baseline.summary.stageAttempts).toBeGreaterThanOrEqual(counted.stages);
    expect(r.baseline.summary.makespanMs).toBeGreaterThan(0);

    const local = counted.master === "local" || (counted.master?.startsWith("local[") ?? false);
    expect(r.notes.localMode).toBe(local);
    if (local) {
      expect(r.notes.messages.some((m) => m.startsWith("local mode"))).toBe(true);
      expect(r.modelError.kind).toBe("no-executors");
    } else {
      expect(r.modelError.kind).toBe(r.observed.hadExecutors ? "compared" : "no-executors");
    }
  });
});
