/**
 * readEventLog + decodeEvent: the typed events of one log, with the lines of
 * every other event skipped unparsed, and the fields no decoder reads cut before
 * parsing. Decode warnings go to the same report.
 */
import type { EventLogReadReport } from "./EventLogReadReport.js";
import { SPARK_EVENT_NAMES, decodeEvent } from "./decodeEvent.js";
import type { SparkEvent } from "./events.js";
import type { RawEventRecord } from "./RawEventRecord.js";
import { type LineTextDecoder, type ReadEventLogOptions, readEventLog } from "./readEventLog.js";
import { decodeTaskEndLine, decodeTaskStartLine } from "./decodeTaskLines.js";
import { UNREAD_FIELDS, WORKLOAD_UNREAD_FIELDS } from "./dropUnreadFields.js";

export interface ReadSparkEventsOptions extends Omit<ReadEventLogOptions, "eventNames" | "unreadFields"> {
  /**
   * "workload": only what workload extraction reads is parsed; a TaskEnd's metrics are not
   * (its `metrics` is undefined, and a corrupt tail of its line goes unnoticed). Default "all".
   */
  readonly fields?: "all" | "workload";
}

export interface SparkEventReader extends AsyncIterable<SparkEvent> {
  readonly report: EventLogReadReport;
  /** The events as one array per chunk of the log (`EventLogReader.batches`); iterate once, this or the reader. */
  batches(): AsyncIterable<SparkEvent[]>;
}

/** Task lines of Spark's usual shape are decoded from their text, not parsed; a TaskEnd only as workload extraction cuts it. */
const TASK_START_DECODER = new Map<string, LineTextDecoder<SparkEvent>>([["SparkListenerTaskStart", decodeTaskStartLine]]);
const TASK_DECODERS = new Map<string, LineTextDecoder<SparkEvent>>([...TASK_START_DECODER, ["SparkListenerTaskEnd", decodeTaskEndLine]]);

export function readSparkEvents(path: string, options: ReadSparkEventsOptions = {}): SparkEventReader {
  // The decoders read neither accumulator updates nor executor memory metrics: cut, not parsed.
  const { fields, ...read } = options;
  const unreadFields = fields === "workload" ? WORKLOAD_UNREAD_FIELDS : UNREAD_FIELDS;
  // `decode` calls a record's `whole()` at once if at all: no copy of a line read in part.
  const raw = readEventLog(path, { ...read, eventNames: SPARK_EVENT_NAMES, unreadFields, wholeInsideMap: true });
  // A record read in part is decoded from its whole line when a field the decoder needs was in
  // the part not read (not where Spark writes it); the warning, if any, is the whole line's.
  const decode = (record: RawEventRecord): SparkEvent | undefined =>
    record.whole === undefined ? decodeEvent(record, raw.warn) : (decodeEvent(record) ?? decodeEvent(record.whole(), raw.warn));
  const batches = (): AsyncIterable<SparkEvent[]> => raw.batches(decode, fields === "workload" ? TASK_DECODERS : TASK_START_DECODER);
  return {
    report: raw.report,
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}
