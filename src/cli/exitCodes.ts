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
