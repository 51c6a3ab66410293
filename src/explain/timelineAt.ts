import type { Timeline } from "../../sim/result/Timeline.js";
import { COL, TIMELINE_COLUMNS } from "../../sim/result/Timeline.js";

/** The timeline's row in force at `atMs` (the last row at or before it), as values in column order. */
export function timelineRowAt(timeline: Timeline, atMs: number): number[] {
  let lo = 0;
  let hi = timeline.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (timeline.get(mid, COL.time_ms) <= atMs) lo = mid;
    else hi = mid - 1;
  }
  return TIMELINE_COLUMNS.map((_, c) => timeline.get(lo, c));
}
