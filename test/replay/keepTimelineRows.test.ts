/**
 * `dra-sim replay` without --timeline or --report runs with `keepTimelineRows` false: the
 * timeline keeps its sums and executor-count changes, not a row per instant. Its report, model
 * error and summaries must be exactly those of a run that keeps every row: on a log large
 * enough for the timeline to let pages of rows go, and on one with a time that is not a whole
 * ms (the model error then needs every row: the baseline runs again keeping them).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { formatReplay, replayEventLog, type ReplayResult } from "../../src/replay/index.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";

const dir = useTempDir("replay-keep-rows");
// bench/ is plain JavaScript (run with node, no build): imported by a computed path, typed here.
const { buildBigEventLog } = (await import(String(new URL("../../bench/lib/bigEventLog.mjs", import.meta.url)))) as {
  buildBigEventLog(source: string, out: string, bytes: number): Promise<number>;
};

function sameReplay(folded: ReplayResult, kept: ReplayResult): void {
  expect(folded.modelError).toStrictEqual(kept.modelError);
  expect(folded.baseline.summary).toStrictEqual(kept.baseline.summary);
  expect(folded.changed?.summary).toStrictEqual(kept.changed?.summary);
  expect(formatReplay(folded)).toBe(formatReplay(kept));
}

describeShared("replay keeping only the timeline's sums", () => {
  it("a log whose simulated timeline lets pages go: the same model error, summaries and report", async () => {
    const log = join(dir, "application_many_0001");
    // 48 MiB: about 11,000 timeline rows, more than the two pages (8,192 rows) a timeline keeps.
    await buildBigEventLog(sharedLog("spark-rapids-tools/join_agg_on_yarn_eventlog"), log, 48 * 2 ** 20);
    const confOverrides = { "spark.dynamicAllocation.maxExecutors": "3" };
    const kept = await replayEventLog(log, { confOverrides });
    const folded = await replayEventLog(log, { confOverrides, simulate: { keepTimelineRows: false } });
    expect(folded.baseline.result.timeline.sums!.rows).toBeGreaterThan(0);
    expect(folded.changed!.result.timeline.sums!.rows).toBeGreaterThan(0);
    expect(kept.baseline.result.timeline.sums).toBeUndefined();
    expect(kept.modelError.kind).toBe("compared");
    sameReplay(folded, kept);
  }, 60_000);

  it("a log with a time that is not a whole ms: the baseline runs again keeping its rows", async () => {
    const text = readFileSync(sharedLog("spark-rapids-tools/join_agg_on_yarn_eventlog"), "utf8");
    const log = join(dir, "application_fraction_0001");
    // Executor 10 registered half a ms later: only the observed count has the odd instant (the start-up latency is given, not estimated).
    writeFileSync(log, text.replace(/("Event":"SparkListenerExecutorAdded","Timestamp":\d+)(,"Executor ID":"10")/, "$1.5$2"));
    const kept = await replayEventLog(log, { executorStartupMs: 5000 });
    expect(kept.observed.timeline.some((p) => p.timeMs % 1 === 0.5)).toBe(true);
    const folded = await replayEventLog(log, { executorStartupMs: 5000, simulate: { keepTimelineRows: false } });
    expect(folded.baseline.result.timeline.sums).toBeUndefined();
    sameReplay(folded, kept);
  });
});
