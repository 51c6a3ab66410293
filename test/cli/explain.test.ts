import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";

const SEED = join(import.meta.dirname, "../../scenarios/seed-trip-count.yaml");
const dir = useTempDir("dra-sim-cli-explain");

describe("dra-sim explain", () => {
  it("explains an executor held by shuffle data during the idle driver minutes, and the target", async () => {
    const r = await dra(dir, "explain", SEED, "--executor", "7", "--target", "--at", "2:30");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("executor 7 at 2:30: requested at 0:00, registered at 0:15, removed at 3:59 (application-end)");
    expect(r.stdout).toContain('holds shuffle 0 (map output of stage 0 "scan trips")');
    expect(r.stdout).toContain("the cleaner would run at 30:00");
    expect(r.stdout).toContain("target at 2:30: 5 executors");
  });

  it("--json gives the explanation as data, and --at takes Spark's time syntax", async () => {
    const r = await dra(dir, "explain", SEED, "--executor", "7", "--at", "150s", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { explanations: Array<{ kind: string; atMs: number; state: string; shuffles: Array<{ shuffleId: number }> }> };
    expect(j.explanations).toHaveLength(1);
    expect(j.explanations[0]).toMatchObject({ kind: "executor", atMs: 150_000, state: "pinned-shuffle", shuffles: [{ shuffleId: 0 }] });
  });

  it("--executor repeats: each executor is explained, in the order given", async () => {
    const r = await dra(dir, "explain", SEED, "--executor", "7", "--executor", "3", "--at", "2:30", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { explanations: Array<{ kind: string; executorId: string }> };
    expect(j.explanations.map((e) => [e.kind, e.executorId])).toEqual([["executor", "7"], ["executor", "3"]]);
    const text = await dra(dir, "explain", SEED, "--executor", "7", "--executor", "3", "--at", "2:30");
    expect(text.stdout).toContain("executor 7 at 2:30:");
    expect(text.stdout).toContain("executor 3 at 2:30:");
  });

  it("explains a removal by the idle timeout under --conf and --cluster-manager overrides", async () => {
    const r = await dra(dir, "explain", SEED, "--cluster-manager", "kubernetes", "--spark-version", "3.5", "--executor", "75");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("removed at 2:07 (idle-timeout)");
    expect(r.stdout).toContain("it went idle at 1:07; the idle-timeout (1min) fired at 2:07");
  });

  it("refuses what it cannot explain, with exit code 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /give --executor ID and\/or --target --at TIME/],
      [["--target"], /--target needs --at TIME/],
      [["--executor", "999"], /--executor 999: no such executor in this run \(executors 1 to 80\)/],
      [["--executor", "7", "--at", "soon"], /--at soon: expected a time from application start/],
      [["--executor", "7", "--at", "1h"], /--at 1h: after the end of the run \(3:59, 239000 ms\)/],
    ];
    for (const [args, message] of cases) {
      const r = await dra(dir, "explain", SEED, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });
});

describe("README's explain example", () => {
  it("is what the command prints", async () => {
    const readme = (await import("node:fs")).readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const m = /npx dra-sim explain scenarios\/seed-trip-count\.yaml --executor 7 --at 2:30 --target\n```\n\n```\n([\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const r = await dra(dir, "explain", SEED, "--executor", "7", "--at", "2:30", "--target");
    expect(r.stdout).toBe(m![1]);
  });
});
