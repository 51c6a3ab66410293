/** Usage errors the parser lets through become one-paragraph messages with exit 2. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
const LOG = join(ROOT, "package.json");
const dir = useTempDir("dra-sim-usage");

function expectUsageError(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(3);
}

describe("single-value options given twice", () => {
  it.each([
    ["run", SEED, "--json", "a.json", "--json", "b.json"],
    ["run", SEED, "--timeline", "a.csv", "--timeline=b.csv"],
    ["run", SEED, "--spark-version", "3.4", "--spark-version", "3.5"],
    ["run", SEED, "--seed", "1", "--seed", "2"],
    ["import", LOG, "-o", "a.yaml", "-o", "b.yaml"],
    ["import", LOG, "--zip-entry", "a", "--zip-entry", "b", "-o", "a.yaml"],
    ["sweep", SEED, "--grid", "spark.dynamicAllocation.maxExecutors=10,20", "--sla", "1m", "--sla", "2m"],
  ])("%s ... %s: exit 2 naming the option", async (...argv) => {
    const r = await dra(dir, ...argv);
    expectUsageError(r, /^error: --[a-z-]+ was given 2 times \(.*\): give it once/);
  });

  it("repeatable options (--conf, --grid) are still collected", async () => {
    const r = await dra(dir, "run", SEED, "--conf", "spark.dynamicAllocation.maxExecutors=20", "--conf", "spark.dynamicAllocation.minExecutors=1", "--json", "-");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ peakExecutors: 20 });
  });
});

describe("the smaller usage errors", () => {
  it("a mistyped command: did you mean, and no page of help", async () => {
    const r = await dra(dir, "rnu", SEED);
    expectUsageError(r, /Unknown command: rnu\. Did you mean run\?/);
  });

  it("-h is --help", async () => {
    const r = await dra(dir, "-h");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dra-sim run <scenario>");
    const run = await dra(dir, "run", "-h");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--timeline");
  });

  it("run - says stdin is not read, instead of 'cannot read : it is a directory'", async () => {
    expectUsageError(await dra(dir, "run", "-"), /^error: <scenario>: give a file path; reading it from stdin \("-"\) is not supported/);
  });

  it("--spark-version 3.5.99: never released, exit 2 naming the line's releases", async () => {
    expectUsageError(await dra(dir, "run", SEED, "--spark-version", "3.5.99"), /^error: --spark-version 3\.5\.99: Spark 3\.5\.99 was never released; the 3\.5 releases are 3\.5\.0 to 3\.5\.9/);
  });

  it("--seed abc names the text, not NaN", async () => {
    const r = await dra(dir, "run", SEED, "--seed", "abc");
    expectUsageError(r, /^error: --seed abc: expected a number/);
    expect(r.stderr).not.toContain("NaN");
  });
});
