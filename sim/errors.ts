/**
 * The one error model of spark-dra-sim. Every error the simulator or its CLI throws on purpose
 * is a `DraSimError`: it says what kind of failure it is (`category`), which decides the exit
 * code (one table, `src/cli/exitCodes.ts`), and carries the message for the user. Anything
 * else that is thrown is a bug: the CLI prints its stack and asks for a report.
 *
 * Library errors speak the library's words (keys, files, paths inside them); the CLI adds the
 * flag names when it reports them.
 */

/**
 * - `usage`: the command line is wrong (an unknown or repeated option, a bad option value).
 * - `invalid-input`: an input is wrong or asks for what Spark or the simulator refuses (a
 *   scenario, event log, job request or CSV file; a Spark config Spark would not start with;
 *   a workload past the model's limits).
 * - `internal`: the simulator could not finish for no reason the input explains (a bug).
 */
export const ERROR_CATEGORIES = ["usage", "invalid-input", "internal"] as const;

export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export abstract class DraSimError extends Error {
  /** What kind of failure this is; the CLI's exit code follows from it. */
  abstract readonly category: ErrorCategory;

  /** What the CLI prints after "error: ": the message, unless a class words it for the user. */
  get userMessage(): string {
    return this.message;
  }
}

/** A result that says whether parsing worked instead of throwing (zod's `safeParse`). */
export type SafeParseResult<T, E = DraSimError> = { readonly success: true; readonly data: T } | { readonly success: false; readonly error: E };

/**
 * Text that does not read as the value asked for (a time, a version, a CSV table). The message
 * is the library's: what was expected, without the option or file it came from, which the
 * caller adds (the CLI names its flag, a file reader its file and line).
 */
export class ParseError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "ParseError";
  constructor(
    message: string,
    /** The 1-based line the problem is on, when the text has lines. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The throwing `parse` of a `safeParse`: its value, or its error thrown. */
export function unwrap<T, E extends Error>(result: SafeParseResult<T, E>): T {
  if (result.success) return result.data;
  throw result.error;
}
