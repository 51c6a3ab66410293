import { EXECUTOR_STATES, type ExecutorState, type SimulationResult } from "../../../sim/result/index.js";
import { explainContext, explainExecutor } from "../../explain/index.js";
import { formatClock } from "../clock.js";
import { timelineSeries, type TimelineSeries } from "./timelineSeries.js";

/** Executor lanes: one per executor, from request to removal, as state segments. */
export interface Lanes {
  readonly ids: readonly string[];
  /** The states, indexed by `segs`' state field. */
  readonly states: readonly ExecutorState[];
  /** Flat: lane index, start ms, end ms, state index, text index (-1: none), per segment. */
  readonly segs: readonly number[];
  /** Deduplicated hover texts: why the executor was kept (or what it did) in a segment. */
  readonly texts: readonly string[];
  /** Per lane: the removal time (or -1), its reason and why (text index). */
  readonly removals: ReadonlyArray<readonly [timeMs: number, reason: string, text: number]>;
  /** Whether every non-busy segment has the full explanation (false past the budget: then `explain` gives it). */
  readonly fullExplanations: boolean;
  /**
   * The row each lane is drawn on. One row per executor up to MAX_ROWS executors; past that,
   * executors whose lives do not overlap share a row (so a run with thousands of short-lived
   * executors stays as tall as its most executors at once).
   */
  readonly rows: readonly number[];
  readonly rowCount: number;
}

export interface RunView {
  readonly name: string;
  readonly endMs: number;
  readonly timeline: TimelineSeries;
  readonly jobs: ReadonlyArray<{ readonly index: number; readonly name: string; readonly startMs: number; readonly endMs: number }>;
  readonly stages: ReadonlyArray<{ readonly id: number; readonly attempt: number; readonly tasks: number; readonly startMs: number; readonly endMs: number }>;
  readonly removals: ReadonlyArray<{ readonly timeMs: number; readonly executorId: string; readonly reason: string }>;
  readonly shuffleCleaned: ReadonlyArray<{ readonly timeMs: number; readonly shuffleId: number }>;
  readonly lanes: Lanes | undefined;
}

/** Lanes drawn one per row up to this many executors. */
export const MAX_ROWS = 1_000;

/** Greedy interval packing by start time: each executor takes the lowest row free at its request. */
function packRows(spans: ReadonlyArray<readonly [number, number]>): { rows: number[]; rowCount: number } {
  if (spans.length <= MAX_ROWS) return { rows: spans.map((_, i) => i), rowCount: spans.length };
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]![0] - spans[b]![0] || a - b);
  const rowEnds: number[] = [];
  const rows = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const [start, end] = spans[i]!;
    let row = rowEnds.findIndex((e) => e <= start);
    if (row < 0) row = rowEnds.push(end) - 1;
    else rowEnds[row] = end;
    rows[i] = row;
  }
  return { rows, rowCount: rowEnds.length };
}

/** Non-busy segments explained in full, at most (beyond it the text alone would pass the report's size budget). */
export const EXPLAINED_SEGMENT_BUDGET = 5_000;

/** The timeline, job and stage bands, removals and lanes of one run (lanes need a result with `trace`). */
export function runView(name: string, result: SimulationResult): RunView {
  const endMs = result.timeline.lastTime() ?? 0;
  const jobs: Array<{ index: number; name: string; startMs: number; endMs: number }> = [];
  const stages: Array<{ id: number; attempt: number; tasks: number; startMs: number; endMs: number }> = [];
  const openJobs = new Map<number, { index: number; name: string; startMs: number }>();
  const openStages = new Map<string, { id: number; attempt: number; tasks: number; startMs: number }>();
  const removals: Array<{ timeMs: number; executorId: string; reason: string }> = [];
  const shuffleCleaned: Array<{ timeMs: number; shuffleId: number }> = [];
  for (const e of result.events) {
    switch (e.type) {
      case "jobStart":
        openJobs.set(e.jobId, { index: e.jobIndex, name: e.name ?? `job ${e.jobIndex}`, startMs: e.timeMs });
        break;
      case "jobEnd": {
        const j = openJobs.get(e.jobId);
        if (j !== undefined) jobs.push({ ...j, endMs: e.timeMs });
        openJobs.delete(e.jobId);
        break;
      }
      case "stageSubmitted":
        openStages.set(`${e.stageId}.${e.attempt}`, { id: e.stageId, attempt: e.attempt, tasks: e.tasks, startMs: e.timeMs });
        break;
      case "stageCompleted": {
        const key = `${e.stageId}.${e.attempt}`;
        const s = openStages.get(key);
        if (s !== undefined) stages.push({ ...s, endMs: e.timeMs });
        openStages.delete(key);
        break;
      }
      case "executorRemoved":
        removals.push({ timeMs: e.timeMs, executorId: e.executorId, reason: e.reason });
        break;
      case "shuffleCleaned":
        shuffleCleaned.push({ timeMs: e.timeMs, shuffleId: e.shuffleId });
        break;
      default:
        break;
    }
  }
  for (const j of openJobs.values()) jobs.push({ ...j, endMs });
  for (const s of openStages.values()) stages.push({ ...s, endMs });
  return {
    name,
    endMs,
    timeline: timelineSeries(result.timeline),
    jobs,
    stages,
    removals,
    shuffleCleaned,
    lanes: result.trace === undefined ? undefined : lanes(result, endMs),
  };
}

function lanes(result: SimulationResult, endMs: number): Lanes {
  const ctx = explainContext(result);
  const ids = [...ctx.lives.keys()];
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const text = (t: string): number => {
    let i = textIndex.get(t);
    if (i === undefined) {
      i = texts.length;
      texts.push(t);
      textIndex.set(t, i);
    }
    return i;
  };
  const stateIndex = new Map(EXECUTOR_STATES.map((s, i) => [s, i]));
  const segs: number[] = [];
  const removals: Array<readonly [number, string, number]> = [];
  let idleSegments = 0;
  for (const records of ctx.statesByExecutor.values()) for (const r of records) if (r.state !== "busy") idleSegments++;
  const full = idleSegments <= EXPLAINED_SEGMENT_BUDGET;
  const busyText = text("busy: running tasks, so no timeout applies");

  ids.forEach((id, lane) => {
    const life = ctx.lives.get(id)!;
    const goneMs = life.removedMs ?? endMs;
    if (life.requestedMs !== undefined) {
      const startEnd = life.addedMs ?? life.cancelledMs ?? endMs;
      const why =
        life.addedMs !== undefined
          ? `starting: requested at ${formatClock(life.requestedMs)}, registered at ${formatClock(life.addedMs)}`
          : life.cancelledMs !== undefined
            ? `requested at ${formatClock(life.requestedMs)}; the request was cancelled at ${formatClock(life.cancelledMs)} when the target fell`
            : `requested at ${formatClock(life.requestedMs)}; never registered`;
      if (startEnd > life.requestedMs) segs.push(lane, life.requestedMs, startEnd, stateIndex.get("starting")!, text(why));
    }
    const records = ctx.statesByExecutor.get(id) ?? [];
    records.forEach((r, k) => {
      const until = Math.min(records[k + 1]?.timeMs ?? goneMs, goneMs);
      if (until <= r.timeMs) return;
      let t: number;
      if (r.state === "busy") t = busyText;
      // Explained as the segment begins (so "for 0 ms" says nothing; the hover shows the span).
      else if (full) t = text(explainExecutor(result, id, r.timeMs, ctx)!.lines.slice(1).map((l) => l.trim().replace(/ \(for 0 ms\)/, "")).join("\n"));
      // Past the budget the page says which explain command gives the account.
      else t = -1;
      segs.push(lane, r.timeMs, until, stateIndex.get(r.state)!, t);
    });
    if (life.removedMs === undefined) removals.push([-1, "", -1]);
    else removals.push([life.removedMs, life.reason ?? "", full ? text(explainExecutor(result, id, undefined, ctx)!.lines.slice(1).map((l) => l.trim()).join("\n")) : -1]);
  });
  const spans = ids.map((id) => {
    const life = ctx.lives.get(id)!;
    return [life.requestedMs ?? life.addedMs ?? 0, life.removedMs ?? life.cancelledMs ?? endMs] as const;
  });
  return { ids, states: [...EXECUTOR_STATES], segs, texts, removals, fullExplanations: full, ...packRows(spans) };
}
