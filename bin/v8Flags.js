"use strict";
// The CLI's V8 flags (src/cli/cliV8Flags.ts), from the CLI bundle: for the benches and tests,
// which set them as bin/dra-sim.js does.
const { CLI_V8_FLAGS, SWEEP_V8_FLAGS, v8FlagsFor, setCliV8Flags } = require("../dist/cli/main.cjs");

module.exports = { CLI_V8_FLAGS, SWEEP_V8_FLAGS, v8FlagsFor, setCliV8Flags };
