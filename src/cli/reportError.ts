import { DraSimError } from "../../sim/errors.js";
import { exitCodeOf } from "./exitCodes.js";
import type { CliIO } from "./io.js";
import { CommandLineError } from "./UsageError.js";

/** Where help is, printed after a command line yargs refused (not 30 lines of help). */
export const HELP_HINT = "(dra-sim --help lists the commands; dra-sim <command> --help their options)";

/**
 * Reports a failure the way the CLI promises: a `DraSimError` as its message (what, where,
 * and the fix; no stack trace) with the exit code of its category; anything else as a bug.
 */
export function reportError(io: CliIO, err: unknown): number {
  if (err instanceof CommandLineError) {
    io.stderr(`${err.message}\n\n${HELP_HINT}\n`);
  } else if (err instanceof DraSimError) {
    io.stderr(`error: ${err.userMessage}\n`);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr(`internal error (please report it with the command you ran): ${e.stack ?? e.message}\n`);
    return exitCodeOf(undefined);
  }
  return exitCodeOf(err.category);
}
