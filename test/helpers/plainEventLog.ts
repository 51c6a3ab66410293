import { SyntheticLog } from "../replay/syntheticLog.js";

/**
 * A plain Spark event log made by the repository (no ../shared needed): dynamic allocation,
 * three executors, two jobs of 60 tasks each with varied times, ending in ApplicationEnd.
 * About 90 KB, so compressed copies span several codec blocks.
 */
function build(): string {
  const log = new SyntheticLog().start({
    "spark.master": "yarn",
    "spark.dynamicAllocation.enabled": "true",
    "spark.shuffle.service.enabled": "true",
    "spark.executor.cores": "2",
  });
  for (const id of ["1", "2", "3"]) log.executor(id, 1_000 + Number(id) * 137, 2);
  let t = 5_000;
  for (const job of [0, 1]) {
    const stage = { id: job, tasks: 60, ...(job === 1 ? { parents: [0] } : {}) };
    log.jobStart(job, t, [stage]).stageSubmitted(stage, t);
    const start = t;
    for (let i = 0; i < stage.tasks; i++) {
      const launch = start + Math.floor(i / 6) * 1_000 + ((i * 7919) % 331);
      const finish = launch + 500 + ((i * 104_729) % 977);
      log.task(stage.id, i, String((i % 3) + 1), launch, finish, { shuffleMap: job === 0 });
      t = Math.max(t, finish);
    }
    log.stageCompleted(stage, start, t).jobEnd(job, t);
    t += 2_000;
  }
  log.removeExecutor("3", t + 60_000, "Executor killed by driver.");
  log.end(t + 61_000);
  return log.lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
}

/** The log's text (newline-terminated lines). */
export const PLAIN_LOG_TEXT = build();
