#!/usr/bin/env node
"use strict";
// Thin guarded entry: all logic lives in src/cli/main.ts so the CLI can be tested in-process.
// CommonJS (bin/package.json), as Node starts a CommonJS entry without its ES module loader.
const args = process.argv.slice(2);

// A reader that stops early (`dra-sim run ... --events - | head -1`, or one gone before
// `--version` writes) closes the pipe: end quietly, with the status a process killed by SIGPIPE
// has (128 + 13), as `cat` would. Attached before anything is written.
const EXIT_BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(EXIT_BROKEN_PIPE);
    throw err;
  });
}

// `--version` alone needs nothing but the version: answer before loading the CLI.
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`${require("../dist/cli/version.json").version}\n`);
} else {
  const { cli } = require("./loadCli.js").loadCli({ args });
  cli
    .main(args, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      stderrIsTTY: Boolean(process.stderr.isTTY),
      stdoutIsTTY: Boolean(process.stdout.isTTY),
      cwd: process.cwd(),
    }, {
      // Once the command line is parsed, before any code is hot: see src/cli/cliV8Flags.ts.
      beforeCommand: () => cli.setCliV8Flags(args),
    })
    .then((code) => {
      process.exitCode = code;
    });
}
