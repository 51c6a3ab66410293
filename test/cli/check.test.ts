import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { RULES } from "../../src/check/Violation.js";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = useTempDir("dra-sim-cli-check");

// A switch the mocked engine reads: when on, it raises the recorded target above
// maxExecutors, which rule 1 must report.
const breakRule1 = vi.hoisted(() => ({ on: false }));
vi.mock("../../sim/spark/SparkApplication.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../sim/spark/SparkApplication.js")>();
  return {
    ...real,
    simulate: (...args: Parameters<typeof real.simulate>) => {
      const result = real.simulate(...args);
      if (breakRule1.on) result.timeline.push([5000, result.conf.maxExecutors + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      return result;
    },
  };
});

describe("dra-sim check", () => {
  it("exits 0 and says so when every rule held", async () => {
    const r = await dra(dir, "check", join(ROOT, "scenarios/iterative-cached.yaml"));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`scenario "iterative-cached" (seed 1, Spark 3.5): all ${Object.keys(RULES).length} termination rules held\n`);
  });

  it("exits 2 with Spark's error when Spark would refuse to start", async () => {
    const r = await dra(dir, "check", join(ROOT, "scenarios/seed-trip-count.yaml"), "--conf", "spark.dynamicAllocation.minExecutors=200");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("spark.dynamicAllocation.minExecutors (200) must be less than or equal to spark.dynamicAllocation.maxExecutors (100)!");
  });

  it("exits 1 and lists the violation with its rule and time when a rule is broken", async () => {
    breakRule1.on = true;
    try {
      const r = await dra(dir, "check", join(ROOT, "scenarios/iterative-cached.yaml"), "--json", "v.json");
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("rule 1 violated (1): target never exceeds maxExecutors");
      expect(r.stdout).toContain("at 5 s (5000 ms): target 21 > maxExecutors 20");
    } finally {
      breakRule1.on = false;
    }
  });
});
