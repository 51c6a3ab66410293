/**
 * Streaming reader of one Spark event log: opens the container, decompresses
 * each part, splits lines and parses them as they arrive. Nothing holds more
 * than one decompressed chunk plus one unfinished line. The reader's `report`
 * is filled in as reading proceeds and is final once iteration ends.
 */
import {
  DEFAULT_MAX_WARNINGS,
  type EventLogCodec,
  type EventLogReadReport,
  type EventLogWarning,
  createReadReport,
  finalStatus,
  recordWarning,
} from "./EventLogReadReport.js";
import { EventLineParser } from "./EventLineParser.js";
import { ChunkLease, CutLine, LinePrefilter, NamedLine, SkippedLine } from "./LinePrefilter.js";
import { EventLogError } from "./EventLogError.js";
import { LineSplitter, LineTooLongError, MAX_EVENT_LINE_BYTES } from "./LineSplitter.js";
import type { RawEventRecord } from "./RawEventRecord.js";
import { type UnreadField, restOfLineCuts, unreadFieldCutter } from "./dropUnreadFields.js";
import { decompressChunks, sniffCodec } from "./decompressChunks.js";
import { type EventLogPart, type OpenEventLogOptions, openEventLog } from "./openEventLog.js";

export interface ReadEventLogOptions extends OpenEventLogOptions {
  /** Called for every warning (the report keeps the first `maxWarnings`). */
  readonly onWarning?: (warning: EventLogWarning) => void;
  /**
   * Only these events are parsed and yielded; other event lines are counted
   * from their `{"Event":"..."` prefix without being parsed (so a corrupt line
   * among them goes unnoticed). Default: every event.
   */
  readonly eventNames?: ReadonlySet<string>;
  /**
   * Fields the consumer never reads, cut out of each line before it is parsed where they have
   * the shape given (so the records lack them): most of a TaskEnd line is accumulator updates.
   * Default: none, every field is parsed.
   */
  readonly unreadFields?: readonly UnreadField[];
  /** Warnings kept in the report; default 1000. */
  readonly maxWarnings?: number;
  /** The longest line read; a longer one is an `EventLogError`. Default `MAX_EVENT_LINE_BYTES` (256 MiB). */
  readonly maxLineBytes?: number;
  /**
   * For a consumer that calls a record's `whole()` inside `batches`' `map` if at all
   * (`readSparkEvents`): a line read in part then keeps a view into the file's read buffer,
   * which the next chunk overwrites (its `whole()` called later throws), instead of a copy of
   * its bytes, which keeps `whole()` valid for as long as the record lives.
   */
  readonly wholeInsideMap?: boolean;
}

/**
 * Decodes an event straight from its line's text (cut as `unreadFields` says, closed) when it
 * can, else undefined: the line is then parsed and mapped as any other. A decoded line must be
 * a whole, valid event line (it is counted as one).
 */
export type LineTextDecoder<T> = (text: string, at: { readonly part: string; readonly line: number }) => T | undefined;

/** Iterate once; `report` tells, at the end, whether the log was complete and what went wrong. */
export interface EventLogReader extends AsyncIterable<RawEventRecord> {
  readonly report: EventLogReadReport;
  /**
   * The reader's warning sink, for warnings found in its records (a decoder's): counted in
   * `report`, kept while under `maxWarnings`, and passed to `onWarning`, as its own are.
   */
  readonly warn: (warning: EventLogWarning) => void;
  /**
   * Instead of iterating the records one by one: each record mapped by `map` right after its
   * line is parsed (undefined drops it), as one array per chunk of the log (1 MiB of a
   * plain file), so a consumer of every record takes one async step per chunk, not per
   * record. The report then runs up to one chunk ahead of what the consumer has seen.
   * `textDecoders`, by event name, take lines of those events without parsing them.
   */
  batches<T>(map: (record: RawEventRecord) => T | undefined, textDecoders?: ReadonlyMap<string, LineTextDecoder<T>>): AsyncIterable<T[]>;
}

export function readEventLog(path: string, options: ReadEventLogOptions = {}): EventLogReader {
  const report = createReadReport(path);
  const maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  const warn = (warning: EventLogWarning): void => {
    recordWarning(report, warning, maxWarnings);
    options.onWarning?.(warning);
  };
  let started = false;
  const start = (): void => {
    if (started) throw new Error(`the event-log reader for ${path} was already iterated; create a new one`);
    started = true;
  };
  return {
    report,
    warn,
    [Symbol.asyncIterator]() {
      start();
      return oneByOne(readRecords(path, options, report, warn, (r) => r, false));
    },
    batches<T>(map: (record: RawEventRecord) => T | undefined, textDecoders?: ReadonlyMap<string, LineTextDecoder<T>>) {
      start();
      return { [Symbol.asyncIterator]: () => readRecords(path, options, report, warn, map, true, textDecoders) };
    },
  };
}

async function* oneByOne<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/**
 * The records, mapped, in arrays: one per chunk (`perChunk`), or one per record, parsed only
 * when the consumer asks for it, so that the report never runs ahead of what it has seen.
 */
async function* readRecords<T>(
  path: string,
  options: ReadEventLogOptions,
  report: EventLogReadReport,
  warn: (warning: EventLogWarning) => void,
  map: (record: RawEventRecord) => T | undefined,
  perChunk: boolean,
  textDecoders: ReadonlyMap<string, LineTextDecoder<T>> = new Map(),
): AsyncGenerator<T[]> {
  const source = await openEventLog(path, options);
  try {
    report.container = source.container;
    report.inProgressMarker = source.inProgress;
    const cutUnread = options.unreadFields === undefined || options.unreadFields.length === 0 ? undefined : unreadFieldCutter(options.unreadFields);
    const parser = new EventLineParser(report, { eventNames: options.eventNames, cutUnread, warn });
    const prefilter = new LinePrefilter(options.eventNames, restOfLineCuts(options.unreadFields ?? []), new Set(textDecoders.keys()));
    for (const [i, part] of source.parts.entries()) {
      const lastPart = i === source.parts.length - 1;
      const { codec, chunks } = await resolveCodec(part);
      report.parts.push({ name: part.name, codec });
      parser.startPart(part.name);
      const splitter = new LineSplitter(options.maxLineBytes ?? MAX_EVENT_LINE_BYTES);
      const push = (chunk: Uint8Array, onLine: (text: string) => void, take?: (bytes: Buffer, start: number, end: number) => boolean): void => {
        try {
          splitter.push(chunk, onLine, take);
        } catch (e) {
          if (!(e instanceof LineTooLongError)) throw e;
          throw new EventLogError(
            "not-event-log",
            part.name,
            `${path}: ${part.name === path ? "" : `${part.name}, `}line ${e.line} is longer than ${formatBytes(e.maxLineBytes)}, the longest line dra-sim reads (see README "Limits"); Spark's own event-log lines are a few MiB at most: is this an event log?`,
          );
        }
      };
      const decompressed = decompressChunks(codec, chunks, {
        part: part.name,
        onTruncated: (message) => {
          report.streamTruncated = true;
          warn({ code: "truncated-stream", part: part.name, line: undefined, message });
        },
      });
      // Lines are split per chunk; each is parsed, then mapped at once (so a decoder's warnings
      // come in line order with the parser's). Lines that need not be decoded whole are taken
      // from their bytes (`LinePrefilter`).
      let lines: (string | SkippedLine | CutLine | NamedLine)[] = [];
      const collect = (text: string): void => {
        lines.push(text);
      };
      // A line read in part keeps its bytes: a copy where the next chunk overwrites them, or
      // the chunk's own bytes, valid for `map` (`wholeInsideMap`) while its lease lasts.
      const reused = codec === "none" && part.reusesBuffers === true;
      const lend = reused && options.wholeInsideMap === true;
      const keep = reused && !lend;
      let lease = new ChunkLease();
      const take = !prefilter.active
        ? undefined
        : (bytes: Buffer, start: number, end: number): boolean => {
            const taken = prefilter.take(bytes, start, end);
            if (taken instanceof CutLine) {
              if (lend) taken.lend(lease);
              else if (keep) taken.keep();
            }
            if (taken !== undefined) lines.push(taken);
            return taken !== undefined;
          };
      for await (const chunk of decompressed) {
        lease.end();
        lease = new ChunkLease();
        push(chunk, collect, take);
        const ready = lines;
        lines = [];
        let batch: T[] = [];
        for (const line of ready) {
          if (line instanceof SkippedLine) {
            parser.acceptUnparsed(line.eventName);
            continue;
          }
          const decode = typeof line === "string" ? undefined : textDecoders.get(line.eventName);
          const decoded = decode === undefined ? undefined : decode((line as CutLine | NamedLine).text, parser.nextLine());
          let mapped: T | undefined;
          if (decoded !== undefined) {
            parser.acceptUnparsed((line as CutLine | NamedLine).eventName);
            mapped = decoded;
          } else {
            const record = typeof line === "string" ? parser.parseLine(line) : line instanceof CutLine ? parser.parseCutLine(line) : parser.parseLine(line.text);
            mapped = record === undefined ? undefined : map(record);
          }
          if (mapped === undefined) continue;
          batch.push(mapped);
          if (!perChunk) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
        parser.checkUnfinishedLine(splitter.pendingBytes, splitter.pendingFirstByte);
      }
      const tail = splitter.finish();
      if (tail !== undefined) {
        const record = parser.parseUnterminatedLine(tail, lastPart);
        const mapped = record === undefined ? undefined : map(record);
        if (mapped !== undefined) yield [mapped];
      }
    }
    parser.finish();
    report.status = finalStatus(report);
  } finally {
    await source.close();
  }
}

function formatBytes(n: number): string {
  return n >= 2 ** 20 && n % 2 ** 20 === 0 ? `${n / 2 ** 20} MiB` : `${n} bytes`;
}

/**
 * A part named without a codec suffix is sniffed from its first bytes (renamed or unzipped
 * files). A plain part's chunks go to the line splitter, which is done with each before the
 * next is read; a decompressor may hold on to its input, so a part that reuses its buffers
 * gives it copies.
 */
async function resolveCodec(part: EventLogPart): Promise<{ codec: EventLogCodec; chunks: AsyncIterable<Uint8Array> }> {
  const kept = (codec: EventLogCodec, chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> =>
    codec !== "none" && part.reusesBuffers === true ? copies(chunks) : chunks;
  if (part.codec !== "none") return { codec: part.codec, chunks: kept(part.codec, part.openBytes()) };
  const iterator = part.openBytes()[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return { codec: "none", chunks: emptyChunks() };
  const codec = sniffCodec(first.value);
  return { codec, chunks: kept(codec, prepend(first.value, iterator)) };
}

async function* copies(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield Uint8Array.prototype.slice.call(chunk);
}

async function* emptyChunks(): AsyncGenerator<Uint8Array> {}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield first;
    for (;;) {
      const next = await rest.next();
      if (next.done === true) return;
      yield next.value;
    }
  } finally {
    // Closes the file stream when the consumer stops early.
    await rest.return?.();
  }
}
