import { spawnSync } from "node:child_process";
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

describe("each command loads only what it needs", () => {
  it("sweep loads neither merge's CSV reader (csv-parse) nor, without --out, the CSV writer", () => {
    const urls = loadedBy(["sweep", "missing.yaml", ...GRID]);
    expect(urls.some(sweepModule("sweep"))).toBe(true);
    expect(urls.filter((u) => sweepModule("readSweepCsv")(u) || sweepModule("mergeSweeps")(u) || csvParse(u))).toEqual([]);
    expect(urls.filter((u) => sweepModule("sweepCsv")(u) || csvStringify(u))).toEqual([]);
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

  it("merge loads merge's CSV reader", () => {
    const urls = loadedBy(["merge", "missing.csv"]);
    expect(urls.some(sweepModule("readSweepCsv"))).toBe(true);
    expect(urls.some(csvParse)).toBe(true);
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
