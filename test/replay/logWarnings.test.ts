/**
 * The reader's warnings reach the user: the replay report (count and the first few, with
 * part and line), `--json` (all of them) and the header of an imported scenario. A log with
 * warnings is never reported as plainly "complete".
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPORT_LOG_WARNINGS } from "../../src/replay/formatReplay.js";
import { formatReplay, replayEventLog, replayJson, scenarioYaml } from "../../src/replay/index.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { describeShared, HAS_SHARED, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";
import { withPlainLists } from "../helpers/plainLists.js";

const dir = useTempDir("replay-warnings");
const LINES = HAS_SHARED ? readFileSync(sharedLog("sparklint/application_1489705648216_1600"), "utf8").split("\n") : [];

/** The shared log with an "x" before each of the given (1-based) lines. */
function corrupted(name: string, lineNumbers: readonly number[]): string {
  const lines = LINES.map((l, i) => (lineNumbers.includes(i + 1) ? `x${l}` : l));
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  return path;
}

describeShared("event-log warnings", () => {
  it("line 101 corrupt (an ExecutorAdded): the report says so, with the part and line, and does not call the log complete", async () => {
    const r = await replayEventLog(corrupted("c.log", [101]));
    const text = formatReplay(r);
    expect(text).not.toMatch(/^log complete:/m);
    expect(text).toMatch(/^log complete, but with 1 warning \(a line or event skipped\): 288 complete events\n {2}warning: c\.log line 101: invalid JSON .*"x\{\\"Event\\":\\"SparkListenerExecutorAdded/m);

    const doc = JSON.parse(JSON.stringify(replayJson(r))) as Record<string, unknown>;
    expect(doc["logStatus"]).toBe("complete");
    expect(doc["logCompleteness"]).toBe("complete, but with 1 warning (a line or event skipped): 288 complete events");
    expect(doc["logWarningCount"]).toBe(1);
    expect(doc["logWarnings"]).toEqual([{ code: "corrupt-line", part: "c.log", line: 101, message: expect.stringMatching(/^c\.log line 101: invalid JSON/) }]);
  });

  it("shows the first few in the report and all of them in the JSON", async () => {
    const bad = [40, 50, 60, 70, 80, 90, 100, 110];
    const r = await replayEventLog(corrupted("many.log", bad));
    const text = formatReplay(r);
    const shown = text.split("\n").filter((l) => l.startsWith("  warning: many.log line "));
    expect(shown.length).toBe(REPORT_LOG_WARNINGS);
    expect(shown[0]).toMatch(/^ {2}warning: many\.log line 40: invalid JSON/);
    expect(text).toContain(`  ... and ${bad.length - REPORT_LOG_WARNINGS} more warnings (all in --json)`);
    const doc = replayJson(r) as { logWarnings: { line: number }[]; logWarningCount: number };
    expect(doc.logWarningCount).toBe(bad.length);
    expect(doc.logWarnings.map((w) => w.line)).toEqual(bad);
  });

  it("a clean log has neither warnings nor qualification", async () => {
    const r = await replayEventLog(sharedLog("sparklint/application_1489705648216_1600"));
    expect(formatReplay(r)).toMatch(/^log complete: 289 complete events$/m);
    expect(formatReplay(r)).not.toContain("warning:");
    expect(replayJson(r)).toMatchObject({ logWarningCount: 0, logWarnings: [] });
  });

  it("the imported scenario's header carries the log's state and every warning, and still loads", async () => {
    const r = await replayEventLog(corrupted("import.log", [101, 120]));
    const text = scenarioYaml(r.scenario, r.notes, "import.log", r.report);
    const header = text.split("\n").filter((l) => l.startsWith("#"));
    expect(header).toContain("# log complete, but with 2 warnings (lines or events skipped): 287 complete events");
    expect(header.filter((l) => l.startsWith("#   warning: import.log line ")).map((l) => l.match(/line (\d+)/)![1])).toEqual(["101", "120"]);
    const file = join(dir, "import.yaml");
    writeFileSync(file, text);
    expect((await loadScenarioFile(file)).scenario).toEqual(withPlainLists(r.scenario));
  });
});
