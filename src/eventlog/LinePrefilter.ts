/**
 * What the reader does with a line, decided from its bytes before any of it is decoded: an
 * event that is not read is only counted (`SkippedLine`), an event whose rest is not read from
 * a field on is decoded only up to that field (`CutLine`), any other line is decoded whole.
 * Most of a TaskEnd line is what workload extraction never reads, so most of a log's bytes are
 * never turned into strings.
 */
import type { RestOfLineCut } from "./dropUnreadFields.js";

const EVENT_PREFIX = Buffer.from('{"Event":"', "latin1");
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CARRIAGE_RETURN = 0x0d;

/** A line of an event not read, by its name. */
export class SkippedLine {
  constructor(readonly eventName: string) {}
}

/** A line decoded up to a field of a "rest of the line" cut, closed; the whole line stays at hand in its chunk's bytes. */
export class CutLine {
  private lease: ChunkLease | undefined;

  constructor(
    readonly eventName: string,
    readonly text: string,
    private bytes: Buffer,
    private start: number,
    private end: number,
  ) {}

  /** Its own copy of the line's bytes, for a chunk whose buffer the next read overwrites. */
  keep(): void {
    this.bytes = Buffer.from(this.bytes.subarray(this.start, this.end));
    this.end -= this.start;
    this.start = 0;
  }

  /** The chunk's bytes, valid only while `lease` lasts. */
  lend(lease: ChunkLease): void {
    this.lease = lease;
  }

  /** The whole line, decoded (a CRLF line end is not part of it). */
  wholeText(): string {
    if (this.lease?.ended === true) {
      throw new Error(`the whole line of this ${this.eventName} record was read after the reader moved on to the next chunk, which overwrote it: call whole() inside batches' map, or read without wholeInsideMap`);
    }
    const stop = this.end > this.start && this.bytes[this.end - 1] === CARRIAGE_RETURN ? this.end - 1 : this.end;
    return this.bytes.toString("utf8", this.start, stop);
  }
}

/** How long a chunk's bytes stay as they are: until the reader asks for the next chunk. */
export class ChunkLease {
  ended = false;
  end(): void {
    this.ended = true;
  }
}

/** A line of an event its consumer may decode from its text (`LinePrefilter`'s `textEvents`), decoded whole. */
export class NamedLine {
  constructor(
    readonly eventName: string,
    readonly text: string,
  ) {}
}

/**
 * The event name at the start of a line's bytes, as the text reader peeks it (Spark writes
 * `"Event"` first), for an ASCII name without escapes; else undefined.
 */
function eventNameOf(bytes: Buffer, start: number, end: number): string | undefined {
  const from = start + EVENT_PREFIX.length;
  if (from > end || bytes.compare(EVENT_PREFIX, 0, EVENT_PREFIX.length, start, from) !== 0) return undefined;
  const quote = bytes.indexOf(QUOTE, from);
  if (quote < 0 || quote >= end) return undefined;
  for (let i = from; i < quote; i++) if (bytes[i]! >= 0x80 || bytes[i] === BACKSLASH) return undefined;
  return bytes.toString("latin1", from, quote);
}

export class LinePrefilter {
  /**
   * @param textEvents events whose whole lines are taken as `NamedLine`s (their name known, for
   *   a consumer that decodes some lines from their text); their cut lines are `CutLine`s as any.
   */
  constructor(
    private readonly eventNames: ReadonlySet<string> | undefined,
    private readonly restCuts: ReadonlyMap<string, RestOfLineCut>,
    private readonly textEvents: ReadonlySet<string> = new Set(),
  ) {}

  /** A line (bytes `start` to `end`, no newline) taken as a `SkippedLine`, `CutLine` or `NamedLine`, or undefined: decode it whole. */
  take(bytes: Buffer, start: number, end: number): SkippedLine | CutLine | NamedLine | undefined {
    const name = eventNameOf(bytes, start, end);
    if (name === undefined) return undefined;
    if (this.eventNames !== undefined && !this.eventNames.has(name)) return new SkippedLine(name);
    const cut = this.restCuts.get(name);
    // Searched within the line only (a line without the field must not find the next line's).
    const at = cut === undefined ? -1 : bytes.subarray(start, end).indexOf(cut.marker);
    if (at >= 0) return new CutLine(name, bytes.toString("utf8", start, start + at) + cut!.closing, bytes, start, end);
    if (!this.textEvents.has(name)) return undefined;
    const stop = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    return new NamedLine(name, bytes.toString("utf8", start, stop));
  }

  /** Whether `take` can take any line at all. */
  get active(): boolean {
    return this.eventNames !== undefined || this.restCuts.size > 0 || this.textEvents.size > 0;
  }
}
