import { type Timeline, TIMELINE_COLUMNS } from "../../sim/result/index.js";

/** The timeline's row in force at `atMs` (the last row at or before it), as values in column order. */
export function timelineRowAt(timeline: Timeline, atMs: number): number[] {
  const row = timeline.rowIndexAt(atMs);
  return TIMELINE_COLUMNS.map((_, c) => timeline.get(row, c));
}
