import type { JsonObject } from "./jsonFields.js";

/** One parsed event-log line: a JSON object with an `"Event"` string. */
export interface RawEventRecord {
  /** Part (file or zip entry) the line came from. */
  readonly part: string;
  /** 1-based line number within the part. */
  readonly line: number;
  /** The value of `"Event"`, already checked to be a string. */
  readonly eventName: string;
  readonly json: JsonObject;
  /**
   * Present when fields were cut out of the line before it was parsed (`unreadFields`): the
   * record of the whole line (itself when the whole line is not valid JSON), parsed on demand,
   * for a decoder that misses a field where Spark does not write it.
   */
  readonly whole?: () => RawEventRecord;
}
