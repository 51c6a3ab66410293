/**
 * A timeline that keeps only its sums (`keepOnlySums`, a replay without --timeline) folds each
 * page of rows as it lets it go: its sums must be exactly those of every row, its executor-count
 * changes those of every row, and the rows it still holds the same as a full timeline's.
 */
import { describe, expect, it } from "vitest";
import { COL, TIMELINE_COLUMNS, Timeline } from "../../../sim/result/Timeline.js";
import { integrateRows, type RowSums } from "../../../sim/result/TimelineSums.js";
import { createConf, draConf, job, run, scenario, stage } from "../../helpers/builders.js";
import { summarize } from "../../../sim/index.js";

/** Rows with irregular gaps and counts (seeded), some instants not whole ms, one value not a 32-bit integer. */
function rows(n: number, fractionalAt: number | undefined): number[][] {
  let seed = 12345;
  const next = (k: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const out: number[][] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += 1 + next(500) + (i === fractionalAt ? 0.375 : 0);
    const r = TIMELINE_COLUMNS.map(() => next(4));
    r[COL.time_ms] = t;
    r[COL.running_executors] = 10 + next(3);
    r[COL.running_tasks] = next(40);
    r[COL.pending_tasks] = i; // every row differs from the one before
    if (i === 9_000) r[COL.max_needed] = 0.5;
    out.push(r);
  }
  return out;
}

function sumsOf(tl: Timeline): RowSums {
  const acc = { executorMs: tl.sums?.executorMs ?? 0, busySlotMs: tl.sums?.busySlotMs ?? 0, peak: tl.sums?.peak ?? 0 };
  integrateRows(tl, COL, tl.sums?.rows ?? 0, tl.length, acc);
  return acc;
}

describe("Timeline.keepOnlySums", () => {
  it.each([undefined, 5_000])("folds all but the last two pages, with the sums and count changes of every row (a time not a whole ms at %s)", (fractionalAt) => {
    const all = rows(4.5 * 4096, fractionalAt);
    const full = new Timeline();
    const folding = new Timeline();
    folding.keepOnlySums();
    for (const r of all) {
      full.pushIfChanged(r);
      folding.pushIfChanged(r);
    }
    const sums = folding.sums!;
    expect(folding.length).toBe(all.length);
    expect(sums.rows).toBe(3 * 4096);
    expect(folding.length).toBe(full.length);
    expect(sumsOf(folding)).toStrictEqual(sumsOf(full));
    expect(sumsOf(full).executorMs).toBeGreaterThan(0);
    expect(sums.wholeTimes).toBe(fractionalAt === undefined);
    // The changes: every folded row whose running or stopping count differs from the row before.
    const expected = [];
    for (let i = 0; i < sums.rows; i++) {
      const [running, stopping] = [full.get(i, COL.running_executors), full.get(i, COL.stopping_executors)];
      if (i === 0 || running !== full.get(i - 1, COL.running_executors) || stopping !== full.get(i - 1, COL.stopping_executors)) {
        expected.push({ timeMs: full.get(i, COL.time_ms), running, stopping });
      }
    }
    expect(Array.from({ length: sums.changes }, (_, k) => sums.change(k))).toStrictEqual(expected);
    for (let i = sums.rows; i < full.length; i++) expect(folding.row(i)).toStrictEqual(full.row(i));
    expect(() => [...folding.rowsIter()]).toThrow(/kept only its sums/);
  });

  it("a run that keeps only the timeline's sums has the same summary", () => {
    // Enough rows (a task start and end each) to fold pages.
    const s = scenario({ jobs: [job([stage(0, 12_000, { distribution: "exponential", meanMs: 400 })]), job([stage(1, 3_000, 900)])], conf: draConf({ "spark.dynamicAllocation.maxExecutors": "40" }) });
    const conf = createConf(s.conf as Record<string, string>, s.sparkVersion);
    const kept = run(s, conf);
    const folded = run(s, conf, { keepTimelineRows: false });
    expect(folded.timeline.sums!.rows).toBeGreaterThan(0);
    expect(summarize(folded)).toStrictEqual(summarize(kept));
    expect(folded.events).toStrictEqual(kept.events);
  });
});
