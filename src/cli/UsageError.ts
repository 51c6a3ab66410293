import { DraSimError } from "../../sim/errors.js";

/** A problem the user can fix (bad argument, existing output file, ...): exit code 2, no stack trace. */
export class UsageError extends DraSimError {
  readonly category = "usage";
  override readonly name = "UsageError";
}

/**
 * A command line yargs itself refused (unknown option or command, missing argument, a value
 * outside its choices): yargs' own message, printed as yargs words it, then where help is.
 */
export class CommandLineError extends DraSimError {
  readonly category = "usage";
  override readonly name = "CommandLineError";
}
