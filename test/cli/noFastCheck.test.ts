import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// fast-check is a devDependency and an optional peer: `npm install spark-dra-sim` does not
// install it, so nothing but the `spark-dra-sim/arbitraries` entry may import it.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const HOOK = pathToFileURL(join(ROOT, "test/helpers/refuseFastCheck.mjs")).href;
const CLI = join(ROOT, "bin/dra-sim.js");

function runRefusingFastCheck(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", HOOK, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

describe("fast-check is not a runtime dependency", () => {
  it("the hook does refuse fast-check (the arbitraries entry imports it)", () => {
    const r = runRefusingFastCheck(["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist/src/arbitraries/index.js")).href)})`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("fast-check imported at runtime by");
  });

  it.each([
    [["run", "scenarios/seed-trip-count.yaml"]],
    [["check", "scenarios/seed-trip-count.yaml"]],
    [["sweep", "scenarios/seed-trip-count.yaml", "--grid", "spark.dynamicAllocation.maxExecutors=20,40", "--workers", "1"]],
    [["--help"]],
  ])("dra-sim %j runs with fast-check refused", (args) => {
    const r = runRefusingFastCheck([CLI, ...args]);
    expect(r.stderr).not.toContain("fast-check");
    expect(r.status).toBe(0);
  });

  it("the main entry point loads with fast-check refused", () => {
    const r = runRefusingFastCheck(["--input-type=module", "-e", `const m = await import("spark-dra-sim"); if (typeof m.simulate !== "function" || "arbitraries" in m) process.exit(3);`]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("no source file outside src/arbitraries names fast-check", () => {
    const offenders: string[] = [];
    for (const top of ["src", "sim", "bin"]) {
      for (const entry of readdirSync(join(ROOT, top), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(ts|js|mjs)$/.test(entry.name)) continue;
        const file = join(entry.parentPath, entry.name);
        if (file.includes(join("src", "arbitraries"))) continue;
        if (/from\s+["']fast-check|import\(\s*["']fast-check/.test(readFileSync(file, "utf8"))) offenders.push(file);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("package.json lists fast-check as a dev and optional peer dependency only", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, unknown> | undefined>;
    expect(pkg["dependencies"]?.["fast-check"]).toBeUndefined();
    expect(pkg["devDependencies"]?.["fast-check"]).toBeDefined();
    expect(pkg["peerDependencies"]?.["fast-check"]).toBeDefined();
    expect(pkg["peerDependenciesMeta"]?.["fast-check"]).toEqual({ optional: true });
    expect((pkg["exports"] as Record<string, unknown>)["./arbitraries"]).toBeDefined();
  });
});
