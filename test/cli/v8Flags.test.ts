import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { useTempDir } from "../helpers/tempDir.js";
// @ts-expect-error: a plain JavaScript module of bin/, without types.
import { CLI_V8_FLAGS, SWEEP_V8_FLAGS, v8FlagsFor } from "../../bin/v8Flags.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const DIR = useTempDir("dra-sim-v8-flags");

/** What happened, in order, when main ran `args`: "beforeCommand" and each text written. */
async function eventsOf(args: string[]): Promise<string[]> {
  const events: string[] = [];
  const io = { stdout: (t: string) => events.push(`out: ${t}`), stderr: (t: string) => events.push(`err: ${t}`), stderrIsTTY: false, cwd: ROOT };
  await main(args, io, { beforeCommand: () => events.push("beforeCommand") });
  return events;
}

/** Whether a function called once after setCliV8Flags(args) runs Sparkplug's code, in a fresh node with `nodeFlags`. */
function sparkplugAfter(args: string[], nodeFlags: string[] = []): boolean {
  const script = `import { setCliV8Flags } from ${JSON.stringify(join(ROOT, "bin/v8Flags.js"))};
setCliV8Flags(${JSON.stringify(args)});
const f = new Function("a", "return a + 1");
f(1);
console.log(%ActiveTierIsSparkplug(f));`;
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", ...nodeFlags, "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout.trim() === "true";
}

/**
 * The V8 flags bin/dra-sim.js `args` set (each call of v8.setFlagsFromString, in order) and its
 * stderr, in a fresh node preloaded with a wrapper that records the calls on stderr.
 */
function binV8Flags(args: string[]): { flags: string[]; stderr: string } {
  const preload = join(DIR, "recordV8Flags.cjs");
  writeFileSync(
    preload,
    `const v8 = require("node:v8");
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { process.stderr.write("setFlagsFromString: " + flags + "\\n"); return set(flags); };`,
  );
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  const r = spawnSync(process.execPath, ["--require", preload, join(ROOT, "bin/dra-sim.js"), ...args], { cwd: DIR, env, encoding: "utf8" });
  const lines = r.stderr.split("\n");
  const mark = "setFlagsFromString: ";
  return { flags: lines.filter((l) => l.startsWith(mark)).map((l) => l.slice(mark.length)), stderr: lines.filter((l) => !l.startsWith(mark)).join("\n") };
}

describe("the CLI's V8 flags (bin/v8Flags.js)", () => {
  it("adds the sweep's flags for dra-sim sweep only", () => {
    expect(v8FlagsFor(["sweep", "s.yaml", "--grid", "k=1,2"])).toEqual([...CLI_V8_FLAGS, ...SWEEP_V8_FLAGS]);
    expect(v8FlagsFor(["--quiet", "sweep", "s.yaml"])).toEqual([...CLI_V8_FLAGS, ...SWEEP_V8_FLAGS]);
    for (const args of [["run", "sweep"], ["replay", "log.json"], ["--version"], []]) expect(v8FlagsFor(args)).toEqual(CLI_V8_FLAGS);
  });

  it("are set by bin/dra-sim.js, each once, after the command line is parsed: run's and sweep's, none for --version or a usage error", () => {
    expect(binV8Flags(["run", "missing.yaml"])).toEqual({ flags: CLI_V8_FLAGS, stderr: expect.stringContaining("file not found: missing.yaml") });
    expect(binV8Flags(["sweep", "missing.yaml", "--grid", "spark.executor.cores=1,2"]).flags).toEqual([...CLI_V8_FLAGS, ...SWEEP_V8_FLAGS]);
    for (const args of [["--version"], ["run"], ["frobnicate"]]) expect({ args, flags: binV8Flags(args).flags }).toEqual({ args, flags: [] });
  });

  it("are set through main's beforeCommand: once the command line is parsed, before the command runs, not for --version or a usage error", async () => {
    const run = await eventsOf(["run", "missing.yaml"]);
    expect(run[0]).toBe("beforeCommand");
    expect(run.slice(1).join("")).toContain("file not found: missing.yaml");
    expect(run.filter((e) => e === "beforeCommand")).toHaveLength(1);
    for (const args of [["--version"], ["run"], ["run", "missing.yaml", "--bogus"], ["frobnicate"]]) expect(await eventsOf(args)).not.toContain("beforeCommand");
  });

  it("takes effect when set at run time, and a flag given to node wins", () => {
    expect(SWEEP_V8_FLAGS).toContain("--always-sparkplug");
    expect(sparkplugAfter(["sweep", "s.yaml"])).toBe(true);
    expect(sparkplugAfter(["run", "s.yaml"])).toBe(false);
    expect(sparkplugAfter(["sweep", "s.yaml"], ["--no-always-sparkplug"])).toBe(false);
  });

  it("reads a given flag by its exact name, in either spelling, and lets --no-sparkplug or --jitless leave Sparkplug off", () => {
    expect(sparkplugAfter(["sweep", "s.yaml"], ["--no_always_sparkplug"])).toBe(false);
    expect(sparkplugAfter(["sweep", "s.yaml"], ["--no-sparkplug"])).toBe(false);
  });

  it("reads a flag given with one dash, as V8 takes it", () => {
    expect(sparkplugAfter(["sweep", "s.yaml"], ["-no-always-sparkplug"])).toBe(false);
    expect(sparkplugAfter(["sweep", "s.yaml"], ["-no_sparkplug"])).toBe(false);
  });
});
