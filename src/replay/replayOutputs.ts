import { RESULT_FORMAT_VERSION, TIMELINE_COLUMNS } from "../../sim/result/index.js";
import { describeCompleteness } from "../eventlog/index.js";
import { summaryJson } from "../report/summaryJson.js";
import type { Compared, ModelError } from "./modelError.js";
import { type ReplayResult, observedSeries } from "./replay.js";

/** Header and rows of the replay `--timeline` CSV: the simulated columns plus the logged count. */
export function replayTimelineRecords(result: ReplayResult): { header: readonly string[]; rows: Iterable<number[]> } {
  const run = result.changed ?? result.baseline;
  const actual = observedSeries(result.observed);
  return { header: [...TIMELINE_COLUMNS, "actual_running_executors"], rows: mergedRows(run.result.timeline.rowsIter(), actual) };
}

/**
 * Rows at the union of both timelines' change instants: each simulated row as is, and at an
 * instant where only the logged count changed, the simulated row in effect then. The logged
 * count is 0 from the application end on, as the simulated one is after its run ends.
 */
function* mergedRows(simRows: Iterable<number[]>, actual: ReturnType<typeof observedSeries>): IterableIterator<number[]> {
  const points = [...actual.points.filter((p) => p.timeMs < actual.endMs), { timeMs: actual.endMs, value: 0 }];
  let a = 0;
  let actualValue = 0;
  let current: number[] | undefined;
  const emitActualUpTo = function* (t: number): IterableIterator<number[]> {
    while (a < points.length && points[a]!.timeMs < t) {
      actualValue = points[a]!.value;
      if (current !== undefined) yield [points[a]!.timeMs, ...current.slice(1), actualValue];
      a++;
    }
  };
  for (const row of simRows) {
    const t = row[0]!;
    yield* emitActualUpTo(t);
    while (a < points.length && points[a]!.timeMs === t) actualValue = points[a++]!.value;
    current = row;
    yield [...row, actualValue];
  }
  yield* emitActualUpTo(Infinity);
}

function comparedJson(c: Compared): Record<string, number | null> {
  return { simulated: c.simulated, actual: c.actual, difference: c.difference, relative: c.relative ?? null };
}

function modelErrorJson(e: ModelError): Record<string, unknown> {
  if (e.kind === "no-executors") return { kind: e.kind, reason: e.reason };
  return {
    kind: e.kind,
    runTimeMs: comparedJson(e.runTimeMs),
    executorSeconds: comparedJson(e.executorSeconds),
    peakExecutors: comparedJson(e.peakExecutors),
    timelineError: Number.isFinite(e.timelineError) ? e.timelineError : null,
    absoluteDifferenceExecutorSeconds: e.absoluteDifferenceExecutorSeconds,
  };
}

/** The replay `--json` document: model error, observed figures, notes and the run summaries. */
export function replayJson(result: ReplayResult): Record<string, unknown> {
  const o = result.observed;
  return {
    formatVersion: RESULT_FORMAT_VERSION,
    eventLog: result.eventLog,
    logStatus: result.report.status,
    logCompleteness: describeCompleteness(result.report),
    // Every warning kept by the reader (the first 1000); logWarningCount also counts the rest.
    logWarningCount: result.report.warningCount,
    logWarnings: result.report.warnings.map((w) => ({ code: w.code, part: w.part, line: w.line ?? null, message: w.message })),
    notes: result.notes,
    observed: {
      hadExecutors: o.hadExecutors,
      runTimeMs: o.runTimeMs,
      executorSeconds: o.executorSeconds,
      coreSeconds: o.coreSeconds,
      peakExecutors: o.peakExecutors,
      executorsAdded: o.executors.length,
      removals: o.removals,
    },
    modelError: modelErrorJson(result.modelError),
    baseline: summaryJson(result.baseline.summary, result.baseline.result),
    ...(result.changed === undefined ? {} : { changes: result.changes, changed: summaryJson(result.changed.summary, result.changed.result) }),
  };
}
