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
}

export function readSparkEvents(path: string, options: ReadSparkEventsOptions = {}): SparkEventReader {
  // The decoders read neither accumulator updates nor executor memory metrics: cut, not parsed.
  const raw = readEventLog(path, { ...options, eventNames: SPARK_EVENT_NAMES, unreadFields: UNREAD_FIELDS });
  return {
    report: raw.report,
    async *[Symbol.asyncIterator]() {
      for await (const record of raw) {
        const event = decodeEvent(record, raw.warn);
        if (event !== undefined) yield event;
      }
    },
  };
}
