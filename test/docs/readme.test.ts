import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
// The package's own entry point (package.json "exports"), as a user imports it.
import * as arbitraries from "spark-dra-sim/arbitraries";
import { checkTerminationRules, resolveConf, simulate } from "spark-dra-sim";
import { SIMULATOR_VERSION } from "../../sim/version.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("shows the two set-up commands", () => {
    expect(readme).toContain("npm ci && npx dra-sim run scenarios/seed-trip-count.yaml\nnpm test\n");
  });

  it("its property-test example runs as written against the package entry point", () => {
    const myConf = { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.maxExecutors": "20", "spark.executor.cores": "4" };
    fc.assert(
      fc.property(arbitraries.workload(), (workload) => {
        const scenario = { name: "mine", seed: 1, sparkVersion: "3.5", conf: myConf, cluster: { executorStartupMs: 8000 }, workload };
        const { conf } = resolveConf(scenario);
        const result = simulate(scenario, conf, { recordTasks: true });
        return checkTerminationRules(result).length === 0;
      }),
      { seed: 1, numRuns: 50 },
    );
    expect(readme).toContain('import * as arbitraries from "spark-dra-sim/arbitraries";\nimport { resolveConf, simulate, checkTerminationRules } from "spark-dra-sim";');
  });

  it("keeps the simulator version equal to package.json", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(SIMULATOR_VERSION).toBe(pkg.version);
  });

  it("links only to public pages and to files of the repository that the package ships (no ../shared)", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[]; engines: { node: string } };
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(10);
    for (const t of targets) {
      expect(t, t).not.toMatch(/shared\//);
      if (/^https?:\/\//.test(t)) continue;
      expect(existsSync(join(ROOT, t)), `${t} exists`).toBe(true);
    }
    expect(readme).not.toContain("../shared");
    expect(existsSync(join(ROOT, "LICENSE"))).toBe(true);
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toContain("Apache License");
    for (const doc of ["docs", "src/scenario/FORMAT.md", "scenarios", "k8s"]) expect(pkg.files).toContain(doc);
    expect(readme).toContain(`Node.js ${pkg.engines.node.replace(">=", "")} or later`);
  });
});
