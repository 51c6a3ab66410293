/**
 * The one error type the event-log reader throws for user-facing problems.
 * `kind` lets the CLI map problems to exit codes; the message names the path.
 */

import { DraSimError } from "../../sim/errors.js";

export type EventLogErrorKind =
  /** The path does not exist. */
  | "not-found"
  /** The path exists but cannot be read (permissions, a device, ...). */
  | "unreadable"
  /** The content is not Spark JSON events (first lines are not objects with an "Event" key). */
  | "not-event-log"
  /** The log holds no line at all. */
  | "empty"
  /** A codec this reader does not decode (lzf). */
  | "unsupported-codec"
  /** Compressed data that fails its own checks (bad magic, bad checksum, bad block). */
  | "corrupt-data"
  /** A directory or zip that holds several independent logs. */
  | "ambiguous"
  /** A rolling log with a gap in its parts, or without its first part. */
  | "missing-parts";

export class EventLogError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "EventLogError";
  constructor(
    readonly kind: EventLogErrorKind,
    /** The file, directory, part or zip entry concerned. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
