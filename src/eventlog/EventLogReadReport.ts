/**
 * What reading one event log found, filled in as reading proceeds: the parts
 * read, how many events, where the log stops and whether it is complete, and
 * every warning. It is plain data; `describeCompleteness` formats it.
 */

export type EventLogWarningCode =
  /** A line that is not valid JSON (not the last line of the log). */
  | "corrupt-line"
  /** Valid JSON, but not an object with an `"Event"` string. */
  | "not-an-event"
  /** A known event without a field the replay needs; the event is skipped. */
  | "missing-field"
  /** A compressed stream that stops mid-block (normal for in-progress logs). */
  | "truncated-stream";

export interface EventLogWarning {
  readonly code: EventLogWarningCode;
  /** Part (file or zip entry) name. */
  readonly part: string;
  /** 1-based line number within the part; undefined for stream-level warnings. */
  readonly line: number | undefined;
  readonly message: string;
}

export type EventLogContainer = "file" | "rolling-dir" | "legacy-dir" | "zip";

export type EventLogCodec = "none" | "gzip" | "zstd" | "lz4" | "snappy" | "lzf";

export interface LinePosition {
  readonly part: string;
  readonly line: number;
}

/**
 * - `reading`: not finished (or the consumer stopped early);
 * - `complete`: SparkListenerApplicationEnd seen and nothing cut;
 * - `in-progress`: no ApplicationEnd, and the log is marked in progress (`.inprogress`);
 * - `truncated`: no ApplicationEnd or a cut last line / stream, without an in-progress marker.
 */
export type EventLogStatus = "reading" | "complete" | "in-progress" | "truncated";

export interface EventLogReadReport {
  /** The path given by the caller. */
  readonly path: string;
  container: EventLogContainer | undefined;
  /** Part names in reading order, with their codec. */
  parts: { readonly name: string; readonly codec: EventLogCodec }[];
  /** Named `.inprogress`, or a rolling log whose `appstatus_*` marker says so, or a legacy dir without APPLICATION_COMPLETE. */
  inProgressMarker: boolean;
  /** Complete event lines read (decoded or skipped by an event-name filter). */
  eventCount: number;
  /** Lines per event name (every event line, filtered or not). */
  readonly eventCounts: Map<string, number>;
  /** Last complete event line. */
  lastEventAt: LinePosition | undefined;
  /** A last line without its newline that is not valid JSON: dropped, and the log counts as cut there. */
  cutAt: LinePosition | undefined;
  /** A compressed stream ended mid-block. */
  streamTruncated: boolean;
  sawApplicationEnd: boolean;
  status: EventLogStatus;
  /** Warnings kept (at most `maxWarnings`; the rest are only counted). */
  readonly warnings: EventLogWarning[];
  warningCount: number;
}

export function createReadReport(path: string): EventLogReadReport {
  return {
    path,
    container: undefined,
    parts: [],
    inProgressMarker: false,
    eventCount: 0,
    eventCounts: new Map(),
    lastEventAt: undefined,
    cutAt: undefined,
    streamTruncated: false,
    sawApplicationEnd: false,
    status: "reading",
    warnings: [],
    warningCount: 0,
  };
}

/** Default cap on warnings kept in a report; later ones are only counted (and still passed to onWarning). */
export const DEFAULT_MAX_WARNINGS = 1000;

/** Counts a warning and keeps it while under `maxWarnings`, so a log full of bad lines cannot fill memory. */
export function recordWarning(report: EventLogReadReport, warning: EventLogWarning, maxWarnings: number): void {
  report.warningCount += 1;
  if (report.warnings.length < maxWarnings) report.warnings.push(warning);
}

/** Status once the whole log was read. */
export function finalStatus(report: EventLogReadReport): Exclude<EventLogStatus, "reading"> {
  const cut = report.cutAt !== undefined || report.streamTruncated;
  if (report.sawApplicationEnd && !cut) return "complete";
  return report.inProgressMarker ? "in-progress" : "truncated";
}

function formatPosition(pos: LinePosition, report: EventLogReadReport): string {
  return report.parts.length > 1 ? `line ${pos.line} of ${pos.part}` : `line ${pos.line}`;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/**
 * One line for people, e.g. `truncated: used 62 complete events; cut at line 63`. A log
 * with warnings is never called plainly complete: its skipped lines or events are work or
 * executors the replay does not know about.
 */
export function describeCompleteness(report: EventLogReadReport): string {
  const events = plural(report.eventCount, "complete event");
  const warnings = plural(report.warningCount, "warning");
  if (report.status === "reading") return `not read to the end: ${events} so far`;
  if (report.status === "complete") {
    if (report.warningCount === 0) return `complete: ${events}`;
    const skipped = report.warningCount === 1 ? "a line or event skipped" : "lines or events skipped";
    return `complete, but with ${warnings} (${skipped}): ${events}`;
  }
  const label = report.status === "in-progress" ? "in progress" : "truncated";
  const where: string[] = [];
  if (report.cutAt !== undefined) where.push(`cut at ${formatPosition(report.cutAt, report)}`);
  else if (report.streamTruncated) where.push("compressed stream cut short");
  if (!report.sawApplicationEnd) {
    const after = report.lastEventAt === undefined ? "" : ` after ${formatPosition(report.lastEventAt, report)}`;
    where.push(`no SparkListenerApplicationEnd${after}`);
  }
  if (report.warningCount > 0) where.push(warnings);
  return `${label}: used ${events}; ${where.join("; ")}`;
}

/**
 * The messages (part, line, what) of the first `limit` warnings, and how many more were
 * found: the kept ones not shown plus those only counted (past `maxWarnings`).
 */
export function listWarnings(report: EventLogReadReport, limit = Infinity): { readonly shown: readonly string[]; readonly more: number } {
  const shown = report.warnings.slice(0, limit).map((w) => w.message);
  return { shown, more: report.warningCount - shown.length };
}
