import { expect, it } from "vitest";
import { formatReplay, replayEventLog, replayJson } from "../../src/replay/index.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";

const DRA_LOG = "apache-spark/application_1628109047826_1317105";
const CHANGES = { "spark.dynamicAllocation.executorIdleTimeout": "30s" };

describeShared("formatReplay", () => {
  it("shows observed, baseline and changed runs side by side when overrides are given", async () => {
    const r = await replayEventLog(sharedLog(DRA_LOG), { confOverrides: CHANGES });
    const text = formatReplay(r);
    const header = text.split("\n").find((l) => l.includes("as it ran (observed)"));
    expect(header).toMatch(/as it ran \(observed\)\s+simulated, logged config\s+simulated, with changes/);
    for (const row of ["run time", "executor-seconds", "core-hours", "peak executors", "executors added", "executors removed before the end"]) {
      expect(text).toMatch(new RegExp(`^  ${row}\\s+\\S`, "m"));
    }
    expect(text).toMatch(/^ {2}utilisation\s+n\/a\s+\d+\.\d %\s+\d+\.\d %$/m);
    expect(text).toContain("changes: spark.dynamicAllocation.executorIdleTimeout=30s");
    // A shorter idle timeout releases the unused executors earlier: fewer executor-seconds.
    expect(r.changed!.summary.executorSeconds).toBeLessThan(r.baseline.summary.executorSeconds);
  });

  it("always has the model-error block, and keeps the logged driver time after the last job", async () => {
    const r = await replayEventLog(sharedLog(DRA_LOG));
    const text = formatReplay(r);
    expect(text).toContain("model error (logged workload simulated with the logged config, against the run as logged):");
    // The 32.5 s after the last job are run as workload.endAfterLastJobMs: run time within 0.2 %.
    expect(text).toMatch(/run time\s+4 min 34.9 s\s+4 min 34.4 s\s+-448 ms \(-0.2 %\)/);
    expect(text).toMatch(/timeline error \d+\.\d %/);
    expect(text).toContain("the logged 32.5 s of driver time after the last job is kept (workload.endAfterLastJobMs)");
    expect(r.scenario.workload.endAfterLastJobMs).toBe(32_521);
    // Without overrides there is no third column.
    expect(text).not.toContain("simulated, with changes");
  });

  it("lists the extraction notes: start-up estimate, dropped attempts, version mapping", async () => {
    const text = formatReplay(await replayEventLog(sharedLog("sparklint/application_1472176676028_407508_1")));
    expect(text).toContain("start-up of requested executors 8.1 s: median of 2 request(s) reconstructed from backlogs");
    expect(text).toContain("executor start-up 6.7 s: container launch to registration (requested executors register 8.1 s after the request, less 1.4 s");
    expect(text).toContain("kill-to-removed latency 3.8 s: median of 57 executor(s) released as idle");
    expect(text).toMatch(/task attempts left out .*: 0 failed, 0 killed, 0 duplicate successes/);
    expect(text).toMatch(/Spark 1\.6\.1 is older than the model .* removed one by one with only the minExecutors floor/);
  });

  it("says a local-mode log has no executor timeline and that the cluster is simulated", async () => {
    const r = await replayEventLog(sharedLog("sparklens/local-1532512550423"));
    const text = formatReplay(r);
    expect(text).toMatch(/local mode \(spark\.master=local\[\*\]\): Spark runs no dynamic allocation there/);
    expect(text).toContain("n/a: the log is from local mode");
    expect(replayJson(r)["modelError"]).toMatchObject({ kind: "no-executors" });
  });

  it("puts null, not Infinity or undefined, in the JSON document", async () => {
    const r = await replayEventLog(sharedLog(DRA_LOG), { confOverrides: CHANGES });
    const doc = JSON.parse(JSON.stringify(replayJson(r))) as Record<string, unknown>;
    expect(doc["modelError"]).toMatchObject({ kind: "compared", runTimeMs: { actual: 274_875 } });
    expect(doc["changes"]).toEqual(CHANGES);
    expect(doc["changed"]).toMatchObject({ config: { executorIdleTimeoutMs: 30_000 } });
    expect(doc["baseline"]).toMatchObject({ config: { executorIdleTimeoutMs: 150_000 } });
  });
});
