/**
 * The one error model: every error class is a DraSimError, its category decides the exit code
 * in one table, and the CLI prints what the user can fix without a stack trace.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DraSimError, ERROR_CATEGORIES, ParseError, type ErrorCategory } from "../../sim/errors.js";
import { EXIT_CODE_OF_CATEGORY, ExitCode, exitCodeOf } from "../../src/cli/exitCodes.js";
import { HELP_HINT, reportError } from "../../src/cli/reportError.js";
import { CommandLineError, UsageError } from "../../src/cli/UsageError.js";
import type { CliIO } from "../../src/cli/io.js";
import { FieldError } from "../../src/eventlog/jsonFields.js";
import { SnappyFormatError } from "../../src/eventlog/decodeSnappyBlock.js";
import { Lz4FormatError } from "../../src/eventlog/decodeLz4Block.js";
import { LineTooLongError } from "../../src/eventlog/LineSplitter.js";
import { EventLogError } from "../../src/eventlog/EventLogError.js";
import { SweepConfigError, SweepError, SweepInputError, SweepRunError } from "../../src/sweep/SweepError.js";
import { ScenarioError } from "../../src/scenario/ScenarioError.js";
import { ReplayError } from "../../src/replay/ReplayError.js";
import { ModelLimitError } from "../../src/run/modelLimits.js";
import { SparkConfigError } from "../../src/run/runScenario.js";
import { SimulationError } from "../../sim/spark/SimulationError.js";
import { CLUSTER_MANAGER_KINDS } from "../../sim/scenario/Scenario.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

function report(err: unknown): { code: number; stderr: string } {
  let stderr = "";
  const io: CliIO = { stdout: () => {}, stderr: (t) => (stderr += t), stderrIsTTY: false, cwd: ROOT };
  const code = reportError(io, err);
  return { code, stderr };
}

describe("exit codes come from the category, in one table", () => {
  it.each<[ErrorCategory, number]>([
    ["usage", 2],
    ["invalid-input", 2],
    ["internal", 3],
  ])("%s -> %i", (category, code) => {
    expect(EXIT_CODE_OF_CATEGORY[category]).toBe(code);
    expect(exitCodeOf(category)).toBe(code);
  });

  it("the table covers every category, and an error that is not ours is internal (exit 3)", () => {
    expect(Object.keys(EXIT_CODE_OF_CATEGORY).sort()).toEqual([...ERROR_CATEGORIES].sort());
    expect(exitCodeOf(undefined)).toBe(ExitCode.InternalError);
  });
});

/** One instance of every error class, with the category (so the exit code) and the stderr line it must keep. */
const CASES: ReadonlyArray<[string, DraSimError, ErrorCategory, string]> = [
  ["UsageError", new UsageError("--seed -1: must be a whole number >= 0"), "usage", "error: --seed -1: must be a whole number >= 0\n"],
  ["CommandLineError", new CommandLineError("Unknown argument: bogus"), "usage", `Unknown argument: bogus\n\n${HELP_HINT}\n`],
  ["ScenarioError", new ScenarioError("a.yaml", [{ path: "seed", code: "invalid-value", message: "must be a whole number" }]), "invalid-input", "error: invalid scenario a.yaml (1 problem):\n  - seed: must be a whole number\n"],
  ["EventLogError", new EventLogError("not-found", "/x", "event log not found: /x does not exist"), "invalid-input", "error: event log not found: /x does not exist\n"],
  ["ReplayError", new ReplayError("/x", "/x ran no job"), "invalid-input", "error: /x ran no job\n"],
  ["ModelLimitError", new ModelLimitError("too many executors"), "invalid-input", "error: too many executors\n"],
  [
    "SparkConfigError",
    new SparkConfigError(
      [{ key: "k", value: "x", exception: "java.lang.IllegalArgumentException", message: "k should be int, but was x" }],
      [{ origin: "ExecutorAllocationManager.validateSettings", exception: "org.apache.spark.SparkException", message: "min > max", keys: [] }],
    ),
    "invalid-input",
    "error: Spark would refuse to start with this configuration:\n  java.lang.IllegalArgumentException: k should be int, but was x\n  org.apache.spark.SparkException: min > max\n",
  ],
  ["SweepError", new SweepError("no build"), "invalid-input", "error: no build\n"],
  ["SweepInputError", new SweepInputError("--grid x: bad"), "invalid-input", "error: --grid x: bad\n"],
  ["SweepConfigError", new SweepConfigError([{ gridIndex: 1, values: { k: "x" }, messages: ["E: bad"] }], 2), "invalid-input", "error: Spark would refuse to start with 1 of the 2 grid points (nothing was run; set skipInvalid to run the others):\n  #1 k=x\n      E: bad\n"],
  ["SweepRunError", new SweepRunError(3, 7, { k: "1" }, "stalled"), "internal", "error: grid point #3 (k=1), seed 7: the simulation could not finish: stalled\n"],
  ["FieldError", new FieldError(`"Task Info"`, undefined, "an object"), "invalid-input", `error: missing "Task Info"\n`],
  ["SnappyFormatError", new SnappyFormatError("bad block"), "invalid-input", "error: bad block\n"],
  ["Lz4FormatError", new Lz4FormatError("bad block"), "invalid-input", "error: bad block\n"],
  ["LineTooLongError", new LineTooLongError(3, 10), "invalid-input", "error: line 3 is longer than 10 bytes\n"],
  ["ParseError", new ParseError("expected a time", 3), "invalid-input", "error: expected a time\n"],
  ["SimulationError", new SimulationError("nothing can run"), "internal", "error: the simulation could not finish: nothing can run\n"],
  ["SimulationError time-limit", new SimulationError("simulated time passed 1 ms", "time-limit"), "invalid-input", "error: the simulation could not finish: simulated time passed 1 ms\n"],
  ["SimulationError no-executors", new SimulationError("no executor", "no-executors"), "invalid-input", "error: the simulation could not finish: no executor\n"],
];

describe("every error class is a DraSimError with its category", () => {
  it.each(CASES)("%s", (_name, err, category, stderr) => {
    expect(err).toBeInstanceOf(DraSimError);
    expect(err).toBeInstanceOf(Error);
    expect(err.category).toBe(category);
    const r = report(err);
    expect(r.code).toBe(EXIT_CODE_OF_CATEGORY[category]);
    expect(r.stderr).toBe(stderr);
  });

  it("anything else is a bug: exit 3, with the stack to report", () => {
    const r = report(new TypeError("x is undefined"));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^internal error \(please report it with the command you ran\): TypeError: x is undefined\n\s+at /);
    const thrownString = report("boom");
    expect(thrownString.code).toBe(3);
    expect(thrownString.stderr).toMatch(/^internal error .*: Error: boom/);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("no error class outside the model", () => {
  it("src/ and sim/ declare no class that extends Error directly (only DraSimError does)", () => {
    const offenders = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "sim"))]
      .filter((f) => /\bextends (Error|TypeError|RangeError)\b/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual(["sim/errors.ts"]);
  });

  it("every error class above is listed here (a new class gets a case)", () => {
    const declared = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "sim"))]
      .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/export class (\w+) extends \w*Error\b/g)].map((m) => m[1]!))
      .sort();
    expect(declared).toEqual([...new Set(CASES.map(([name]) => name.split(" ")[0]!))].sort());
  });
});

describe("the CLI reports through the model", () => {
  it("what yargs refuses is a usage error (exit 2) printed as yargs words it, then where help is", async () => {
    const { dra } = await import("../helpers/cli.js");
    const unknown = await dra(ROOT, "run", "scenarios/seed-trip-count.yaml", "--bogus");
    expect(unknown).toEqual({ code: 2, stdout: "", stderr: `Unknown argument: bogus\n\n${HELP_HINT}\n` });
    const choice = await dra(ROOT, "run", "scenarios/seed-trip-count.yaml", "--cluster-manager", "mesos");
    expect(choice.code).toBe(2);
    expect(choice.stderr).toBe(`Invalid values:\n  Argument: cluster-manager, Given: "mesos", Choices: ${CLUSTER_MANAGER_KINDS.map((k) => `"${k}"`).join(", ")}\n\n${HELP_HINT}\n`);
  });

  it("a check declared on a command's options (explain) is a usage error with its own message", async () => {
    const { dra } = await import("../helpers/cli.js");
    const r = await dra(ROOT, "explain", "scenarios/seed-trip-count.yaml", "--target");
    expect(r).toEqual({ code: 2, stdout: "", stderr: "error: --target needs --at TIME: the instant whose target to explain\n" });
  });
});
