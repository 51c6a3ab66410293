/**
 * What the CLI bundle (dist/cli/main.cjs, scripts/bundle-cli.mjs) exports: the CLI, and the V8
 * flags bin/dra-sim.js sets for it (bin/v8Flags.js re-exports them for the benches and tests).
 */
export { main, type CliIO } from "./main.js";
export { CLI_V8_FLAGS, SWEEP_V8_FLAGS, setCliV8Flags, v8FlagsFor } from "./cliV8Flags.js";
export { SIMULATOR_VERSION } from "../../sim/result/index.js";

/**
 * For bench/measures/startup.mjs's floor of a whole `dra-sim run`: the CPU ms of simulating the
 * scenario file at `path` alone (what the run command calls, reading the file outside the
 * timing), in this bundle as the command runs it (the caller loads it with run's code cache and
 * sets the CLI's V8 flags first).
 */
export async function simulationCpuMs(path: string): Promise<number> {
  const { loadScenarioFile } = await import("../scenario/loadScenario.js");
  const { runScenario } = await import("../run/runScenario.js");
  const { scenario } = await loadScenarioFile(path);
  const t0 = process.cpuUsage();
  runScenario(scenario);
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / 1000;
}
