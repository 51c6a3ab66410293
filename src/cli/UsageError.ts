/** A problem the user can fix (bad argument, existing output file, ...): exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
