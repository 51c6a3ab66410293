import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.js";
import { sweepCli } from "./sweepCli.js";

const dir = useTempDir("dra-sim-sweep-review");
const MAX = "spark.dynamicAllocation.maxExecutors";

function scenarioFile(name: string, conf: Record<string, string>, extra = ""): string {
  const file = join(dir, `${name}.yaml`);
  const confYaml = Object.entries(conf).map(([k, v]) => `  ${k}: "${v}"`).join("\n");
  writeFileSync(file, `name: ${name}\nsparkVersion: "3.2"\nconf:\n${confYaml}\n${extra}workload:\n  jobs:\n    - stages: [{ id: 0, tasks: 40, taskDurationMs: 20000 }]\n`);
  return file;
}

describe("sweep: recommendations Spark accepts", () => {
  it("carries the shuffle service into the recommended spark-defaults block (without it Spark 3.2 refuses)", async () => {
    const file = scenarioFile("ess", { "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" });
    const r = await sweepCli(dir, ["sweep", file, "--grid", `${MAX}=5,10`, "--workers", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"spark.shuffle.service.enabled": "true"');
    expect(r.stdout).not.toContain("would refuse this block");
  });
});

describe("sweep: grid axes that cannot change anything are refused", () => {
  it("dynamic allocation keys while dynamic allocation is off everywhere", async () => {
    const file = scenarioFile("static", { "spark.executor.instances": "4" });
    const r = await sweepCli(dir, ["sweep", file, "--grid", `${MAX}=4,8`, "--workers", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dynamic allocation is off in every config");
    expect(r.stderr).toContain("--conf spark.dynamicAllocation.enabled=true");
  });

  it("Kubernetes allocation keys on the generic cluster manager; --cluster-manager kubernetes makes them count", async () => {
    const file = scenarioFile("k8s", { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
    const refused = await sweepCli(dir, ["sweep", file, "--grid", "spark.kubernetes.allocation.batch.size=1,10", "--workers", "1"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--cluster-manager kubernetes");
    const ok = await sweepCli(dir, ["sweep", file, "--grid", "spark.kubernetes.allocation.batch.size=1,10", "--cluster-manager", "kubernetes", "--workers", "1", "--out", "-"]);
    expect(ok.code).toBe(0);
    const rows = ok.stdout.trim().split("\n").slice(2);
    expect(new Set(rows.map((row) => row.split(",").slice(4).join(","))).size).toBe(2);
  });
});

describe("sweep and run arguments", () => {
  it("--spark-version that is not modelled is a usage error, not an internal one", async () => {
    const file = scenarioFile("v", { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
    for (const argv of [["run", file, "--spark-version", "9.9"], ["sweep", file, "--grid", `${MAX}=2,4`, "--spark-version", "2.4"]]) {
      const r = await sweepCli(dir, argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--spark-version (9\.9|2\.4): Spark .* is not modelled/);
    }
  });

  it("--seeds that is not a number is a usage error", async () => {
    const file = scenarioFile("s", { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
    const r = await sweepCli(dir, ["sweep", file, "--grid", `${MAX}=2,4`, "--seeds", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--seeds abc: expected a number");
  });

  it("refuses one file named by two output options, and a directory as an output", async () => {
    const file = scenarioFile("o", { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.shuffleTracking.enabled": "true" });
    const same = await sweepCli(dir, ["run", file, "--timeline", "x.out", "--json", "x.out"]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("--timeline and --json name the same file x.out");
    const isDir = await sweepCli(dir, ["run", file, "--json", ".", "--force"]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain("is a directory");
  });
});
