import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// bench/measures/startup.mjs's floor for a whole `dra-sim run`: the simulation alone, timed in the
// same bundle as the command (bin/loadCli.js with run's code cache), not in the unbundled modules.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");

describe("the CLI bundle's simulationCpuMs (the start-up bench's floor)", () => {
  it("simulates a scenario file in the bundle loaded with run's code cache and says its CPU", () => {
    const args = ["run", SEED, "--quiet"];
    const script = `const { cli, cacheUsed } = require(${JSON.stringify(join(ROOT, "bin/loadCli.js"))}).loadCli({ args: ${JSON.stringify(args)} });
cli.setCliV8Flags(${JSON.stringify(args)});
cli.simulationCpuMs(${JSON.stringify(SEED)}).then((ms) => console.log(JSON.stringify({ cacheUsed, ms })));`;
    const env = { ...process.env };
    delete env["NODE_OPTIONS"];
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, env, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const { cacheUsed, ms } = JSON.parse(r.stdout) as { cacheUsed: boolean; ms: number };
    expect(cacheUsed).toBe(true);
    expect(Number.isFinite(ms) && ms > 0).toBe(true);
  });
});
