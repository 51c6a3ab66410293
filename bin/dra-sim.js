#!/usr/bin/env node
// Thin guarded entry: all logic lives in src/cli/main.ts so the CLI can be tested in-process.
import { setFlagsFromString } from "node:v8";
import { main } from "../dist/cli/main.js";

// A dra-sim process lives for seconds, and TurboFan's compile threads spent more CPU building
// large inlined graphs than the inlining saved: a quarter of the replay bench's CPU was
// compiling. V8 inlines functions of up to 460 bytes of bytecode; at 100 the replay bench's
// command runs 12 % fewer instructions and a 1M-task run takes 9 % less CPU, its main thread no
// slower (bench/measures/replay.mjs, README "Performance"). Set before any code is hot; a
// value given to node (NODE_OPTIONS, --max-inlined-bytecode-size=N) wins.
const nodeArgs = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
if (!nodeArgs.includes("max-inlined-bytecode-size")) setFlagsFromString("--max-inlined-bytecode-size=100");

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
