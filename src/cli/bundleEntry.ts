/**
 * What the CLI bundle (dist/cli/main.cjs, scripts/bundle-cli.mjs) exports: the CLI, and the V8
 * flags bin/dra-sim.js sets for it (bin/v8Flags.js re-exports them for the benches and tests).
 */
export { main, type CliIO } from "./main.js";
export { CLI_V8_FLAGS, SWEEP_V8_FLAGS, setCliV8Flags, v8FlagsFor } from "./cliV8Flags.js";
export { SIMULATOR_VERSION } from "../../sim/result/index.js";
