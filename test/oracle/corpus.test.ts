/**
 * The real-Spark corpus (oracle/corpus): every committed event log is replayed and the model's
 * error against the real run is held within bounds set from the first measurement (README,
 * "Fidelity on real Spark runs"); every dynamic-allocation removal is paired with the simulated
 * executor of the same registration rank and its reason compared.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSparkEvents } from "../../src/eventlog/index.js";
import { REASON_TOLERANCE_MS, classifyIdle, defaultCorpusDir, fidelityTable, measureRun, readCorpusManifest, type RunFidelity } from "../../src/oracle/corpusFidelity.js";
import { loadScenarioFile } from "../../src/scenario/index.js";

const DIR = defaultCorpusDir();
const RUNS = readCorpusManifest(DIR);

/**
 * Bounds, from the measurement of the whole corpus (README table and its bounds): each is the
 * worst value measured, rounded up, plus a margin for a changed model to move a little. Runs on
 * the loaded 2-core machine are noisy (repeated runs of one scenario: see the README).
 */
const BOUNDS = {
  runTimeRelative: 0.5,
  executorSecondsRelative: 0.25,
  timelineError: 0.8,
  peakDifference: 2,
  /** Share of removals (of the side with fewer) that pair up with one of the same reason. */
  reasonsMatched: 0.9,
};

/**
 * idle-gaps (four jobs one after the other, every executor released and re-requested between
 * them): one start-up latency for every request where the real ones spread over 98-140 s in one
 * run, and tasks offered at registration where Spark offers them only when the executor reports
 * LaunchedExecutor (2-16 s later here); each job's error shifts every later job (README).
 */
const TIMELINE_BOUND_BY_SCENARIO: Readonly<Record<string, number>> = { "idle-gaps": 1.5 };

/** `logs/idle-gaps--3.5.7.zstd` -> `idle-gaps`. */
const scenarioOf = (log: string): string => log.replace(/^logs\//, "").split("--")[0]!;

describe("real-Spark corpus", () => {
  it("has its manifest, logs and scenarios in step", () => {
    expect(RUNS.length).toBeGreaterThanOrEqual(1);
    const logs = readdirSync(join(DIR, "logs")).map((f) => `logs/${f}`).sort();
    expect(RUNS.map((r) => r.log).sort()).toEqual(logs);
    for (const r of RUNS) {
      expect(existsSync(join(DIR, r.scenario)), r.scenario).toBe(true);
      expect(r.master).toMatch(/^local-cluster\[1,\d+,\d+\]$/);
      expect(r.command).toContain(`--spark ${r.sparkVersion}`);
    }
  });

  it.each(RUNS.map((r) => [r.log, r] as const))("%s ran the scenario's workload exactly", async (_log, run) => {
    const { scenario } = await loadScenarioFile(join(DIR, run.scenario));
    const stages = scenario.workload.jobs.flatMap((j) => j.stages);
    const sleeps = stages.map((s) => (typeof s.taskDurationMs === "number" ? s.taskDurationMs : Math.min(...(s.taskDurationMs as number[]))));
    let version: string | undefined;
    const jobStages: number[] = [];
    const taskCounts = new Map<number, number>();
    const shortest = new Map<number, number>();
    for await (const e of readSparkEvents(join(DIR, run.log))) {
      if (e.event === "SparkListenerApplicationStart") expect(e.appName).toBe(scenario.name);
      if (e.event === "SparkListenerLogStart") version = e.sparkVersion;
      if (e.event === "SparkListenerJobStart") jobStages.push(e.stageInfos.length);
      if (e.event === "SparkListenerStageSubmitted") taskCounts.set(e.stageInfo.stageId, e.stageInfo.numTasks);
      if (e.event === "SparkListenerTaskEnd") {
        const d = e.task.finishTimeMs - e.task.launchTimeMs;
        shortest.set(e.stageId, Math.min(shortest.get(e.stageId) ?? Infinity, d));
      }
    }
    expect(version).toBe(run.sparkVersion);
    // One Spark job per scenario job, one stage per scenario stage, the same task counts, and no
    // task shorter than its sleep (Spark's stage ids are its own: compare in submission order).
    expect(jobStages.length).toBe(scenario.workload.jobs.length);
    expect([...taskCounts.values()]).toEqual(stages.map((s) => s.tasks));
    [...shortest.values()].forEach((d, i) => expect(d).toBeGreaterThanOrEqual(sleeps[i]!));
  });

  const measured: RunFidelity[] = [];

  it.each(RUNS.map((r) => [r.log, r] as const))("%s: model error within bounds", async (_log, run) => {
    const f = await measureRun(DIR, run);
    measured.push(f);
    const m = f.modelError;
    expect(Math.abs(m.runTimeMs.relative!)).toBeLessThanOrEqual(BOUNDS.runTimeRelative);
    expect(Math.abs(m.executorSeconds.relative!)).toBeLessThanOrEqual(BOUNDS.executorSecondsRelative);
    expect(m.timelineError).toBeLessThanOrEqual(TIMELINE_BOUND_BY_SCENARIO[scenarioOf(run.log)] ?? BOUNDS.timelineError);
    expect(Math.abs(m.peakExecutors.difference)).toBeLessThanOrEqual(BOUNDS.peakDifference);
    // Removals executor by executor: as many pair up by reason as the smaller side allows, and
    // the real idle time is the simulated one plus the kill-to-removal latency (0 to 15 s) for
    // removals at a timeout.
    const compared = Math.min(f.realRemovals, f.simRemovals);
    if (compared > 0) expect(f.pairs.length / compared).toBeGreaterThanOrEqual(BOUNDS.reasonsMatched);
    for (const p of f.pairs.filter((x) => !x.held)) {
      expect(p.realIdleMs - p.simIdleMs).toBeGreaterThanOrEqual(-500);
      expect(p.realIdleMs - p.simIdleMs).toBeLessThanOrEqual(REASON_TOLERANCE_MS);
    }
  });

  it("README shows the current fidelity table", () => {
    const readme = readFileSync(join(DIR, "../../README.md"), "utf8");
    const byLog = new Map(measured.map((f) => [f.run.log, f]));
    const rows = RUNS.map((r) => byLog.get(r.log)).filter((f): f is RunFidelity => f !== undefined);
    expect(rows.length).toBe(RUNS.length);
    expect(readme).toContain(fidelityTable(rows));
  });
});

describe("classifyIdle", () => {
  const t = { idleMs: 5_000, cachedMs: 25_000, shuffleMs: Infinity };
  it("names the longest timeout passed, within the kill latency", () => {
    expect(classifyIdle(5_100, t)).toBe("idle-timeout");
    expect(classifyIdle(11_000, t)).toBe("idle-timeout");
    expect(classifyIdle(26_000, t)).toBe("cached-idle-timeout");
    expect(classifyIdle(21_000, t)).toBe("held-then-released");
    expect(classifyIdle(60_000, t)).toBe("held-then-released");
    expect(classifyIdle(5_600, t, 500)).toBe("held-then-released");
  });
});
