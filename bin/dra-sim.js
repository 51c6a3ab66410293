#!/usr/bin/env node
// Thin guarded entry: all logic lives in src/cli/main.ts so the CLI can be tested in-process.
import { main } from "../dist/cli/main.js";
import { setCliV8Flags } from "./v8Flags.js";

// Before any code is hot, for the command given: see v8Flags.js.
setCliV8Flags(process.argv.slice(2));

// A reader that stops early (`dra-sim run ... --events - | head -1`) closes the pipe: end
// quietly, with the status a process killed by SIGPIPE has (128 + 13), as `cat` would.
const EXIT_BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(EXIT_BROKEN_PIPE);
    throw err;
  });
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
});
process.exitCode = code;
