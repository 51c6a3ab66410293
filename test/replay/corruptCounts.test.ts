/**
 * Corrupt numbers in a log that would size or index the per-task storage: the event is
 * skipped with a warning naming its line, or the stage is capped with a note; never an
 * internal RangeError or an allocation of the corrupt size.
 */
import { describe, expect, it } from "vitest";
import { MAX_UNSEEN_TASKS } from "../../src/replay/StageRecord.js";
import { ReplayError, extractWorkload, formatReplay, replayEventLog } from "../../src/replay/index.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-corrupt");
const DRA = { "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" };

/** Job 0 (stage 0, 2 tasks) is sound; job 1's stage 1 declares `tasks` tasks and runs 2. */
function logWithStage1Declaring(tasks: number): SyntheticLog {
  const log = new SyntheticLog().start(DRA).executor("1", 500, 2);
  const end = log.sequentialJob(0, { id: 0, tasks: 2 }, 1000, 1000);
  const s1 = { id: 1, tasks };
  log.jobStart(1, end, [s1]).stageSubmitted(s1, end);
  log.task(1, 0, "1", end, end + 500).task(1, 1, "1", end, end + 700);
  return log.stageCompleted(s1, end, end + 700).jobEnd(1, end + 700).end(end + 1000);
}

describe("a corrupt Number of Tasks", () => {
  it.each([-1, 2.5, 2 ** 31])("%s: the stage's events are skipped with warnings naming their lines, the rest replays", async (tasks) => {
    const path = logWithStage1Declaring(tasks).write(dir, `tasks-${tasks}`);
    const r = await replayEventLog(path);
    expect(r.scenario.workload.jobs.map((j) => j.stages.map((s) => [s.id, s.tasks]))).toEqual([[[0, 2]]]);
    // JobStart (line 13), StageSubmitted (14) and StageCompleted (19) of stage 1.
    expect(r.report.warnings.map((w) => [w.code, w.line])).toEqual([
      ["missing-field", 13],
      ["missing-field", 14],
      ["missing-field", 19],
    ]);
    expect(r.report.warnings[1]!.message).toContain(`"Stage Info"."Number of Tasks" should be a whole number from 0 to 2147483647 (a Java int), found ${tasks}`);
    expect(r.notes.messages).toContain("2 TaskEnd event(s) of stages never submitted in the log were ignored");
    expect(formatReplay(r)).toMatch(/^log complete, but with 3 warnings \(lines or events skipped\): \d+ complete events\n {2}warning: tasks-.* line 13: SparkListenerJobStart skipped/m);
  });

  it("a log whose only stage is corrupt is a ReplayError that shows the warnings", async () => {
    const s0 = { id: 0, tasks: -1 };
    const log = new SyntheticLog().start(DRA).executor("1", 500).jobStart(0, 1000, [s0]).stageSubmitted(s0, 1000);
    log.task(0, 0, "1", 1000, 2000).stageCompleted(s0, 1000, 2000).jobEnd(0, 2000).end(3000);
    const path = log.write(dir, "only-corrupt");
    const err = await extractWorkload(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReplayError);
    expect((err as ReplayError).message).toMatch(/has no job that ran a stage .* The log is complete, but with 3 warnings .*\. only-corrupt line 5: SparkListenerJobStart skipped: "Stage Infos"\[\]\."Number of Tasks" should be/);
  });

  it("far more tasks than the log shows: the stage keeps the tasks it ran, with a note, and storage follows the tasks seen", async () => {
    const declared = 5 * MAX_UNSEEN_TASKS;
    const { scenario, notes } = await extractWorkload(logWithStage1Declaring(declared).write(dir, "tasks-huge"));
    const stage1 = scenario.workload.jobs[1]!.stages[0]!;
    expect(stage1).toMatchObject({ id: 1, tasks: 2, taskDurationMs: Float64Array.of(500, 700) });
    expect(notes.counts.tasks).toBe(4);
    expect(notes.messages.find((m) => m.startsWith("stage 1 declares"))).toBe(
      `stage 1 declares ${declared} tasks (tasks-huge line 14) but the log shows a duration for at most 2 of them: ` +
        `over ${MAX_UNSEEN_TASKS} tasks would get an invented duration, so the count is taken as corrupt and it is simulated with 2, up to the highest task index the log shows`,
    );
  });

  it("a truncated stage within the limit keeps its declared count, the missing tasks at the mean", async () => {
    const { scenario, notes } = await extractWorkload(logWithStage1Declaring(5).write(dir, "tasks-5"));
    expect(scenario.workload.jobs[1]!.stages[0]).toMatchObject({ tasks: 5, taskDurationMs: Float64Array.of(500, 700, 600, 600, 600) });
    expect(notes.counts.tasksWithMeanDuration).toBe(3);
  });

  it("a corrupt task Index skips that TaskEnd with a warning instead of storing a duration at a wrong index", async () => {
    const log = logWithStage1Declaring(2);
    const taskEnd = log.lines.findLast((l) => l["Event"] === "SparkListenerTaskEnd")!;
    (taskEnd["Task Info"] as Record<string, unknown>)["Index"] = -1;
    const r = await extractWorkload(log.write(dir, "index-corrupt"));
    expect(r.report.warnings.map((w) => w.message)).toEqual([
      'index-corrupt line 18: SparkListenerTaskEnd skipped: "Task Info"."Index" should be a whole number from 0 to 2147483647 (a Java int), found -1',
    ]);
    // Index 1 never succeeded: the stage's mean.
    expect(r.scenario.workload.jobs[1]!.stages[0]).toMatchObject({ tasks: 2, taskDurationMs: Float64Array.of(500, 500) });
  });
});
