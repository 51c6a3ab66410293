/**
 * readEventLog + decodeEvent: the typed events of one log, with the lines of
 * every other event skipped unparsed. Decode warnings go to the same report.
 */
import { DEFAULT_MAX_WARNINGS, type EventLogReadReport, type EventLogWarning, recordWarning } from "./EventLogReadReport.js";
import { decodeEvent } from "./decodeEvent.js";
import { SPARK_EVENT_NAMES, type SparkEvent } from "./events.js";
import { type ReadEventLogOptions, readEventLog } from "./readEventLog.js";

export type ReadSparkEventsOptions = Omit<ReadEventLogOptions, "eventNames">;

export interface SparkEventReader extends AsyncIterable<SparkEvent> {
  readonly report: EventLogReadReport;
}

export function readSparkEvents(path: string, options: ReadSparkEventsOptions = {}): SparkEventReader {
  const raw = readEventLog(path, { ...options, eventNames: SPARK_EVENT_NAMES });
  const maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  const onDecodeWarning = (warning: EventLogWarning): void => {
    recordWarning(raw.report, warning, maxWarnings);
    options.onWarning?.(warning);
  };
  return {
    report: raw.report,
    async *[Symbol.asyncIterator]() {
      for await (const record of raw) {
        const event = decodeEvent(record, onDecodeWarning);
        if (event !== undefined) yield event;
      }
    },
  };
}
