/** Timeline storage: counts in 32-bit integers until a value is not one, then doubles; never rounded. */
import { describe, expect, it } from "vitest";
import { COL, TIMELINE_COLUMNS, Timeline } from "../../../sim/result/Timeline.js";

const row = (time: number, fill: number): number[] => TIMELINE_COLUMNS.map((_, c) => (c === 0 ? time : fill + c));

describe("Timeline", () => {
  it("keeps every value exactly, across growth and after a value that is not a 32-bit integer", () => {
    const tl = new Timeline();
    const rows: number[][] = [];
    for (let i = 0; i < 3000; i++) rows.push(row(i * 100 + 1e12, i));
    const odd = row(4e12, 7);
    odd[COL.max_needed] = 2.5;
    odd[COL.target] = Infinity;
    rows.push(odd, row(5e12, 2 ** 31 + 3));
    for (const r of rows) tl.push(r);
    expect(tl.length).toBe(rows.length);
    expect([...tl.rowsIter()]).toEqual(rows);
    expect(tl.get(3000, COL.max_needed)).toBe(2.5);
    expect(tl.get(3000, COL.target)).toBe(Infinity);
    expect(tl.get(2999, COL.running_executors)).toBe(2999 + COL.running_executors);
    expect(tl.lastTime()).toBe(5e12);
    expect(tl.row(0)).toMatchObject({ time_ms: 1e12, target: 1 });
  });

  it("rowIndexAt is the last row at or before an instant (row 0 before the first)", () => {
    const tl = new Timeline();
    for (const t of [100, 200, 200, 500]) tl.push(row(t, t));
    expect([50, 100, 150, 200, 499, 500, 1e9].map((t) => tl.rowIndexAt(t))).toEqual([0, 0, 0, 2, 2, 3, 3]);
  });

  it("differsFromLast compares every column but the time", () => {
    const tl = new Timeline();
    expect(tl.differsFromLast(row(0, 1))).toBe(true);
    tl.push(row(0, 1));
    expect(tl.differsFromLast(row(500, 1))).toBe(false);
    const changed = row(500, 1);
    changed[COL.waiting_for_capacity] = -1;
    expect(tl.differsFromLast(changed)).toBe(true);
  });

  it("pushIfChanged appends the first row and then only rows whose counts changed", () => {
    const tl = new Timeline();
    expect(tl.pushIfChanged(row(0, 1))).toBe(true);
    expect(tl.pushIfChanged(row(100, 1))).toBe(false);
    const changed = row(200, 1);
    changed[COL.nodes] = 0.5;
    expect(tl.pushIfChanged(changed)).toBe(true);
    expect(tl.length).toBe(2);
    expect(tl.get(1, COL.nodes)).toBe(0.5);
    expect(tl.get(1, 0)).toBe(200);
  });

  it("pushIfChanged keeps exactly the rows that differ, across pages and after a value that is not a 32-bit integer", () => {
    const tl = new Timeline();
    const kept: number[][] = [];
    for (let i = 0; i < 10_000; i++) {
      // Runs of equal counts, a change every third instant; one odd value in the middle.
      const r = row(i * 10, Math.floor(i / 3));
      if (i === 6_000) r[COL.max_needed] = 0.25;
      if (tl.pushIfChanged(r)) kept.push(r);
    }
    expect(kept.length).toBe(Math.ceil(10_000 / 3) + 1);
    expect([...tl.rowsIter()]).toEqual(kept);
  });

  it("pushCountsIfChanged keeps the same rows as pushIfChanged, across pages and once counts are doubles", () => {
    const byRow = new Timeline();
    const byCounts = new Timeline();
    const counts = new Int32Array(TIMELINE_COLUMNS.length - 1);
    for (let i = 0; i < 10_000; i++) {
      // Runs of equal counts; a change in a different column each time.
      const r = row(i * 10, Math.floor(i / 3));
      r[1 + (Math.floor(i / 3) % (TIMELINE_COLUMNS.length - 1))]! += 1000;
      for (let c = 1; c < r.length; c++) counts[c - 1] = r[c]!;
      expect(byCounts.pushCountsIfChanged(r[0]!, counts)).toBe(byRow.pushIfChanged(r));
      // A row of doubles after page 2 turns both wide; integer rows still follow.
      if (i === 8_500) {
        const odd = row(i * 10 + 5, 0.5);
        byRow.push(odd);
        byCounts.push(odd);
      }
    }
    // A row per run of equal counts, the odd row, and the row after it (it differs from the odd one).
    expect(byCounts.length).toBe(Math.ceil(10_000 / 3) + 2);
    expect([...byCounts.rowsIter()]).toEqual([...byRow.rowsIter()]);
  });

  it("pushCounts appends the row whatever the last one was", () => {
    const tl = new Timeline();
    const counts = Int32Array.from(row(0, 4).slice(1));
    tl.pushCounts(5, counts);
    tl.pushCounts(9, counts);
    expect([...tl.rowsIter()]).toEqual([row(5, 4), row(9, 4)]);
  });

  it("keeps counts in 16 bits while they are 0 to 65,535, then in 32 bits, the rows kept exactly", () => {
    const tl = new Timeline();
    const counts = new Int32Array(TIMELINE_COLUMNS.length - 1);
    const rows: number[][] = [];
    const add = (time: number, fill: number): void => {
      const r = row(time, fill);
      for (let c = 1; c < r.length; c++) counts[c - 1] = r[c]!;
      if (tl.pushCountsIfChanged(time, counts)) rows.push(r);
    };
    for (let i = 0; i < 5_000; i++) add(i, i % 60_000);
    // A page of 4,096 rows: 8 bytes of time and 14 counts of 2 bytes each a row.
    expect(tl.byteLength / 8_192).toBe(36);
    add(5_000, 65_535 - TIMELINE_COLUMNS.length); // counts up to 65,534
    expect(tl.byteLength / 8_192).toBe(36);
    add(5_001, 70_000); // written into the next row's place, then in 32 bits
    add(5_002, -3);
    for (let i = 5_003; i < 9_000; i++) add(i, i);
    expect(tl.byteLength / (3 * 4_096)).toBe(64);
    expect(tl.length).toBe(9_000);
    expect([...tl.rowsIter()]).toEqual(rows);
    expect(tl.get(5_001, COL.nodes)).toBe(70_000 + COL.nodes);
  });
});
