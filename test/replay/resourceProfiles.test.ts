/**
 * Replays that read `SparkListenerResourceProfileAdded` and each stage's "Resource Profile Id":
 * `rp_sql_eventlog` (a stage on a 2-core, 2-GPU profile) replays with a pool per profile, its
 * executor-seconds within 15 % of the run as logged (-53 % with one pool). Skipped when
 * ../shared is absent.
 */
import { expect, it } from "vitest";
import { replayEventLog } from "../../src/replay/index.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";

describeShared("replays with resource profiles", () => {
  it.each(["spark-rapids-tools/rp_sql_eventlog", "spark-rapids-tools/rp_sql_eventlog.zstd"])("%s: two pools, executor-seconds within 15 %%", async (log) => {
    const r = await replayEventLog(sharedLog(log));
    expect(r.scenario.workload.resourceProfiles).toEqual([
      { name: "rp1", executorCores: 2, executorMemoryMiB: 6144, executorMemoryOverheadMiB: 2048, executorGpus: 2, taskCpus: 2, taskGpus: 2, executorStartupMs: expect.any(Number) },
    ]);
    const stages = r.scenario.workload.jobs.flatMap((j) => j.stages);
    expect(stages.filter((s) => s.resourceProfile === "rp1").map((s) => s.id)).toEqual([0]);
    expect(r.modelError.kind).toBe("compared");
    if (r.modelError.kind !== "compared") return;
    const es = r.baseline.summary.executorSeconds / r.observed.executorSeconds - 1;
    expect(Math.abs(es)).toBeLessThan(0.15);
    // The GPU stage ran on four GPU executors (ids 2-5 in the log); the replay asks for GPU executors too.
    const gpu = r.baseline.result.events.filter((e) => e.type === "executorAdded" && e.resourceProfileId === 1);
    expect(gpu.length).toBeGreaterThanOrEqual(3);
    expect(r.notes.cluster.lines.join("\n")).toMatch(/rp1 executor start-up 5\.\d s: its first stage asked for executors at 78\.0 s, the first registered at 84\.5 s/);
  });
});
