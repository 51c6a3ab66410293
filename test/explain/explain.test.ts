import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { runScenario } from "../../src/run/runScenario.js";
import { explainExecutor, explainTarget, formatClock } from "../../src/explain/index.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import type { SimEvent } from "../../sim/result/SimEvent.js";

const ROOT = join(import.meta.dirname, "../..");

async function seedRun(conf: Record<string, string> = {}, manager?: "kubernetes", sparkVersion?: string): Promise<SimulationResult> {
  const { scenario } = await loadScenarioFile(join(ROOT, "scenarios/seed-trip-count.yaml"), ROOT);
  const s = {
    ...scenario,
    ...(sparkVersion === undefined ? {} : { sparkVersion }),
    ...(manager === undefined ? {} : { cluster: { ...scenario.cluster, manager } }),
  };
  return runScenario(s, conf, { recordTrace: true, recordTasks: true }).result;
}

type Ev<T extends SimEvent["type"]> = Extract<SimEvent, { type: T }>;
const eventsOf = <T extends SimEvent["type"]>(r: SimulationResult, type: T): Ev<T>[] => r.events.filter((e): e is Ev<T> => e.type === type);

/** The last task attempt on an executor that ended at or before `atMs`, from the task records (not the monitor). */
function lastTaskEnd(r: SimulationResult, executorId: string, atMs: number): { endMs: number; stageId: number } | undefined {
  const t = r.tasks!;
  let best: { endMs: number; stageId: number } | undefined;
  for (let i = 0; i < t.length; i++) {
    if (t.executor[i] !== Number(executorId) || t.endMs[i]! > atMs) continue;
    if (best === undefined || t.endMs[i]! > best.endMs) best = { endMs: t.endMs[i]!, stageId: t.stageId[i]! };
  }
  return best;
}

function tasksOnExecutorOfStage(r: SimulationResult, executorId: string, stageId: number, beforeMs: number): number {
  const t = r.tasks!;
  let n = 0;
  for (let i = 0; i < t.length; i++) if (t.executor[i] === Number(executorId) && t.stageId[i] === stageId && t.endMs[i]! <= beforeMs) n++;
  return n;
}

describe("explain an executor kept during the seed's idle driver minutes", async () => {
  const r = await seedRun();
  const job0End = eventsOf(r, "jobEnd").find((e) => e.jobIndex === 0)!.timeMs;
  const job1Start = eventsOf(r, "jobStart").find((e) => e.jobIndex === 1)!;
  const job1End = eventsOf(r, "jobEnd").find((e) => e.jobIndex === 1)!.timeMs;
  const appEnd = eventsOf(r, "applicationEnd")[0]!.timeMs;
  // The map stage that writes the shuffle job 1 reads, from the scenario.
  const mapStage = r.scenario.workload.jobs[0]!.stages.find((s) => s.shuffleId !== undefined)!;
  const added = eventsOf(r, "executorAdded");
  const removedAt = new Map(eventsOf(r, "executorRemoved").map((e) => [e.executorId, e.timeMs]));
  const instants = [job0End + 10_000, Math.round((job0End + job1Start.timeMs) / 2), job1Start.timeMs - 1_000];
  const ids = ["1", "7", "33", "70"];

  it("the window is real: job 1 starts minutes after job 0 ends, and no shuffle is cleaned in the run", () => {
    expect(job1Start.timeMs - job0End).toBeGreaterThanOrEqual(180_000);
    expect(eventsOf(r, "shuffleCleaned")).toEqual([]);
  });

  for (const id of ids) {
    for (const [k, atMs] of instants.entries()) {
      it(`executor ${id} at instant ${k}: holds the map stage's shuffle, not cleaned, job 1 pending; the cleaner's time`, () => {
        // Alive by the events, and it wrote map output (ran a task of the map stage) before then.
        expect(added.some((e) => e.executorId === id && e.timeMs <= atMs)).toBe(true);
        expect(removedAt.get(id)!).toBeGreaterThan(atMs);
        expect(tasksOnExecutorOfStage(r, id, mapStage.id, atMs)).toBeGreaterThan(0);

        const x = explainExecutor(r, id, atMs)!;
        expect(x.status).toBe("alive");
        expect(x.state).toBe("pinned-shuffle");
        expect(x.runningTasks).toBe(0);
        // Idle since its last task ended (task records).
        expect(x.idleSinceMs).toBe(lastTaskEnd(r, id, atMs)!.endMs);
        expect(x.shuffles.map((s) => s.shuffleId)).toEqual([mapStage.shuffleId]);
        const sh = x.shuffles[0]!;
        expect(sh.stageId).toBe(mapStage.id);
        const job1 = sh.jobs.find((j) => j.jobIndex === 1)!;
        expect(job1.submittedMs).toBe(job1Start.timeMs);
        expect(job1.submittedMs!).toBeGreaterThan(atMs);
        expect(sh.cleanedMs).toBeUndefined();
        // The cleaner: the first periodic GC (every interval from start) after job 1 ends; after the application's end here.
        const gc = r.conf.cleanerPeriodicGcIntervalMs;
        expect(sh.cleanableMs).toBe(job1End);
        expect(sh.predictedCleanMs).toBe(Math.ceil(job1End / gc) * gc);
        expect(sh.predictedCleanMs!).toBeGreaterThan(appEnd);
        // No deadline: the shuffle tracking timeout is infinite in the seed.
        expect(x.timeout?.reason).toBe("shuffle-idle-timeout");
        expect(x.timeout?.deadlineMs).toBeUndefined();

        const text = x.lines.join("\n");
        expect(text).toContain(`holds shuffle ${mapStage.shuffleId}`);
        expect(text).toContain(`job 1 "top zones" has not started yet (submitted at ${formatClock(job1Start.timeMs)})`);
        expect(text).toContain("the shuffle is not cleaned yet");
        expect(text).toContain(`the cleaner would run at ${formatClock(sh.predictedCleanMs!)}`);
        expect(text).toContain(`the application ends at ${formatClock(appEnd)} first`);
      });
    }
  }

  it("an executor busy in the map stage is busy, with the tasks the records show", () => {
    const atMs = 40_000;
    const x = explainExecutor(r, "12", atMs)!;
    const t = r.tasks!;
    let running = 0;
    for (let i = 0; i < t.length; i++) if (t.executor[i] === 12 && t.startMs[i]! <= atMs && t.endMs[i]! > atMs) running++;
    expect(running).toBeGreaterThan(0);
    expect(x.state).toBe("busy");
    expect(x.runningTasks).toBe(running);
    expect(x.lines.join("\n")).toContain(`running ${running} task`);
  });

  it("a cancelled request and an instant before the request", () => {
    const cancelled = eventsOf(r, "executorRequestCancelled")[0]!;
    expect(explainExecutor(r, cancelled.executorId, cancelled.timeMs)!.status).toBe("cancelled");
    const requested = eventsOf(r, "executorRequested").find((e) => e.timeMs > 0)!;
    expect(explainExecutor(r, requested.executorId, requested.timeMs - 1)!.status).toBe("not-requested");
  });

  it("an unknown executor gives undefined", () => {
    expect(explainExecutor(r, "999", 1000)).toBeUndefined();
  });
});

describe("explain executors removed by the idle timeout (seed on Kubernetes, Spark 3.5)", async () => {
  const r = await seedRun({}, "kubernetes", "3.5");
  const idleRemovals = eventsOf(r, "executorRemoved").filter((e) => e.reason === "idle-timeout");
  const timeoutMs = r.conf.executorIdleTimeoutMs;

  it("the run has idle-timeout removals to explain", () => {
    expect(idleRemovals.length).toBeGreaterThanOrEqual(5);
  });

  for (const e of idleRemovals.slice(0, 5)) {
    it(`executor ${e.executorId}: when it went idle and when the timeout fired`, () => {
      // Independent of the monitor: it went idle when its last task ended, or at registration if it never ran one.
      const last = lastTaskEnd(r, e.executorId, e.timeMs);
      const addedMs = eventsOf(r, "executorAdded").find((a) => a.executorId === e.executorId)!.timeMs;
      const wentIdle = last === undefined ? addedMs : Math.max(last.endMs, addedMs);
      expect(e.idleSinceMs).toBe(wentIdle);

      const x = explainExecutor(r, e.executorId)!;
      expect(x.status).toBe("removed");
      expect(x.atMs).toBe(e.timeMs);
      expect(x.state).toBe("idle");
      expect(x.idleSinceMs).toBe(wentIdle);
      expect(x.timeout).toMatchObject({ reason: "idle-timeout", key: "spark.dynamicAllocation.executorIdleTimeout", ms: timeoutMs, deadlineMs: wentIdle + timeoutMs });
      // Removed at the first 100 ms tick at or after the deadline.
      expect(e.timeMs - (wentIdle + timeoutMs)).toBeGreaterThanOrEqual(0);
      expect(e.timeMs - (wentIdle + timeoutMs)).toBeLessThan(100);
      const text = x.lines.join("\n");
      expect(text).toContain(`it went idle at ${formatClock(wentIdle)}; the idle-timeout (1min) fired at ${formatClock(wentIdle + timeoutMs)}`);
      expect(text).toContain(`removed it at ${formatClock(e.timeMs)}`);

      // Half-way to its deadline it is idle with the deadline ahead.
      const mid = explainExecutor(r, e.executorId, wentIdle + timeoutMs / 2)!;
      expect(mid.status).toBe("alive");
      expect(mid.state).toBe("idle");
      expect(mid.timeout?.deadlineMs).toBe(wentIdle + timeoutMs);
    });
  }
});

describe("explain the target", async () => {
  const r = await seedRun();
  const changes = eventsOf(r, "targetChanged");

  it("at every change and between changes, the value and cause are the events'", () => {
    for (const [i, c] of changes.entries()) {
      const nextMs = changes[i + 1]?.timeMs ?? Infinity;
      if (nextMs === c.timeMs) continue;
      for (const atMs of [c.timeMs, Math.min(c.timeMs + 50, nextMs - 1)]) {
        const x = explainTarget(r, atMs);
        expect(x.target).toBe(c.target);
        expect(x.decision?.cause).toBe(c.cause);
        expect(x.decision?.previous).toBe(c.previous);
      }
    }
  });

  it("a backlog ramp names its increment and the cap; the idle minutes name the minExecutors floor", () => {
    const ramp = changes.filter((c) => c.cause === "backlog");
    const capped = ramp.at(-1)!;
    const x = explainTarget(r, capped.timeMs);
    expect(x.limitedBy).toBe("maxNeeded");
    expect(x.lines.join("\n")).toContain(`raised from ${capped.previous} to ${capped.target}`);
    const idle = explainTarget(r, 150_000);
    expect(idle.target).toBe(r.conf.minExecutors);
    expect(idle.limitedBy).toBe("minExecutors");
    expect(idle.lines.join("\n")).toContain(`floored at spark.dynamicAllocation.minExecutors = ${r.conf.minExecutors}`);
  });
});
