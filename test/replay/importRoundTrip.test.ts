/**
 * `dra-sim import` writes a scenario file that loads back to the same scenario, and running
 * it gives the same summary as the replay's baseline run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runScenario } from "../../src/run/runScenario.js";
import { replayEventLog, scenarioYaml } from "../../src/replay/index.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";
import { withPlainLists } from "../helpers/plainLists.js";

const dir = useTempDir("replay-import");

const LOGS = [
  "sparklint/application_1472176676028_407508_1",
  "apache-spark/application_1628109047826_1317105",
  "apache-spark/application_1538416563558_0014",
  "apache-spark/application_1506645932520_24630151",
  "spark-rapids-tools/rp_sql_eventlog.zstd",
  "spark-rapids-tools/join_agg_on_yarn_eventlog",
  "sparklint/application_1489705648216_1600",
  "apache-spark/local-1422981759269",
  "kubeflow-mcp-apache-spark-history-server/local-1776286786993",
  "spark-rapids-tools/nds_q72_dataproc_2_2.zstd",
];

describeShared("import -> YAML -> load -> run", () => {
  it.each(LOGS)("%s", async (log) => {
    const replay = await replayEventLog(sharedLog(log));
    const file = join(dir, `${log.replace(/[^\w.-]+/g, "_")}.yaml`);
    const text = scenarioYaml(replay.scenario, replay.notes, log);
    // Tasks share one input-host list per executor in memory; the file writes each task's list, no YAML anchors or aliases.
    expect(text).not.toMatch(/(^|\s)[&*]a\d+(\s|$)/m);
    writeFileSync(file, text);

    const loaded = await loadScenarioFile(file);
    // The same values (the replay's durations are Float64Arrays, a loaded file's lists).
    expect(loaded.scenario).toEqual(withPlainLists(replay.scenario));
    expect(runScenario(loaded.scenario).summary).toEqual(replay.baseline.summary);
  });

  it("writes the notes as a comment header and duration lists in flow style", async () => {
    const replay = await replayEventLog(sharedLog("apache-spark/application_1628109047826_1317105"));
    const text = scenarioYaml(replay.scenario, replay.notes, "application_1628109047826_1317105");
    const lines = text.split("\n");
    const header = lines.slice(0, lines.findIndex((l) => !l.startsWith("#")));
    expect(header.some((l) => l.includes("extraction notes:"))).toBe(true);
    expect(header.some((l) => l.includes("executor start-up 80.9 s"))).toBe(true);
    expect(text).toMatch(/taskDurationMs: \[2234, 2647, 5124, 63773\]/);
    // Conf values stay strings (quoted), as Spark reads them.
    expect(text).toContain('spark.dynamicAllocation.executorIdleTimeout: "150"');
  });

  it("keeps a 13,504-task workload to one line per stage", () => {
    const file = join(dir, "spark-rapids-tools_nds_q72_dataproc_2_2.zstd.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.length).toBeLessThan(2000);
  });
});
