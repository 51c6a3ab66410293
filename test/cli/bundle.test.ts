import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.js";
import { writeUnbundledCli } from "../helpers/unbundledCli.js";

// `dra-sim` runs the esbuild bundle in dist/cli (scripts/bundle-cli.mjs; vitest's global setup
// builds it when stale). The bundle must behave exactly as the compiled modules it is made
// from: each case runs both as fresh processes and compares stdout, stderr and exit code.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/dra-sim.js");
// The unbundled CLI: bin/dra-sim.js's body on dist/src/cli/main.js.
const UNBUNDLED = writeUnbundledCli(useTempDir("dra-sim-bundle"));

function both(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT) {
  const opts = { cwd, encoding: "utf8" as const, env: { ...process.env, ...env } };
  const run = (r: ReturnType<typeof spawnSync>) => ({ code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) });
  return {
    bundled: run(spawnSync(process.execPath, [BIN, ...args], opts)),
    unbundled: run(spawnSync(process.execPath, [UNBUNDLED, ...args], opts)),
  };
}

const COMMANDS = ["run", "check", "replay", "import", "sweep", "merge", "explain"];
const SEED = "scenarios/seed-trip-count.yaml";
const LOG = "oracle/corpus/logs/allocation-ratio--3.4.1.zstd";

describe("the bundled CLI (dist/cli) against the modules it is made from", () => {
  it.each([
    [["--help"]],
    [["--version"]],
    ...COMMANDS.map((c) => [[c, "--help"]]),
    [["frobnicate"]],
    [["rn", SEED]],
    [["run"]],
    [["run", SEED, "--bogus"]],
    [["run", "missing.yaml"]],
    [["run", SEED, "--conf", "spark.executor.cores=abc"]],
    [["run", SEED, "--json", "-", "--timeline", "-"]],
    [["check", SEED]],
    [["explain", SEED, "--executor", "7", "--at", "2min"]],
    [["replay", LOG]],
    [["import", LOG, "-o", "-"]],
    // Two workers start from dist/cli/worker.js, beside the bundle.
    [["sweep", SEED, "--grid", "spark.dynamicAllocation.maxExecutors=20,40", "--workers", "2"]],
  ])("dra-sim %j: same output and exit code", (args) => {
    const { bundled, unbundled } = both(args);
    expect(bundled).toEqual(unbundled);
    expect(bundled.stderr).not.toContain("internal error");
  });

  it("reads yargs' translations from the copy beside the bundle", () => {
    const { bundled, unbundled } = both(["run"], { LANG: "de_DE.UTF-8", LC_ALL: "" });
    expect(bundled.stderr).toContain("Nicht genügend Argumente");
    expect(bundled).toEqual(unbundled);
  });

  it("writes the HTML report with its page script and charting library", () => {
    const [a, b] = [join(dirname(UNBUNDLED), "bundled.html"), join(dirname(UNBUNDLED), "unbundled.html")];
    const r = both(["run", SEED, "--quiet", "--report", a]);
    expect(r.bundled.code).toBe(0);
    both(["run", SEED, "--quiet", "--report", b]);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
  });

  it("is two whole files, as dist/cli/meta.json describes them: the CLI and the sweep's worker, each its entry point and modules", () => {
    const { outputs } = JSON.parse(readFileSync(join(ROOT, "dist/cli/meta.json"), "utf8")) as { outputs: Record<string, { entryPoint: string; modules: string[] }> };
    expect(Object.keys(outputs).sort()).toEqual(["main.cjs", "worker.js"]);
    for (const o of Object.values(outputs)) expect(Object.keys(o).sort()).toEqual(["entryPoint", "modules"]);
    expect(outputs["main.cjs"]?.entryPoint).toBe("dist/src/cli/bundleEntry.js");
    expect(outputs["worker.js"]?.entryPoint).toBe("dist/src/sweep/worker.js");
    expect(outputs["main.cjs"]?.modules).toContain("dist/src/cli/commands/run.js");
    expect(outputs["worker.js"]?.modules).not.toContain("dist/src/cli/main.js");
  });

  it("holds no test-only code: fast-check and the arbitraries stay out", () => {
    const inputs = (JSON.parse(readFileSync(join(ROOT, "dist/cli/meta.json"), "utf8")) as { inputs: string[] }).inputs;
    expect(inputs.some((p) => p.includes("dist/src/cli/main.js"))).toBe(true);
    expect(inputs.filter((p) => p.includes("fast-check") || p.includes("arbitraries"))).toEqual([]);
  });
});
