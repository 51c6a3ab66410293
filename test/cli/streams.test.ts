/**
 * Streams: data on stdout only when asked for with "-", human text and warnings on stderr,
 * at most one output per "-", and a closed pipe ends the program quietly.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { ensureCompiledBuild } from "../sweep/compiledBuild.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
const dir = useTempDir("dra-sim-streams");

/** A small scenario whose conf has a misspelt key (a warning, not an error). */
function warnedScenario(): string {
  const path = join(dir, "warned.yaml");
  writeFileSync(
    path,
    [
      "name: warned",
      "conf:",
      '  spark.dynamicAllocation.enabled: "true"',
      '  spark.dynamicAllocation.shuffleTracking.enabled: "true"',
      '  spark.dynamicAllocation.maxExecutorss: "3"',
      "workload:",
      "  jobs:",
      "    - stages: [{ id: 0, tasks: 4, taskDurationMs: 1000 }]",
    ].join("\n"),
  );
  return path;
}

describe("data on stdout only when asked for", () => {
  it("run --json - writes only the JSON to stdout (it parses without --quiet); the summary goes to stderr", async () => {
    const r = await dra(dir, "run", SEED, "--json", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ peakExecutors: 70 });
    expect(r.stderr).toContain("peak executors             70");
  });

  it("run --timeline - writes only the CSV to stdout", async () => {
    const r = await dra(dir, "run", SEED, "--timeline", "-");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^time_ms,/);
    expect(r.stdout).not.toContain("peak executors");
    expect(r.stderr).toContain("peak executors");
  });

  it("without '-', the summary stays on stdout", async () => {
    const r = await dra(dir, "run", SEED);
    expect(r.stdout).toContain("peak executors");
    expect(r.stderr).toBe("");
  });

  it("refuses two outputs sent to stdout, naming both", async () => {
    for (const [a, b] of [["--json", "--events"], ["--timeline", "--json"], ["--timeline", "--events"]] as const) {
      const r = await dra(dir, "run", SEED, a, "-", b, "-");
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/only one output can go to stdout/);
    }
  });
});

describe("warnings", () => {
  it("run prints them on stderr, also with --quiet, never in the summary on stdout", async () => {
    const path = warnedScenario();
    for (const quiet of [[], ["--quiet"]]) {
      const r = await dra(dir, "run", path, ...quiet);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^warning: .*maxExecutorss.*did you mean spark\.dynamicAllocation\.maxExecutors/m);
      expect(r.stdout).not.toContain("maxExecutorss");
    }
  });

  it("check shows them too", async () => {
    const r = await dra(dir, "check", warnedScenario());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*maxExecutorss/m);
  });
});

/** The status and stderr of bin/dra-sim.js `args` writing to a pipe whose reader has gone. */
async function intoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  ensureCompiledBuild();
  const child = spawn(process.execPath, [join(ROOT, "bin/dra-sim.js"), ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  // The reader goes away before the first write (as `head` does after its line): the
  // write fails with EPIPE whatever the output's size.
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  return { code, stderr };
}

describe("a closed pipe", () => {
  it("run --events - into a closed pipe (| head -1) ends quietly with status 141 (SIGPIPE), no stack trace", async () => {
    const r = await intoClosedPipe(["run", SEED, "--events", "-"]);
    expect(r.code).toBe(141);
    expect(r.stderr).not.toMatch(/Error|    at /);
  });

  it("so does --version, answered before the CLI is loaded, and --help", async () => {
    for (const args of [["--version"], ["--help"]]) {
      const r = await intoClosedPipe(args);
      expect({ args, code: r.code }).toEqual({ args, code: 141 });
      expect(r.stderr).toBe("");
    }
  });
});
