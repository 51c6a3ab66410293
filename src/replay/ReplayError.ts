import { DraSimError } from "../../sim/errors.js";

/**
 * A readable event log that cannot become a scenario: it ran no job with a stage (a shell
 * session that never computed anything, or a log cut before its first job). A user error:
 * the CLI exits with code 2.
 */
export class ReplayError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "ReplayError";
  constructor(
    /** The event log concerned. */
    readonly eventLog: string,
    message: string,
  ) {
    super(message);
  }
}
