#!/usr/bin/env node
// Thin guarded entry: all logic lives in src/cli/main.ts so the CLI can be tested in-process.
import { main } from "../dist/src/cli/main.js";

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
});
process.exitCode = code;
