import type { SimulationResult } from "../../sim/result/index.js";

/** A job whose lineage includes a shuffle: whether it has ended by the instant asked about. */
export interface ShuffleJob {
  readonly jobIndex: number;
  readonly name: string | undefined;
  readonly submittedMs: number | undefined;
  readonly endedMs: number | undefined;
}

/** What keeps one shuffle's data, and when the ContextCleaner removes it. */
export interface ShuffleFacts {
  readonly shuffleId: number;
  /** The map stage that writes it. */
  readonly stageId: number | undefined;
  readonly stageName: string | undefined;
  readonly jobs: readonly ShuffleJob[];
  /** When the last job of its lineage ended (it is cleanable from then), if it did. */
  readonly cleanableMs: number | undefined;
  /** When the cleaner removed it (a `shuffleCleaned` event), if it did. */
  readonly cleanedMs: number | undefined;
  /** When the cleaner would, without the application ending first: the first periodic GC at or after `cleanableMs`. */
  readonly predictedCleanMs: number | undefined;
  /** Whether the ContextCleaner runs at all (reference tracking on and a finite GC interval). */
  readonly cleanerOn: boolean;
}

/** Facts about every shuffle of a run, by id (needs the model trace for the lineages). */
export function shuffleFacts(result: SimulationResult): Map<number, ShuffleFacts> {
  const trace = result.trace;
  if (trace === undefined) throw new Error("shuffleFacts needs a result simulated with recordTrace");
  const submitted = new Map<number, number>();
  const ended = new Map<number, number>();
  const cleaned = new Map<number, number>();
  for (const e of result.events) {
    if (e.type === "jobStart") submitted.set(e.jobIndex, e.timeMs);
    else if (e.type === "jobEnd") ended.set(e.jobIndex, e.timeMs);
    else if (e.type === "shuffleCleaned") cleaned.set(e.shuffleId, e.timeMs);
  }
  const writer = new Map<number, { stageId: number; name: string | undefined }>();
  for (const job of result.scenario.workload.jobs) {
    for (const s of job.stages) if (s.shuffleId !== undefined && !writer.has(s.shuffleId)) writer.set(s.shuffleId, { stageId: s.id, name: s.name });
  }
  const conf = result.conf;
  const intervalMs = conf.cleanerPeriodicGcIntervalMs;
  const cleanerOn = conf.cleanerReferenceTracking && Number.isFinite(intervalMs) && intervalMs > 0;
  const out = new Map<number, ShuffleFacts>();
  for (const [shuffleId, jobIndices] of trace.shuffleJobIndices) {
    const jobs = jobIndices.map((jobIndex) => ({
      jobIndex,
      name: result.scenario.workload.jobs[jobIndex]?.name,
      submittedMs: submitted.get(jobIndex),
      endedMs: ended.get(jobIndex),
    }));
    const allEnded = jobs.every((j) => j.endedMs !== undefined);
    const cleanableMs = allEnded ? Math.max(...jobs.map((j) => j.endedMs!)) : undefined;
    const w = writer.get(shuffleId);
    out.set(shuffleId, {
      shuffleId,
      stageId: w?.stageId,
      stageName: w?.name,
      jobs,
      cleanableMs,
      cleanedMs: cleaned.get(shuffleId),
      // Periodic GCs run every interval from application start (ContextCleaner's timer).
      predictedCleanMs: cleanerOn && cleanableMs !== undefined ? Math.max(1, Math.ceil(cleanableMs / intervalMs)) * intervalMs : undefined,
      cleanerOn,
    });
  }
  return out;
}
