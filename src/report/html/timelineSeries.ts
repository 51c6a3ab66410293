import { COL, type Timeline, TIMELINE_COLUMNS } from "../../../sim/result/index.js";

/** The timeline as columns for the chart; rows are exact rows of the timeline CSV. */
export interface TimelineSeries {
  readonly columns: readonly string[];
  /** One array per column, `columns` order (time_ms first). */
  readonly data: readonly (readonly number[])[];
  /** Rows in the run's timeline, and rows kept here. */
  readonly totalRows: number;
  readonly keptRows: number;
}

/** Up to this many rows the chart holds the whole timeline. */
export const EXACT_ROW_LIMIT = 20_000;

/**
 * The rows to draw. A timeline of at most `limit` rows is kept whole. A longer one is cut into
 * `buckets` equal time spans, and each span keeps its first and last rows and, for every column,
 * the rows holding its minimum and maximum (the M4 rule: what a pixel column can show), so peaks
 * and dips survive and every kept value is an exact value of the CSV at that row's instant.
 */
export function timelineSeries(timeline: Timeline, limit = EXACT_ROW_LIMIT, buckets = 2_000): TimelineSeries {
  const n = timeline.length;
  const width = TIMELINE_COLUMNS.length;
  let keep: number[];
  if (n <= limit) keep = Array.from({ length: n }, (_, i) => i);
  else {
    const endMs = timeline.get(n - 1, COL.time_ms);
    const chosen = new Set<number>();
    let i = 0;
    for (let b = 0; b < buckets && i < n; b++) {
      const bucketEnd = b === buckets - 1 ? Infinity : ((b + 1) * endMs) / buckets;
      if (timeline.get(i, COL.time_ms) >= bucketEnd) continue;
      const first = i;
      const minRow = new Array<number>(width).fill(i);
      const maxRow = new Array<number>(width).fill(i);
      for (; i < n && timeline.get(i, COL.time_ms) < bucketEnd; i++) {
        for (let c = 1; c < width; c++) {
          const v = timeline.get(i, c);
          if (v < timeline.get(minRow[c]!, c)) minRow[c] = i;
          if (v > timeline.get(maxRow[c]!, c)) maxRow[c] = i;
        }
      }
      chosen.add(first).add(i - 1);
      for (let c = 1; c < width; c++) chosen.add(minRow[c]!).add(maxRow[c]!);
      // The row before the next span starts: the value carried into it.
    }
    keep = [...chosen].sort((a, b) => a - b);
  }
  const data = TIMELINE_COLUMNS.map((_, c) => keep.map((row) => timeline.get(row, c)));
  return { columns: [...TIMELINE_COLUMNS], data, totalRows: n, keptRows: keep.length };
}
