import type { ErrorCategory } from "../../sim/errors.js";

/** Exit codes of `dra-sim`, documented in the README. */
export const ExitCode = {
  Ok: 0,
  /** `dra-sim check`: a termination rule was violated. */
  RuleViolated: 1,
  /** Bad input: usage, scenario file, Spark config that Spark would refuse, existing output file. */
  InvalidInput: 2,
  /** The simulator could not finish (a model invariant broke): a bug to report. */
  InternalError: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The one place an error's category becomes an exit code. */
export const EXIT_CODE_OF_CATEGORY: Readonly<Record<ErrorCategory, ExitCode>> = {
  usage: ExitCode.InvalidInput,
  "invalid-input": ExitCode.InvalidInput,
  internal: ExitCode.InternalError,
};

/** The exit code for an error of `category`. Errors that are not the simulator's own (bugs) exit with `InternalError`. */
export function exitCodeOf(category: ErrorCategory | undefined): ExitCode {
  return category === undefined ? ExitCode.InternalError : EXIT_CODE_OF_CATEGORY[category];
}
