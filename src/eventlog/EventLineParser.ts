/**
 * Text lines of an event log → RawEventRecords, with the per-line rules:
 * blank lines are skipped, a corrupt line is a warning with its part and line
 * number, an unterminated last line that does not parse marks the cut, and a
 * log whose first few non-empty lines are not events is rejected.
 */
import { EventLogError } from "./EventLogError.js";
import type { EventLogReadReport, EventLogWarning, EventLogWarningCode } from "./EventLogReadReport.js";
import type { RawEventRecord } from "./RawEventRecord.js";
import { isJsonObject } from "./jsonFields.js";
import type { CutLine } from "./LinePrefilter.js";

/** This many bad non-empty lines before the first event mean "not an event log". */
export const NOT_EVENT_LOG_LINES = 3;
/** An unfinished first line longer than this that does not start with "{" is not JSON lines (binary or wrong codec). */
const MAX_LEADING_GARBAGE_BYTES = 1 << 20;

const EVENT_PREFIX = '{"Event":"';
const OPEN_BRACE = 0x7b;

/** Spark writes `"Event"` first; read the name without parsing the (possibly huge) rest. */
function peekEventName(text: string): string | undefined {
  if (!text.startsWith(EVENT_PREFIX)) return undefined;
  const end = text.indexOf('"', EVENT_PREFIX.length);
  if (end < 0) return undefined;
  const name = text.slice(EVENT_PREFIX.length, end);
  return name.includes("\\") ? undefined : name;
}

function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim().length === 0);
}

/** `record` with the JSON of its whole line; `record` itself when the whole line is not an event object. */
function wholeRecord(record: RawEventRecord, text: string): RawEventRecord {
  try {
    const json: unknown = JSON.parse(text);
    return isJsonObject(json) && json["Event"] === record.eventName ? { part: record.part, line: record.line, eventName: record.eventName, json } : record;
  } catch {
    return record;
  }
}

function snippet(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export interface EventLineParserOptions {
  readonly eventNames: ReadonlySet<string> | undefined;
  /** Cuts fields the consumer never reads out of an event's line before it is parsed (`unreadFieldCutter`). */
  readonly cutUnread?: ((eventName: string, text: string) => string) | undefined;
  /** Where warnings go (the reader's sink: the report, then `onWarning`). */
  readonly warn: (warning: EventLogWarning) => void;
}

export class EventLineParser {
  private part = "";
  private line = 0;
  private firstPart = true;
  private sawEvent = false;
  /** Bad lines seen before the first event: warnings if an event follows, the evidence otherwise. */
  private early: { warning: EventLogWarning; found: string }[] = [];

  constructor(
    private readonly report: EventLogReadReport,
    private readonly options: EventLineParserOptions,
  ) {}

  startPart(part: string): void {
    if (this.part !== "") this.firstPart = false;
    this.part = part;
    this.line = 0;
  }

  /** Parses the next newline-terminated line; undefined for blank, skipped or bad lines. */
  parseLine(text: string): RawEventRecord | undefined {
    this.line += 1;
    return this.handle(text, false, false);
  }

  /**
   * Counts the next line, an event of `eventName` taken without parsing: one not in `eventNames`,
   * found so from its bytes (`LinePrefilter`), or one its consumer decoded from the line's text
   * (so a whole, valid event line).
   */
  acceptUnparsed(eventName: string): void {
    this.line += 1;
    this.accept(eventName);
  }

  /** Where the next line is: the place of an event its consumer decodes from the line's text (`acceptUnparsed`). */
  nextLine(): { part: string; line: number } {
    return { part: this.part, line: this.line + 1 };
  }

  /** Parses a line decoded only up to a field (`LinePrefilter`); one that does not parse so is parsed whole. */
  parseCutLine(cutLine: CutLine): RawEventRecord | undefined {
    this.line += 1;
    let json: unknown;
    try {
      json = JSON.parse(this.cut(cutLine.text, cutLine.eventName));
    } catch {
      json = undefined;
    }
    // Cut inside a nested object, or not an event after all: the whole line, as any other.
    if (!isJsonObject(json) || json["Event"] !== cutLine.eventName) return this.handle(cutLine.wholeText(), false, false);
    this.accept(cutLine.eventName);
    const record: RawEventRecord = { part: this.part, line: this.line, eventName: cutLine.eventName, json };
    return { ...record, whole: () => wholeRecord(record, cutLine.wholeText()) };
  }

  /** Parses a last line that has no newline. */
  parseUnterminatedLine(text: string, lastPart: boolean): RawEventRecord | undefined {
    this.line += 1;
    return this.handle(text, true, lastPart);
  }

  /** Rejects binary or wrongly-decoded input before it fills memory as one endless "line". */
  checkUnfinishedLine(pendingBytes: number, firstByte: number | undefined): void {
    if (this.sawEvent || pendingBytes <= MAX_LEADING_GARBAGE_BYTES || firstByte === OPEN_BRACE) return;
    throw new EventLogError(
      "not-event-log",
      this.report.path,
      `${this.report.path} is not a Spark event log: ${this.part} starts with over ${MAX_LEADING_GARBAGE_BYTES} bytes ` +
        `without a newline that do not start with "{" (binary data, or a compressed file without its codec suffix?)`,
    );
  }

  /** Call after the last part: rejects a log in which no event was found. */
  finish(): void {
    if (this.sawEvent) return;
    if (this.early.length > 0) throw this.notEventLog();
    throw new EventLogError("empty", this.report.path, `${this.report.path} holds no events (no non-empty line)`);
  }

  private handle(rawText: string, unterminated: boolean, lastPart: boolean): RawEventRecord | undefined {
    // A UTF-8 byte-order mark is not part of the first line.
    const text = this.firstPart && this.line === 1 && rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    if (isBlank(text)) return undefined;
    let peeked: string | undefined;
    if (!unterminated && this.options.eventNames !== undefined) {
      peeked = peekEventName(text);
      if (peeked !== undefined && !this.options.eventNames.has(peeked)) {
        this.accept(peeked);
        return undefined;
      }
    }
    let json: unknown;
    let cutText = text;
    try {
      cutText = this.cut(text, peeked);
      json = this.parse(text, cutText);
    } catch (e) {
      if (unterminated && lastPart && this.sawEvent) {
        // The writer stopped mid-line: an in-progress or truncated log, not a corrupt one.
        this.report.cutAt = { part: this.part, line: this.line };
        return undefined;
      }
      this.bad("corrupt-line", `invalid JSON (${(e as Error).message})`, text);
      return undefined;
    }
    const name = isJsonObject(json) ? json["Event"] : undefined;
    if (!isJsonObject(json) || typeof name !== "string") {
      this.bad("not-an-event", 'not a JSON object with an "Event" string', text);
      return undefined;
    }
    this.accept(name);
    const record: RawEventRecord = { part: this.part, line: this.line, eventName: name, json };
    return cutText === text ? record : { ...record, whole: () => wholeRecord(record, text) };
  }

  /** The line with the fields the consumer never reads cut out (the line itself when none are). */
  private cut(text: string, eventName: string | undefined): string {
    const cut = this.options.cutUnread;
    return cut === undefined || eventName === undefined ? text : cut(eventName, text);
  }

  /** `cutText` parsed, or the whole line when it does not parse (a cut in the wrong place). */
  private parse(text: string, cutText: string): unknown {
    if (cutText === text) return JSON.parse(text);
    try {
      return JSON.parse(cutText);
    } catch {
      // The message (and its position) of the line as written.
      return JSON.parse(text);
    }
  }

  private accept(name: string): void {
    if (!this.sawEvent) {
      this.sawEvent = true;
      for (const { warning } of this.early) this.options.warn(warning);
      this.early = [];
    }
    const report = this.report;
    report.eventCount += 1;
    report.eventCounts.set(name, (report.eventCounts.get(name) ?? 0) + 1);
    if (name === "SparkListenerApplicationEnd") report.sawApplicationEnd = true;
    report.lastEventAt = { part: this.part, line: this.line };
  }
  private bad(code: EventLogWarningCode, what: string, text: string): void {
    const warning: EventLogWarning = {
      code,
      part: this.part,
      line: this.line,
      message: `${this.part} line ${this.line}: ${what}: ${snippet(text)}`,
    };
    if (this.sawEvent) {
      this.options.warn(warning);
      return;
    }
    this.early.push({ warning, found: `line ${this.line}: ${what}: ${snippet(text)}` });
    if (this.early.length >= NOT_EVENT_LOG_LINES) throw this.notEventLog();
  }

  private notEventLog(): EventLogError {
    const where = this.report.parts.length > 1 ? ` (${this.part})` : "";
    return new EventLogError(
      "not-event-log",
      this.report.path,
      `${this.report.path}${where} is not a Spark event log: expected JSON objects with an "Event" key, found ` +
        this.early.map((e) => e.found).join("; "),
    );
  }
}
