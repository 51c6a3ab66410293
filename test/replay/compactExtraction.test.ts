import { describe, expect, it } from "vitest";
import type { StageInfo } from "../../src/eventlog/index.js";
import { DurationPool, POOLED_MAX_TASKS } from "../../src/replay/DurationPool.js";
import { DroppedTally, StageRecord } from "../../src/replay/StageRecord.js";
import { TimedChanges } from "../../src/replay/TimedChanges.js";

const T0 = 1_700_000_000_000;
const SUCCESS = { kind: "Success" } as const;

function info(stageId: number, numTasks: number, stageAttemptId = 0): StageInfo {
  return { stageId, stageAttemptId, name: `stage ${stageId}`, numTasks, parentIds: [], submissionTimeMs: T0, completionTimeMs: undefined, failureReason: undefined, resourceProfileId: 0, rddInfos: [] };
}

describe("TimedChanges: a log's (time, kind) changes in 5 bytes each", () => {
  it("gives back every time and kind pushed, across its 16,384-entry chunks", () => {
    const c = new TimedChanges();
    const n = 40_000;
    // Not in time order, and before the first time too (offsets below zero).
    const time = (i: number) => T0 + ((i * 7919) % 100_003) - 50_000;
    for (let i = 0; i < n; i++) c.push(time(i), i % 5);
    expect(c.length).toBe(n);
    for (const i of [0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, n - 1]) {
      expect(c.timeMs(i)).toBe(time(i));
      expect(c.kind(i)).toBe(i % 5);
    }
  });

  it.each([
    ["a time that is not a whole ms", T0 + 0.5],
    ["a time more than 24 days after the first", T0 + 2 ** 31],
    ["a time more than 24 days before the first", T0 - 2 ** 31 - 1],
  ])("keeps every time exactly after %s (all kept as Float64 from then on)", (_what, odd) => {
    const c = new TimedChanges();
    const times = [T0, T0 + 5, T0 - 3];
    for (let i = 0; i < 20_000; i++) times.push(T0 + i);
    times.push(odd, T0 + 7, T0 + 0.25);
    times.forEach((t, i) => c.push(t, i % 3));
    times.forEach((t, i) => {
      expect(c.timeMs(i)).toBe(t);
      expect(c.kind(i)).toBe(i % 3);
    });
  });
});

describe("StageRecord durations in a shared DurationPool", () => {
  it("stages taking spans of one pool, their tasks ending interleaved, each get their own durations (a view of the pool, not a copy)", () => {
    const pool = new DurationPool();
    const dropped = new DroppedTally();
    // 1,000 + 30 tasks do not fit the first 1,024-entry chunk: b starts a new one.
    const a = new StageRecord(info(0, 1000), 0, undefined, undefined, "a", pool);
    const b = new StageRecord(info(1, 30), 0, undefined, undefined, "b", pool);
    const c = new StageRecord(info(2, 5), 0, undefined, undefined, "c", pool);
    for (let i = 0; i < 1000; i++) {
      a.taskEnded(0, i, SUCCESS, 1000 + i, false, dropped);
      if (i < 30) b.taskEnded(0, 29 - i, SUCCESS, 2000 + i, false, dropped);
      if (i < 4) c.taskEnded(0, i, SUCCESS, 3000 + i, false, dropped);
    }
    const da = a.durations();
    const db = b.durations();
    const dc = c.durations();
    expect(da.durationsMs).toEqual(Float64Array.from({ length: 1000 }, (_, i) => 1000 + i));
    expect(db.durationsMs).toEqual(Float64Array.from({ length: 30 }, (_, i) => 2029 - i));
    // c's last task never ended: the mean of its successes (3000-3003), written into its span only.
    expect(dc.durationsMs).toEqual(Float64Array.of(3000, 3001, 3002, 3003, 3002));
    expect(dc.fromMean).toBe(1);
    expect(db.durationsMs.buffer).toBe(dc.durationsMs.buffer);
    expect(da.durationsMs.buffer).not.toBe(db.durationsMs.buffer);
    expect(db.durationsMs.length).toBe(30);
  });

  it("a second durations() gives the same list and counts (the first filled the pool's span in place)", () => {
    const pool = new DurationPool();
    const dropped = new DroppedTally();
    const s = new StageRecord(info(0, 3), 0, undefined, undefined, "s", pool);
    s.taskEnded(0, 0, SUCCESS, 100, false, dropped);
    s.taskEnded(1, 1, SUCCESS, 300, false, dropped);
    const first = s.durations();
    expect(first.durationsMs).toEqual(Float64Array.of(100, 300, 200));
    expect([first.fromLaterAttempt, first.fromMean]).toEqual([1, 1]);
    const second = s.durations();
    expect(second.durationsMs).toEqual(Float64Array.of(100, 300, 200));
    expect([second.fromLaterAttempt, second.fromMean]).toEqual([1, 1]);
  });

  it("a stage declaring more than POOLED_MAX_TASKS tasks keeps an array of its own, of the tasks seen when its count is taken as corrupt", () => {
    const pool = new DurationPool();
    const dropped = new DroppedTally();
    const big = new StageRecord(info(0, POOLED_MAX_TASKS + 1), 0, undefined, undefined, "big", pool);
    const small = new StageRecord(info(1, 2), 0, undefined, undefined, "small", pool);
    big.taskEnded(0, POOLED_MAX_TASKS, SUCCESS, 7, false, dropped);
    small.taskEnded(0, 1, SUCCESS, 9, false, dropped);
    small.taskEnded(0, 0, SUCCESS, 8, false, dropped);
    const d = big.durations().durationsMs;
    expect(d.length).toBe(POOLED_MAX_TASKS + 1);
    expect(d[POOLED_MAX_TASKS]).toBe(7);
    expect(d.buffer).not.toBe(small.durations().durationsMs.buffer);
    expect(small.durations().durationsMs).toEqual(Float64Array.of(8, 9));
  });
});
