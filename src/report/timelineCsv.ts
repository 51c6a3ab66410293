import { type SimulationResult, TIMELINE_COLUMNS } from "../../sim/result/index.js";

/** Header and rows of the `--timeline` CSV (the CLI streams them through csv-stringify). */
export function timelineRecords(result: SimulationResult): { header: readonly string[]; rows: Iterable<number[]> } {
  return { header: TIMELINE_COLUMNS, rows: result.timeline.rowsIter() };
}
