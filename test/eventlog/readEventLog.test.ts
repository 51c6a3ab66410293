import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  EventLogError,
  type EventLogErrorKind,
  type EventLogReader,
  type EventLogWarning,
  describeCompleteness,
  listWarnings,
  openEventLog,
  readEventLog,
  MAX_EVENT_LINE_BYTES,
} from "../../src/eventlog/index.js";
import { encodeLz4BlockStream } from "../helpers/lz4BlockStreamEncoder.js";
import { SHARED_EVENTLOGS, itShared } from "../helpers/sharedEventLogs.js";
import { PLAIN_LOG_TEXT } from "../helpers/plainEventLog.js";
import { useTempDir } from "../helpers/tempDir.js";
import { writeZip } from "../helpers/zipWriter.js";

const dir = useTempDir("eventlog-read");
const PLAIN = PLAIN_LOG_TEXT;
const LINES = PLAIN.trimEnd().split("\n"); // the last one SparkListenerApplicationEnd

async function drain(reader: EventLogReader): Promise<{ part: string; line: number; eventName: string }[]> {
  const out: { part: string; line: number; eventName: string }[] = [];
  for await (const r of reader) out.push({ part: r.part, line: r.line, eventName: r.eventName });
  return out;
}

async function errorOf(promise: Promise<unknown>): Promise<EventLogError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof EventLogError)) throw new Error(`expected an EventLogError, got ${String(err)}`);
  return err;
}

function expectKind(err: EventLogError, kind: EventLogErrorKind, message: RegExp): void {
  expect(err.kind).toBe(kind);
  expect(err.message).toMatch(message);
}

function path(...names: string[]): string {
  return join(dir, ...names);
}

function write(name: string, data: string | Uint8Array): string {
  writeFileSync(path(name), data);
  return path(name);
}

const PLAIN_PATH = write("plain-app", PLAIN);

describe("lines and warnings", () => {
  it("warns about corrupt lines with part and line number, and keeps going", async () => {
    const lines = [...LINES];
    lines[4] = '{"Event":"SparkListenerExecutorAdded","Timest'; // cut JSON mid-file
    lines.splice(10, 0, "[1,2,3]"); // JSON but not an event; becomes line 11
    const seen: EventLogWarning[] = [];
    const reader = readEventLog(write("corrupt-lines", `${lines.join("\n")}\n`), { onWarning: (w) => seen.push(w) });
    const records = await drain(reader);
    expect(records.length).toBe(LINES.length - 1);
    expect(reader.report.warnings).toEqual(seen);
    expect(seen.map((w) => [w.code, w.part, w.line])).toEqual([
      ["corrupt-line", "corrupt-lines", 5],
      ["not-an-event", "corrupt-lines", 11],
    ]);
    expect(seen[0]?.message).toMatch(/^corrupt-lines line 5: invalid JSON/);
    expect(records.find((r) => r.line === 12)?.eventName).toBe(JSON.parse(LINES[10]!).Event);
    expect(reader.report.status).toBe("complete");
    // A log with skipped lines is never called plainly complete.
    expect(describeCompleteness(reader.report)).toBe(`complete, but with 2 warnings (lines or events skipped): ${LINES.length - 1} complete events`);
    expect(listWarnings(reader.report, 1)).toEqual({ shown: [seen[0]!.message], more: 1 });
  });

  it("counts warnings past maxWarnings in the description and in listWarnings", async () => {
    const lines = [...LINES];
    for (const i of [3, 5, 7]) lines[i] = `x${lines[i]!}`;
    const reader = readEventLog(write("three-corrupt", `${lines.join("\n")}\n`), { maxWarnings: 2 });
    await drain(reader);
    expect(reader.report.warnings.length).toBe(2);
    expect(describeCompleteness(reader.report)).toMatch(/^complete, but with 3 warnings/);
    expect(listWarnings(reader.report).more).toBe(1);
  });

  it("accepts a corrupt first line when events follow", async () => {
    const reader = readEventLog(write("bad-first", `garbage\n${PLAIN}`));
    expect((await drain(reader)).length).toBe(LINES.length);
    expect(reader.report.warnings.map((w) => [w.code, w.line])).toEqual([["corrupt-line", 1]]);
  });

  it("reports a last line cut mid-JSON as truncated at that line", async () => {
    const cut = `${LINES.slice(0, 20).join("\n")}\n${LINES[20]!.slice(0, 30)}`;
    const reader = readEventLog(write("cut-line", cut));
    expect((await drain(reader)).length).toBe(20);
    expect(reader.report.warnings).toEqual([]);
    expect(reader.report.cutAt).toEqual({ part: "cut-line", line: 21 });
    expect(reader.report.status).toBe("truncated");
    expect(describeCompleteness(reader.report)).toBe(
      "truncated: used 20 complete events; cut at line 21; no SparkListenerApplicationEnd after line 20",
    );
  });

  it("calls a log in progress when its name ends in .inprogress", async () => {
    const reader = readEventLog(write("app-1.inprogress", `${LINES.slice(0, 20).join("\n")}\n`));
    await drain(reader);
    expect(reader.report.status).toBe("in-progress");
    expect(describeCompleteness(reader.report)).toBe(
      "in progress: used 20 complete events; no SparkListenerApplicationEnd after line 20",
    );
  });

  it("takes a complete last line without newline, CRLF line ends and blank lines", async () => {
    const text = `\r\n${LINES.join("\r\n\r\n")}`;
    const reader = readEventLog(write("crlf", text));
    const records = await drain(reader);
    expect(records.length).toBe(LINES.length);
    expect(records[0]?.line).toBe(2);
    expect(reader.report.warnings).toEqual([]);
    expect(reader.report.status).toBe("complete");
  });

  it("counts but does not parse events outside eventNames", async () => {
    const reader = readEventLog(PLAIN_PATH, { eventNames: new Set(["SparkListenerExecutorAdded"]) });
    const records = await drain(reader);
    expect(records.length).toBe(3);
    expect(reader.report.eventCount).toBe(LINES.length);
    expect(reader.report.eventCounts.get("SparkListenerTaskEnd")).toBe(120);
    expect(reader.report.status).toBe("complete");
  });

  it("counts the lines of events outside eventNames from their bytes as from their text: long, CRLF, escaped or non-ASCII names", async () => {
    const big = `{"Event":"com.example.Big","pad":"${"x".repeat(700_000)}"}`; // spans several chunks
    const lines = [
      LINES[0]!,
      big,
      '{"Event":"com.example.Crlf","a":1}\r',
      '{"Event":"com.example.Caf\u00e9","a":1}',
      '{"Event":"com.example.Esc\\"aped","a":1}',
      '{"Event":"SparkListenerExecutorAdded","Timestamp":1}',
      '{"Event":"com.example.Short"',
      "{}",
      ...LINES.slice(1),
    ];
    const log = write("skipped-bytes", lines.join("\n") + "\n");
    const only = new Set(["SparkListenerExecutorAdded"]);
    const skipping = readEventLog(log, { eventNames: only });
    const records = await drain(skipping);
    const all = readEventLog(log);
    const everything = await drain(all);
    // (A name with an escape is not peeked: that line is parsed, and yielded, as before.)
    expect(records.filter((r) => only.has(r.eventName))).toEqual(everything.filter((r) => only.has(r.eventName)));
    // Each line is counted where it is, whether its event was parsed or counted unparsed.
    // The cut-short line of an event not read is counted unparsed (as documented), the rest alike.
    expect([...skipping.report.eventCounts].sort()).toEqual([...all.report.eventCounts, ["com.example.Short", 1]].sort());
    expect(skipping.report.eventCounts.get("com.example.Big")).toBe(1);
    expect(skipping.report.eventCounts.get("com.example.Caf\u00e9")).toBe(1);
    expect(skipping.report.lastEventAt).toEqual(all.report.lastEventAt);
    expect(skipping.report.warnings.map((w) => w.line)).toEqual([8]);
    expect(all.report.warnings.map((w) => w.line)).toEqual([7, 8]);
  });

  it("gives the same records in batches, each mapped as it is parsed (a dropped one is left out), and is iterated once either way", async () => {
    const oneByOne = await drain(readEventLog(PLAIN_PATH));
    const reader = readEventLog(PLAIN_PATH);
    const batched: { line: number; eventName: string }[] = [];
    let batches = 0;
    for await (const batch of reader.batches((r) => (r.eventName === "SparkListenerTaskStart" ? undefined : { line: r.line, eventName: r.eventName }))) {
      batches++;
      batched.push(...batch);
    }
    expect(batched).toEqual(oneByOne.filter((r) => r.eventName !== "SparkListenerTaskStart").map(({ line, eventName }) => ({ line, eventName })));
    expect(batched.length).toBeGreaterThan(batches);
    expect(reader.report.status).toBe("complete");
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/already iterated/);
  });

  it("can be stopped early, and only iterated once", async () => {
    const reader = readEventLog(PLAIN_PATH);
    for await (const r of reader) if (r.line === 3) break;
    expect(reader.report.status).toBe("reading");
    expect(describeCompleteness(reader.report)).toBe("not read to the end: 3 complete events so far");
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/already iterated/);
  });
});

describe("what is not an event log", () => {
  it("throws not-found naming a missing path", async () => {
    const missing = path("no-such-dir", "app-1");
    expectKind(await errorOf(drain(readEventLog(missing))), "not-found", new RegExp(`not found: ${missing}`));
  });

  it("throws not-event-log for package.json, naming the file and what was found", async () => {
    const pkg = resolve(fileURLToPath(import.meta.url), "../../../package.json");
    const err = await errorOf(drain(readEventLog(pkg)));
    expectKind(err, "not-event-log", /package\.json is not a Spark event log: expected JSON objects with an "Event" key/);
    expect(err.path).toBe(pkg);
    expect(err.message).toContain('line 1: invalid JSON');
  });

  it("throws not-event-log for a CSV file and for JSON lines without Event", async () => {
    const csv = write("data.csv", "id,name\n1,a\n2,b\n3,c\n");
    expectKind(await errorOf(drain(readEventLog(csv))), "not-event-log", /data\.csv is not a Spark event log.*"id,name"/);
    const jsonl = write("other.jsonl", '{"a":1}\n{"a":2}\n{"a":3}\n{"Event":"late"}\n');
    expectKind(await errorOf(drain(readEventLog(jsonl))), "not-event-log", /not a JSON object with an "Event" string/);
  });

  it("throws not-event-log early for a big binary file without newlines", async () => {
    const binary = write("blob.bin", Buffer.alloc(3 << 20, 0xab));
    expectKind(await errorOf(drain(readEventLog(binary))), "not-event-log", /without a newline/);
  });

  it("throws empty for a file without lines", async () => {
    expectKind(await errorOf(drain(readEventLog(write("empty", "\n\n")))), "empty", /holds no events/);
  });
});

describe("containers", () => {
  const MIDDLE = [3, 4, 5, 6, 7, 8, 9];

  function rollingDir(name: string, marker: string): string {
    // Parts 1 to 10 in mixed codecs: numeric order matters (10 after 2 and 9). Parts 3-9 hold a line each.
    const d = path(name);
    mkdirSync(d);
    const text = (from: number, to: number) => `${LINES.slice(from, to).join("\n")}\n`;
    writeFileSync(join(d, "events_1_app-1"), text(0, 10));
    writeFileSync(join(d, "events_2_app-1.gz"), gzipSync(text(10, 30)));
    for (const i of MIDDLE) writeFileSync(join(d, `events_${i}_app-1`), text(27 + i, 28 + i));
    writeFileSync(join(d, "events_10_app-1.lz4"), encodeLz4BlockStream(Buffer.from(text(37, LINES.length))));
    writeFileSync(join(d, marker), "");
    writeFileSync(join(d, ".events_1_app-1.crc"), "ignored");
    return d;
  }

  it("reads a rolling directory's parts in numeric order", async () => {
    const reader = readEventLog(rollingDir("eventlog_v2_app-1", "appstatus_app-1"));
    const records = await drain(reader);
    expect(records.length).toBe(LINES.length);
    expect(reader.report.parts).toEqual([
      { name: "events_1_app-1", codec: "none" },
      { name: "events_2_app-1.gz", codec: "gzip" },
      ...MIDDLE.map((i) => ({ name: `events_${i}_app-1`, codec: "none" })),
      { name: "events_10_app-1.lz4", codec: "lz4" },
    ]);
    expect(records[10]).toEqual({ part: "events_2_app-1.gz", line: 1, eventName: JSON.parse(LINES[10]!).Event });
    expect(reader.report.container).toBe("rolling-dir");
    expect(reader.report.status).toBe("complete");
  });

  it("marks a rolling directory in progress from its appstatus marker", async () => {
    const d = rollingDir("eventlog_v2_app-2", "appstatus_app-1.inprogress");
    writeFileSync(join(d, "events_10_app-1.lz4"), encodeLz4BlockStream(Buffer.from(`${LINES.slice(37, 47).join("\n")}\n`)));
    const reader = readEventLog(d);
    expect((await drain(reader)).length).toBe(47);
    expect(reader.report.inProgressMarker).toBe(true);
    expect(reader.report.status).toBe("in-progress");
    expect(describeCompleteness(reader.report)).toBe(
      "in progress: used 47 complete events; no SparkListenerApplicationEnd after line 10 of events_10_app-1.lz4",
    );
  });

  it("starts a compacted rolling log at its last .compact file", async () => {
    const d = path("eventlog_v2_compacted");
    mkdirSync(d);
    writeFileSync(join(d, "events_1_app-3"), "this part was compacted away\n");
    writeFileSync(join(d, "events_2_app-3.compact"), `${LINES.slice(0, 30).join("\n")}\n`);
    writeFileSync(join(d, "events_3_app-3"), `${LINES.slice(30).join("\n")}\n`);
    const source = await openEventLog(d);
    expect(source.parts.map((p) => p.name)).toEqual(["events_2_app-3.compact", "events_3_app-3"]);
    expect((await drain(readEventLog(d))).length).toBe(LINES.length);
  });

  function partsDir(name: string, parts: readonly string[]): string {
    const d = path(name);
    mkdirSync(d);
    parts.forEach((p, i) => writeFileSync(join(d, p), `${LINES.slice(i * 10, (i + 1) * 10).join("\n")}\n`));
    writeFileSync(join(d, "appstatus_app-4"), "");
    return d;
  }

  it("refuses a rolling directory with a gap, naming the missing part (Spark's reader refuses it too)", async () => {
    const d = partsDir("eventlog_v2_gap", ["events_1_app-4", "events_3_app-4", "events_5_app-4.gz"]);
    const err = await errorOf(drain(readEventLog(d)));
    expectKind(err, "missing-parts", /eventlog_v2_gap is a rolling event log with missing parts: events_2_\*, events_4_\* \(found events_1_app-4, events_3_app-4, events_5_app-4\.gz\).*Found missing event log file/);
  });

  it("refuses a rolling directory without its first part", async () => {
    const d = partsDir("eventlog_v2_no_first", ["events_2_app-4", "events_3_app-4"]);
    const err = await errorOf(drain(readEventLog(d)));
    expectKind(err, "missing-parts", /missing parts: events_1_\* \(found events_2_app-4, events_3_app-4\).*the first part holds the application start/);
  });

  it("refuses a rolling log with a gap inside a zip", async () => {
    const zip = write(
      "rolling-gap.zip",
      writeZip([
        { name: "eventlog_v2_app-8/events_1_app-8", data: Buffer.from(`${LINES.slice(0, 25).join("\n")}\n`) },
        { name: "eventlog_v2_app-8/events_3_app-8", data: Buffer.from(`${LINES.slice(25).join("\n")}\n`) },
      ]),
    );
    const err = await errorOf(drain(readEventLog(zip)));
    expectKind(err, "missing-parts", /rolling-gap\.zip: eventlog_v2_app-8\/ is a rolling event log with missing parts: events_2_\*/);
  });

  it("reads a legacy Spark 1.0-1.2 directory (EVENT_LOG_1 + markers)", async () => {
    const d = path("local-1422981759269");
    mkdirSync(d);
    writeFileSync(join(d, "EVENT_LOG_1"), PLAIN);
    writeFileSync(join(d, "SPARK_VERSION_1.2.0"), "");
    const reader = readEventLog(d);
    expect((await drain(reader)).length).toBe(LINES.length);
    expect(reader.report.container).toBe("legacy-dir");
    expect(reader.report.inProgressMarker).toBe(true); // no APPLICATION_COMPLETE yet
    writeFileSync(join(d, "APPLICATION_COMPLETE"), "");
    expect((await openEventLog(d)).inProgress).toBe(false);
  });

  it("reads a directory that holds one event-log file, and refuses one that holds several", async () => {
    const d = path("single");
    mkdirSync(d);
    writeFileSync(join(d, "app-1.gz"), gzipSync(PLAIN));
    expect((await drain(readEventLog(d))).length).toBe(LINES.length);
  });

  itShared("refuses shared/eventlogs/sparklint, which holds several logs", async () => {
    const err = await errorOf(drain(readEventLog(join(SHARED_EVENTLOGS, "sparklint"))));
    expectKind(err, "ambiguous", /holds 5 event logs, not one: .*application_1472176676028_407508_1.*Pass one of them/);
  });

  it("reads the one event log of a directory that also holds notes, and does not read the notes as the log", async () => {
    const d = path("log-and-notes");
    mkdirSync(d);
    writeFileSync(join(d, "README.md"), "# notes\nabout this run\n");
    writeFileSync(join(d, "app-1"), PLAIN);
    const reader = readEventLog(d);
    expect((await drain(reader)).length).toBe(LINES.length);
    expect(reader.report.parts).toEqual([{ name: "app-1", codec: "none" }]);
  });

  itShared("says shared/eventlogs holds no event log itself, listing its file and subdirectories", async () => {
    // shared/eventlogs itself: SOURCES.md and one directory per source.
    const err = await errorOf(drain(readEventLog(SHARED_EVENTLOGS)));
    expectKind(err, "not-event-log", /eventlogs is a directory without an event-log file: its only file, SOURCES\.md, is not a Spark event log; it holds 8 directories: apache-spark\/, .*sparklint\/.*Pass an event-log file/);
  });

  it("says a directory holds no event log, listing its files and subdirectories (not blaming the one file it would have read)", async () => {
    const notes = path("notes-and-dirs");
    mkdirSync(join(notes, "logs-a"), { recursive: true });
    mkdirSync(join(notes, "logs-b"));
    writeFileSync(join(notes, "SOURCES.md"), "# where the logs come from\n");
    expectKind(await errorOf(drain(readEventLog(notes))), "not-event-log", /notes-and-dirs is a directory without an event-log file: its only file, SOURCES\.md, is not a Spark event log; it holds 2 directories: logs-a\/, logs-b\/.*Pass an event-log file/);
    const d = path("only-notes");
    mkdirSync(d);
    writeFileSync(join(d, "a.txt"), "hello\n");
    writeFileSync(join(d, "b.csv"), "id,name\n1,x\n");
    const several = await errorOf(drain(readEventLog(d)));
    expectKind(several, "not-event-log", /only-notes is a directory without an event-log file: none of its 2 files is a Spark event log \(a\.txt, b\.csv\)/);
  });

  it("lists the logs and the other files of a directory holding several logs", async () => {
    const d = path("two-logs");
    mkdirSync(d);
    writeFileSync(join(d, "app-1"), PLAIN);
    writeFileSync(join(d, "app-2.gz"), gzipSync(PLAIN));
    writeFileSync(join(d, "notes.txt"), "hello\n");
    const err = await errorOf(drain(readEventLog(d)));
    expectKind(err, "ambiguous", /two-logs holds 2 event logs, not one: app-1, app-2\.gz; other files: notes\.txt\. Pass one of them/);
  });

  describe("zip downloads", () => {
    const one = write("one.zip", writeZip([{ name: "app-1", data: Buffer.from(PLAIN), deflate: true }]));
    const several = write(
      "several.zip",
      writeZip([
        { name: "app-1", data: Buffer.from(PLAIN) },
        { name: "app-2_1.gz", data: gzipSync(`${LINES.slice(0, 5).join("\n")}\n`) },
      ]),
    );
    const rolling = write(
      "rolling.zip",
      writeZip([
        { name: "eventlog_v2_app-9/events_2_app-9", data: Buffer.from(`${LINES.slice(25).join("\n")}\n`), deflate: true },
        { name: "eventlog_v2_app-9/appstatus_app-9", data: new Uint8Array(0) },
        { name: "eventlog_v2_app-9/events_1_app-9", data: Buffer.from(`${LINES.slice(0, 25).join("\n")}\n`) },
      ]),
    );

    it("reads the single log inside", async () => {
      const reader = readEventLog(one);
      expect((await drain(reader)).length).toBe(LINES.length);
      expect(reader.report.container).toBe("zip");
      expect(reader.report.status).toBe("complete");
    });

    it("reads a rolling log's entries as ordered parts", async () => {
      const reader = readEventLog(rolling);
      const records = await drain(reader);
      expect(records.length).toBe(LINES.length);
      expect(reader.report.parts.map((p) => p.name)).toEqual([
        "eventlog_v2_app-9/events_1_app-9",
        "eventlog_v2_app-9/events_2_app-9",
      ]);
    });

    it("lists the logs when there are several, and reads the one chosen", async () => {
      const err = await errorOf(drain(readEventLog(several)));
      expectKind(err, "ambiguous", /several\.zip holds 2 event logs: app-1, app-2_1\.gz\. Choose one with --zip-entry NAME .*e\.g\. --zip-entry app-1/);
      const reader = readEventLog(several, { zipEntry: "app-2_1.gz" });
      expect((await drain(reader)).length).toBe(5);
      expect(reader.report.parts).toEqual([{ name: "app-2_1.gz", codec: "gzip" }]);
      expectKind(await errorOf(drain(readEventLog(several, { zipEntry: "nope" }))), "not-found", /has no entry "nope"; it holds: app-1, app-2_1\.gz\. Choose one of them with --zip-entry NAME/);
    });

    it("calls a file that is not a zip archive not an event log", async () => {
      const fake = write("fake.zip", "not a zip at all");
      expectKind(await errorOf(drain(readEventLog(fake))), "not-event-log", /fake\.zip is not a readable zip archive/);
    });
  });
});

describe("line length limit", () => {
  it("is 256 MiB by default, under V8's longest string (a 600 MB line was an internal error)", () => {
    expect(MAX_EVENT_LINE_BYTES).toBe(256 * 2 ** 20);
    expect(MAX_EVENT_LINE_BYTES).toBeLessThan(2 ** 29 - 24);
  });

  it("refuses a line over the limit with a message naming the line and the limit, terminated or not, plain or compressed", async () => {
    const long = `{"Event":"SparkListenerLogStart","x":"${"a".repeat(5000)}"}`;
    const text = `${LINES.slice(0, 3).join("\n")}\n${long}\n${LINES.slice(3).join("\n")}\n`;
    for (const [file, data] of [
      ["long-line", text],
      ["long-line.gz", gzipSync(text)],
      ["long-last-line", `${LINES.slice(0, 3).join("\n")}\n${long}`],
    ] as const) {
      const err = await errorOf(drain(readEventLog(write(file, data), { maxLineBytes: 4096 })));
      expectKind(err, "not-event-log", new RegExp(`${file.replace(".", "\\.")}: .*line 4 is longer than 4096 bytes, the longest line dra-sim reads \\(see README "Limits"\\)`));
    }
    // At the limit itself the log reads.
    const reader = readEventLog(write("long-ok", text), { maxLineBytes: long.length });
    expect((await drain(reader)).length).toBe(LINES.length + 1);
  });
});
