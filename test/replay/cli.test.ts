/**
 * The replay and import commands, run in-process through yargs as main.ts registers them
 * (main.ts itself is owned elsewhere; this parser mirrors its setup).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yargs from "yargs";
import { beforeAll, describe, expect, it } from "vitest";
import { importCommand, importOptions } from "../../src/cli/commands/import.js";
import { replayCommand, replayOptions } from "../../src/cli/commands/replay.js";
import { UsageError, type CliIO } from "../../src/cli/io.js";
import { EventLogError } from "../../src/eventlog/index.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { describeShared, itShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { PLAIN_LOG_TEXT } from "../helpers/plainEventLog.js";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { writeZip } from "../helpers/zipWriter.js";

const dir = useTempDir("replay-cli");
const DRA_LOG = sharedLog("apache-spark/application_1506645932520_24630151");
/** A dynamic-allocation log the repository makes (for tests that need any valid log). */
const SYNTH_LOG = join(dir, "synthetic-app");
writeFileSync(SYNTH_LOG, PLAIN_LOG_TEXT);

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string; error: unknown }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, cwd: dir };
  let code = 0;
  let error: unknown;
  const parser = yargs()
    .exitProcess(false)
    .strict()
    .command("replay <eventlog>", "replay", (y) => replayOptions(y), async (a) => void (code = await replayCommand(io, a)))
    .command("import <eventlog>", "import", (y) => importOptions(y), async (a) => void (code = await importCommand(io, a)));
  try {
    await parser.parseAsync(argv, {}, (err) => {
      if (err) error = err;
    });
  } catch (e) {
    error = e;
  }
  return { code, stdout, stderr, error };
}

describe("dra-sim replay", () => {
  itShared("prints the report and writes the timeline with the logged count, the events and the JSON", async () => {
    const r = await cli([
      "replay",
      DRA_LOG,
      "--conf",
      "spark.dynamicAllocation.maxExecutors=4",
      "--timeline",
      "t.csv",
      "--events",
      "e.jsonl",
      "--json",
      "r.json",
    ]);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("simulated, with changes");

    const csv = readFileSync(join(dir, "t.csv"), "utf8").trim().split("\n");
    const header = csv[0]!.split(",");
    expect(header.at(0)).toBe("time_ms");
    expect(header.at(-1)).toBe("actual_running_executors");
    const rows = csv.slice(1).map((l) => l.split(",").map(Number));
    const times = rows.map((row) => row[0]!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The log had 7 executors at its peak; at the logged end (106.4 s) none run. The
    // simulated run (logged driver tail included) ends a little later, at 107.1 s.
    expect(Math.max(...rows.map((row) => row.at(-1)!))).toBe(7);
    expect(rows.find((row) => row[0] === 106_400)?.at(-1)).toBe(0);
    expect(rows.at(-1)).toMatchObject({ 0: 107_084 });
    expect(rows.at(-1)!.at(-1)).toBe(0);
    // The changed run is capped at 4 executors.
    expect(Math.max(...rows.map((row) => row[header.indexOf("running_executors")]!))).toBeLessThanOrEqual(4);

    const events = readFileSync(join(dir, "e.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string });
    expect(events[0]!.type).toBe("applicationStart");
    const doc = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["modelError", "observed", "notes", "baseline", "changed", "changes"]));
  });

  it("refuses to overwrite an output file without --force", async () => {
    writeFileSync(join(dir, "exists.csv"), "x");
    const r = await cli(["replay", SYNTH_LOG, "--timeline", "exists.csv", "--quiet"]);
    expect(r.error).toBeInstanceOf(UsageError);
    expect(readFileSync(join(dir, "exists.csv"), "utf8")).toBe("x");
    const forced = await cli(["replay", SYNTH_LOG, "--timeline", "exists.csv", "--quiet", "--force"]);
    expect(forced.error).toBeUndefined();
  });

  it("lets EventLogError through for main.ts to report (exit 2)", async () => {
    const r = await cli(["replay", join(dir, "no-such-log")]);
    expect(r.error).toBeInstanceOf(EventLogError);
    expect((r.error as EventLogError).kind).toBe("not-found");
  });

  it("rejects a negative --executor-startup-ms", async () => {
    const r = await cli(["replay", SYNTH_LOG, "--executor-startup-ms", "-5"]);
    expect(r.error).toBeInstanceOf(UsageError);
  });

  it("rejects an --executor-startup-ms beyond a day as a usage error, before simulating", async () => {
    for (const value of ["1e12", "86400001", "1.5"]) {
      const r = await cli(["replay", SYNTH_LOG, "--executor-startup-ms", value]);
      expect(r.error, value).toBeInstanceOf(UsageError);
      expect((r.error as Error).message, value).toMatch(/^--executor-startup-ms .*: must be a whole number of milliseconds from 0 to 86400000 \(a day\)/);
    }
    const day = await cli(["import", SYNTH_LOG, "-o", "-", "--executor-startup-ms", "86400000"]);
    expect(day.error).toBeUndefined();
  });

  it("exit 2 with the message, not 3 'could not finish', for --executor-startup-ms 1e12", async () => {
    const r = await dra(dir, "replay", SYNTH_LOG, "--executor-startup-ms", "1e12");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --executor-startup-ms 1000000000000: must be a whole number/);
  });
});

describeShared("cluster estimates on the command line", () => {
  it("each estimate can be overridden: manager, start-up, removal latency, AM start-up, capacity", async () => {
    const r = await cli(["import", DRA_LOG, "-o", "given.yaml", "--executor-startup-ms", "5000", "--executor-removal-ms", "3000", "--am-startup-ms", "20000", "--max-containers", "6"]);
    expect(r.error).toBeUndefined();
    const loaded = await loadScenarioFile(join(dir, "given.yaml"));
    expect(loaded.scenario.cluster).toEqual({ executorStartupMs: 5000, manager: "yarn", executorRemovalMs: 3000, yarn: { amStartupMs: 20_000, containerAllocationMs: 1000 }, maxContainers: 6 });
    const generic = await cli(["replay", DRA_LOG, "--cluster-manager", "generic"]);
    expect(generic.stdout).toContain("cluster manager generic (given; spark.master=yarn)");
  });

  it("refuses bad overrides as usage errors naming the option", async () => {
    for (const [argv, message] of [
      [["--executor-removal-ms", "-1"], /^--executor-removal-ms -1: must be a whole number of milliseconds/],
      [["--am-startup-ms", "1.5"], /^--am-startup-ms 1\.5: must be a whole number of milliseconds/],
      [["--max-containers", "0"], /^--max-containers 0: must be a whole number >= 1/],
      [["--cluster-manager", "kubernetes", "--am-startup-ms", "1000"], /^--am-startup-ms applies to YARN only, and --cluster-manager is kubernetes/],
    ] as const) {
      const r = await cli(["replay", DRA_LOG, ...argv]);
      expect(r.error, argv.join(" ")).toBeInstanceOf(UsageError);
      expect((r.error as Error).message).toMatch(message);
    }
  });
});

describeShared("--zip-entry", () => {
  const zip = join(dir, "two-logs.zip");
  beforeAll(() => {
    writeFileSync(
      zip,
      writeZip([
        { name: "first-app", data: readFileSync(DRA_LOG), deflate: true },
        { name: "second-app", data: readFileSync(sharedLog("apache-spark/application_1628109047826_1317105")), deflate: true },
      ]),
    );
  });

  it("without it, the error for a zip of several logs names the CLI flag", async () => {
    const r = await dra(dir, "replay", zip);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/two-logs\.zip holds 2 event logs: first-app, second-app\. Choose one with --zip-entry NAME .*e\.g\. --zip-entry first-app/);
  });

  it("replay and import read the entry chosen", async () => {
    const replay = await cli(["replay", zip, "--zip-entry", "second-app", "--quiet", "--json=-"]);
    expect(replay.error).toBeUndefined();
    expect(JSON.parse(replay.stdout).notes.appId).toBe("application_1628109047826_1317105");
    const imported = await cli(["import", "--zip-entry", "first-app", zip, "-o", "-"]);
    expect(imported.error).toBeUndefined();
    expect(imported.stdout).toMatch(/^# Workload of "Spark shell"/);
    const missing = await cli(["import", zip, "--zip-entry", "third-app", "-o", "-"]);
    expect(missing.error).toBeInstanceOf(EventLogError);
    expect((missing.error as Error).message).toMatch(/has no entry "third-app"; it holds: first-app, second-app\. Choose one of them with --zip-entry NAME/);
  });
});

describeShared("dra-sim import", () => {
  it("writes a scenario file that loads, with the given start-up latency", async () => {
    const r = await cli(["import", DRA_LOG, "-o", "app.yaml", "--executor-startup-ms", "12000"]);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toMatch(/^wrote app\.yaml \(jobs \/ stages \/ tasks 1 \/ 3 \/ 9; Spark 3\.0 model; executor start-up 12\.0 s \(given\)\)/);
    const loaded = await loadScenarioFile(join(dir, "app.yaml"));
    expect(loaded.scenario.cluster.executorStartupMs).toBe(12_000);
    expect(loaded.scenario.conf["spark.dynamicAllocation.initialExecutors"]).toBe("3");
  });

  it("says how many warnings the log had and puts them in the file's header", async () => {
    const lines = readFileSync(DRA_LOG, "utf8").split("\n");
    lines[20] = `x${lines[20]}`;
    writeFileSync(join(dir, "warned.log"), lines.join("\n"));
    const r = await cli(["import", "warned.log", "-o", "warned.yaml"]);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toMatch(/; 1 event-log warning, listed in the file's header\)\n$/);
    const text = readFileSync(join(dir, "warned.yaml"), "utf8");
    expect(text).toContain("# log complete, but with 1 warning (a line or event skipped)");
    expect(text).toMatch(/^# {3}warning: warned\.log line 21: invalid JSON/m);
    const toStdout = await cli(["import", "warned.log", "-o", "-"]);
    expect(toStdout.stderr).toMatch(/^warning: warned\.log: log complete, but with 1 warning/);
  });

  it("writes to stdout with -o -", async () => {
    const r = await cli(["import", DRA_LOG, "-o", "-"]);
    expect(r.stdout).toMatch(/^# Workload of "Spark shell"/);
    expect(r.stdout).toContain("workload:");
    expect(existsSync(join(dir, "-"))).toBe(false);
  });
});

describe("dra-sim replay argument order", () => {
  it("takes --conf before the event log (the option does not swallow the positional)", async () => {
    const r = await dra(process.cwd(), "replay", "--conf", "spark.dynamicAllocation.maxExecutors=20", "--conf", "spark.dynamicAllocation.executorIdleTimeout=30s", SYNTH_LOG, "--quiet", "--json", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes).toEqual({ "spark.dynamicAllocation.maxExecutors": "20", "spark.dynamicAllocation.executorIdleTimeout": "30s" });
  });
});

describe("dra-sim import to a .json file", () => {
  it("writes JSON (the notes in description) that dra-sim run accepts", async () => {
    const out = useTempDir("dra-sim-import-json");
    const r = await dra(out, "import", SYNTH_LOG, "-o", "x.json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, "x.json"), "utf8")) as { description: string };
    expect(doc.description).toContain("extracted from the Spark event log");
    const ran = await dra(out, "run", "x.json", "--quiet");
    expect(ran.code).toBe(0);
  });
});

describe("dra-sim replay output paths", () => {
  it("refuses one file named by two output options", async () => {
    const out = useTempDir("dra-sim-replay-outputs");
    const r = await dra(out, "replay", SYNTH_LOG, "--events", "o.txt", "--json", "o.txt", "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--events and --json name the same file o.txt");
  });
});
