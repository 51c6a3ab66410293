/**
 * readEventLog + decodeEvent: the typed events of one log, with the lines of
 * every other event skipped unparsed, and the fields no decoder reads cut before
 * parsing. Decode warnings go to the same report.
 */
import type { EventLogReadReport } from "./EventLogReadReport.js";
import { SPARK_EVENT_NAMES, decodeEvent } from "./decodeEvent.js";
import type { SparkEvent } from "./events.js";
import { type ReadEventLogOptions, readEventLog } from "./readEventLog.js";
import { UNREAD_FIELDS } from "./dropUnreadFields.js";

export type ReadSparkEventsOptions = Omit<ReadEventLogOptions, "eventNames" | "unreadFields">;

export interface SparkEventReader extends AsyncIterable<SparkEvent> {
  readonly report: EventLogReadReport;
  /** The events as one array per chunk of the log (`EventLogReader.batches`); iterate once, this or the reader. */
  batches(): AsyncIterable<SparkEvent[]>;
}

export function readSparkEvents(path: string, options: ReadSparkEventsOptions = {}): SparkEventReader {
  // The decoders read neither accumulator updates nor executor memory metrics: cut, not parsed.
  const raw = readEventLog(path, { ...options, eventNames: SPARK_EVENT_NAMES, unreadFields: UNREAD_FIELDS });
  const batches = (): AsyncIterable<SparkEvent[]> => raw.batches((record) => decodeEvent(record, raw.warn));
  return {
    report: raw.report,
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}
