import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.js";
import { writeUnbundledCli } from "../helpers/unbundledCli.js";

// Each command loads only its own modules (start-up, issue 14): the compiled, unbundled CLI is
// run with a hook that lists every module loaded, so the check names source modules, not chunks.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const HOOK = pathToFileURL(join(ROOT, "test/helpers/listLoadedModules.mjs")).href;
const DIR = useTempDir("dra-sim-lazy");
const UNBUNDLED = writeUnbundledCli(DIR);

/** The modules `dra-sim args` loads (file URLs, and bare names for packages). */
function loadedBy(args: readonly string[]): string[] {
  const r = spawnSync(process.execPath, ["--import", HOOK, UNBUNDLED, ...args], { cwd: DIR, encoding: "utf8" });
  return r.stderr
    .split("\n")
    .filter((l) => l.startsWith("loaded: "))
    .map((l) => l.slice("loaded: ".length));
}

const sweepModule = (name: string) => (url: string) => url.endsWith(`/dist/src/sweep/${name}.js`);
const csvParse = (url: string) => url.includes("/node_modules/csv-parse/");
const csvStringify = (url: string) => url.includes("/node_modules/csv-stringify/");
const GRID = ["--grid", "spark.executor.cores=1,2"];
// A one-task workload, as JSON and as YAML, and a file that is not a sweep's CSV.
const WORKLOAD = { workload: { jobs: [{ stages: [{ id: 0, tasks: 1, taskDurationMs: 1000 }] }] } };
const TINY = "tiny.json";
const JSON_SCENARIO = TINY;
const TINY_YAML = "tiny.yaml";
const NOT_A_SWEEP = "not-a-sweep.csv";
writeFileSync(join(DIR, TINY), JSON.stringify(WORKLOAD));
writeFileSync(join(DIR, TINY_YAML), "workload:\n  jobs:\n    - stages:\n        - {id: 0, tasks: 1, taskDurationMs: 1000}\n");
writeFileSync(join(DIR, NOT_A_SWEEP), "a,b\n1,2\n");

describe("each command loads only what it needs", () => {
  it("sweep loads neither merge's CSV reader (csv-parse) nor, without --out, the CSV writer", () => {
    const urls = loadedBy(["sweep", TINY, ...GRID, "--quiet"]);
    expect(urls.some(sweepModule("sweep"))).toBe(true);
    expect(urls.filter((u) => sweepModule("readSweepCsv")(u) || sweepModule("mergeSweeps")(u) || csvParse(u))).toEqual([]);
    expect(urls.filter((u) => sweepModule("sweepCsv")(u) || csvStringify(u))).toEqual([]);
  });

  it("sweep of a missing scenario stops before loading the sweep's runner", () => {
    const urls = loadedBy(["sweep", "missing.yaml", ...GRID]);
    expect(urls.some((u) => u.endsWith("/dist/src/cli/commands/sweep.js"))).toBe(true);
    expect(urls.filter((u) => sweepModule("sweep")(u) || u.endsWith("/dist/src/run/runScenario.js"))).toEqual([]);
  });

  it("sweep --out loads the CSV writer (the hook sees lazily loaded modules)", () => {
    const urls = loadedBy(["sweep", "missing.yaml", ...GRID, "--out", "rows.csv"]);
    expect(urls.some(sweepModule("sweepCsv"))).toBe(true);
    expect(urls.some(csvStringify)).toBe(true);
  });

  it("explain loads no sweep module", () => {
    const urls = loadedBy(["explain", "missing.yaml", "--executor", "7", "--at", "2min"]);
    expect(urls.some((u) => u.endsWith("/dist/src/cli/commands/explain.js"))).toBe(true);
    expect(urls.filter((u) => u.includes("/dist/src/sweep/") || u.endsWith("/dist/src/cli/commands/sweep.js"))).toEqual([]);
  });

  it("merge loads merge's CSV reader once it has read a file, not for a missing one", () => {
    const urls = loadedBy(["merge", NOT_A_SWEEP]);
    expect(urls.some(sweepModule("readSweepCsv"))).toBe(true);
    expect(urls.some(csvParse)).toBe(true);
    const missing = loadedBy(["merge", "missing.csv"]);
    expect(missing.some((u) => u.endsWith("/dist/src/cli/commands/merge.js"))).toBe(true);
    expect(missing.filter((u) => sweepModule("readSweepCsv")(u) || csvParse(u))).toEqual([]);
  });

  // The YAML reader (and the yaml library) loads for a YAML scenario only.
  const yaml = (url: string) => url.includes("/node_modules/yaml/") || url.endsWith("/dist/src/scenario/yamlText.js");

  it.each([
    ["run", JSON_SCENARIO],
    ["check", JSON_SCENARIO],
    ["run", "missing.yaml"],
    ["explain", "missing.yaml", "--executor", "1", "--at", "1s"],
  ])("%s %s loads no YAML reader", (...args) => {
    const urls = loadedBy(args);
    expect(urls.some((u) => u.endsWith(`/dist/src/cli/commands/${args[0]}.js`))).toBe(true);
    // The JSON scenario is read and run: the engine loads, the YAML reader does not.
    if (args[1] === JSON_SCENARIO) expect(urls.some((u) => u.endsWith("/dist/src/run/runScenario.js"))).toBe(true);
    expect(urls.filter(yaml)).toEqual([]);
  });

  it("run of a YAML scenario loads the YAML reader", () => {
    expect(loadedBy(["run", TINY_YAML, "--quiet"]).some(yaml)).toBe(true);
  });

  // What runs, prints or writes a replay loads once the log is read; a missing log never waits for it.
  const afterTheLog = ["/dist/src/run/runScenario.js", "/dist/src/replay/formatReplay.js", "/dist/src/replay/replayOutputs.js", "/dist/src/report/eventsJsonl.js", "/dist/src/replay/scenarioYaml.js"];
  const loadedAfterTheLog = (urls: readonly string[]) => urls.filter((u) => afterTheLog.some((m) => u.endsWith(m)));

  it("replay of an unreadable log reads it before loading the runs and the printing", () => {
    const urls = loadedBy(["replay", "missing.log"]);
    expect(urls.some((u) => u.endsWith("/dist/src/replay/replay.js"))).toBe(true);
    expect(loadedAfterTheLog(urls)).toEqual([]);
  });

  it("import of an unreadable log reads it before loading the conf check and the scenario writer", () => {
    const urls = loadedBy(["import", "missing.log", "-o", "never-written.yaml"]);
    expect(urls.some((u) => u.endsWith("/dist/src/replay/extractWorkload.js"))).toBe(true);
    expect(loadedAfterTheLog(urls)).toEqual([]);
  });
});
