/**
 * Replays take speculation from the logged config. apache-spark/application_1628109047826_1317105
 * (Spark 3.1.1, spark.speculation=true, multiplier 4, quantile 0.9) ran one stage of 4 tasks:
 * three took 2.2 to 5.1 s, task 3 took 63.8 s; 11.0 s after the stage started Spark launched a
 * copy of task 3 (4 x the median 2.6 s = 10.6 s, found by the 100 ms check), and killed the copy
 * ("another attempt succeeded") when the original finished.
 */
import { describe, expect, it } from "vitest";
import { replayEventLog } from "../../src/replay/index.js";
import { HAS_SHARED, sharedLog } from "../helpers/sharedEventLogs.js";

const LOG = "apache-spark/application_1628109047826_1317105";

describe.skipIf(!HAS_SHARED)(`replaying the speculation of ${LOG} [needs ../shared]`, () => {
  it("launches the copy of task 3 the log shows, by Spark's rule, and kills it when the original finishes", async () => {
    const r = await replayEventLog(sharedLog(LOG));
    expect(r.scenario.conf["spark.speculation"]).toBe("true");
    const events = r.baseline.result.events;
    const stageStart = events.find((e) => e.type === "stageSubmitted")!.timeMs;
    const submitted = events.filter((e) => e.type === "speculativeTaskSubmitted");
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ stageId: 0, partition: 3 });
    // 4 x the median 2647 ms = 10588 ms after the task's launch, on the 100 ms grid: 10.6 to 10.7 s (the log: 11.0 s, its task launched 0.4 s after the stage).
    expect(submitted[0]!.timeMs - stageStart).toBeGreaterThan(10_588);
    expect(submitted[0]!.timeMs - stageStart).toBeLessThanOrEqual(10_700);
    const killed = events.filter((e) => e.type === "taskKilled");
    expect(killed).toEqual([expect.objectContaining({ partition: 3, speculative: true })]);
    expect(killed[0]!.timeMs).toBe(events.find((e) => e.type === "stageCompleted")!.timeMs);
    expect(r.notes.speculationReplayed).toBe(true);
    expect(r.notes.messages).toContainEqual(expect.stringContaining("1 speculative task copy ran in the log (0 won, 1 killed or failed)"));
  });
});
