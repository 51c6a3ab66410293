import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeTaskEndLine, decodeTaskStartLine } from "../../src/eventlog/decodeTaskLines.js";
import { decodeEvent, readSparkEvents, type SparkEvent } from "../../src/eventlog/index.js";
import { isJsonObject } from "../../src/eventlog/jsonFields.js";

const AT = { part: "app", line: 7 };

/** What the parser and decoder make of a line: the event, or undefined (not JSON, or a decoder's warning). */
function slow(text: string): SparkEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(json) || typeof json["Event"] !== "string") return undefined;
  return decodeEvent({ ...AT, eventName: json["Event"], json });
}

/** Equal values with their keys in the same order (the decoders' object shapes). */
function expectSame(fast: SparkEvent, reference: SparkEvent | undefined): void {
  expect(fast).toStrictEqual(reference);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
}

// Values as Spark writes them, and what a corrupt or hand-made log may hold instead.
const plainText = fc.string({ unit: fc.constantFrom("a", "1", "-", ".", " ", "é", "ip-10-0-0-1") });
const anyText = fc.oneof(plainText, fc.string(), fc.constantFrom('a"b', "a\\b", "tab\there", "<driver>", "\u2028", ""));
const whole = fc.oneof(fc.nat(), fc.constantFrom(0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 2, 1e16, 99999999999999999));
const anyNumber = fc.oneof(whole, fc.integer({ min: -5, max: -1 }), fc.constantFrom(1.5, -0.5, 1e300, 0));
const odd = fc.constantFrom(null, "1", true, [], {});

/** Task lines' arbitraries; `usual`: only values Spark writes. */
function taskLines(usual: boolean) {
  const value = (weird: fc.Arbitrary<unknown>, spark: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    usual ? spark : fc.oneof({ weight: 6, arbitrary: spark }, { weight: 1, arbitrary: weird });
  const taskInfo = fc.record({
    "Task ID": value(fc.oneof(odd, whole), fc.nat()),
    Index: value(fc.oneof(odd, anyNumber), whole),
    Attempt: value(fc.oneof(odd, anyNumber), fc.nat(3)),
    "Partition ID": fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 1000 })),
    "Launch Time": value(fc.oneof(odd, anyNumber), fc.nat()),
    "Executor ID": value(fc.oneof(odd, anyText), fc.oneof(fc.nat(99).map(String), fc.constant("driver"))),
    Host: value(fc.oneof(odd, anyText), plainText),
    Locality: value(odd, fc.constantFrom("PROCESS_LOCAL", "NODE_LOCAL", "ANY")),
    Speculative: value(odd, fc.boolean()),
    "Getting Result Time": value(fc.oneof(odd, anyNumber), fc.constant(0)),
    "Finish Time": value(fc.oneof(odd, anyNumber), fc.oneof(fc.constant(0), fc.nat())),
    Failed: value(odd, fc.boolean()),
    Killed: fc.oneof(fc.constant(undefined), value(odd, fc.boolean())),
  });

  /** A line as Spark writes it (keys in JsonProtocol's order), with now and then a value or key Spark would not write. */
  function line(event: string, head: fc.Arbitrary<Record<string, unknown>>, tail: string): fc.Arbitrary<string> {
    return fc.tuple(head, taskInfo, usual ? fc.constant("") : fc.constantFrom("", "", "", ',"Extra":1', " ")).map(([h, info, extra]) => {
      const defined = Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
      const text = JSON.stringify({ Event: event, ...h, "Task Info": defined });
      // Close the task info the way the line ends in the log (or as the reader cuts it).
      return `${text.slice(0, -2)}${extra}${tail}`;
    });
  }

  const startLines = line(
    "SparkListenerTaskStart",
    fc.record({ "Stage ID": value(fc.oneof(odd, anyNumber), fc.nat(50)), "Stage Attempt ID": value(odd, fc.nat(2)) }),
    ',"Accumulables":[]}}',
  );
  const endLines = line(
    "SparkListenerTaskEnd",
    fc.record({
      "Stage ID": value(fc.oneof(odd, anyNumber), fc.nat(50)),
      "Stage Attempt ID": value(odd, fc.nat(2)),
      "Task Type": value(fc.oneof(odd, anyText), fc.constantFrom("ResultTask", "ShuffleMapTask")),
      "Task End Reason": value(fc.constant({ Reason: "TaskKilled", "Kill Reason": "x" }), fc.constant({ Reason: "Success" })),
    }),
    "}}",
  );
  return { startLines, endLines };
}
const { startLines, endLines } = taskLines(false);
const usualLines = taskLines(true);

/** Text edits a broken log may have: a number with a leading zero (not JSON), a raw control character, a cut. */
const mangled = (lines: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(lines, fc.nat(), fc.constantFrom("leading zero", "\u0001", "", "}")).map(([text, at, insert]) => {
    if (insert === "leading zero") {
      const numbers = [...text.matchAll(/":-?\d/g)];
      const n = numbers[at % Math.max(1, numbers.length)];
      return n === undefined ? text : `${text.slice(0, n.index + 2)}0${text.slice(n.index + 2)}`;
    }
    const i = at % text.length;
    return insert === "" ? text.slice(0, i) : text.slice(0, i) + insert + text.slice(i);
  });

describe("decodeTaskStartLine / decodeTaskEndLine", () => {
  it("decode a line as JSON.parse and the decoders do, or leave it to them", () => {
    for (const [lines, fast] of [
      [startLines, decodeTaskStartLine],
      [endLines, decodeTaskEndLine],
    ] as const) {
      fc.assert(
        fc.property(fc.oneof({ weight: 3, arbitrary: lines }, { weight: 1, arbitrary: mangled(lines) }), (text) => {
          const decoded = fast(text, AT);
          if (decoded !== undefined) expectSame(decoded, slow(text));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it("decode every line of the usual shape (the fast path is taken, not only never wrong)", () => {
    const start =
      '{"Event":"SparkListenerTaskStart","Stage ID":3,"Stage Attempt ID":0,"Task Info":{"Task ID":12,"Index":4,"Attempt":0,"Partition ID":4,' +
      '"Launch Time":1724884680106,"Executor ID":"2","Host":"ip-1.ec2.internal","Locality":"NODE_LOCAL","Speculative":true,"Getting Result Time":0,' +
      '"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}}';
    const decoded = decodeTaskStartLine(start, AT);
    expect(decoded).toBeDefined();
    expectSame(decoded!, slow(start));
    expect(decoded!.task).toMatchObject({ taskId: 12, index: 4, launchTimeMs: 1724884680106, finishTimeMs: undefined, host: "ip-1.ec2.internal", speculative: true });
    // Spark 1.x-3.2: no "Partition ID"; 1.x: no "Killed" either.
    const older = start.replace('"Partition ID":4,', "").replace(',"Killed":false', "");
    expectSame(decodeTaskStartLine(older, AT)!, slow(older));
    expect(decodeTaskStartLine('{"Event":"SparkListenerTaskStart","Stage ID":1,"Stage Attempt ID":0,"Task Info":{"Task ID":01}}', AT)).toBeUndefined();
    for (const [lines, fast] of [
      [usualLines.startLines, decodeTaskStartLine],
      [usualLines.endLines, decodeTaskEndLine],
    ] as const) {
      fc.assert(
        fc.property(lines, (text) => {
          const reference = slow(text);
          // A TaskEnd without a finish time is the decoder's to refuse.
          if (reference !== undefined) expectSame(fast(text, AT)!, reference);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it("leave a TaskEnd that is not a success, or has no finish time, to the decoder", () => {
    const end = (reason: string, finish: number) =>
      `{"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask","Task End Reason":${reason},"Task Info":{"Task ID":0,"Index":0,` +
      `"Attempt":0,"Launch Time":5,"Executor ID":"1","Host":"h","Locality":"ANY","Speculative":false,"Getting Result Time":0,"Finish Time":${finish},"Failed":false,"Killed":false}}`;
    expect(decodeTaskEndLine(end('{"Reason":"Success"}', 9), AT)?.task.finishTimeMs).toBe(9);
    expect(decodeTaskEndLine(end('{"Reason":"TaskKilled","Kill Reason":"stage cancelled"}', 9), AT)).toBeUndefined();
    // The decoder skips it with a missing-field warning.
    expect(decodeTaskEndLine(end('{"Reason":"Success"}', 0), AT)).toBeUndefined();
    expect(slow(end('{"Reason":"Success"}', 0))).toBeUndefined();
  });
});

describe("readSparkEvents with task lines decoded from their text", () => {
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-task-lines-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the events, line numbers, counts and warnings of parsing every line", async () => {
    const lines = [
      '{"Event":"SparkListenerLogStart","Spark Version":"3.5.0"}',
      '{"Event":"SparkListenerTaskStart","Stage ID":0,"Stage Attempt ID":0,"Task Info":{"Task ID":0,"Index":0,"Attempt":0,"Launch Time":10,"Executor ID":"1","Host":"h","Locality":"ANY","Speculative":false,"Getting Result Time":0,"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}}\r',
      "",
      // Corrupt: a raw tab inside a string (not JSON): a warning, as before.
      '{"Event":"SparkListenerTaskStart","Stage ID":0,"Stage Attempt ID":0,"Task Info":{"Task ID":1,"Index":1,"Attempt":0,"Launch Time":10,"Executor ID":"1","Host":"a\tb","Locality":"ANY","Speculative":false,"Getting Result Time":0,"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}}',
      '{"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask","Task End Reason":{"Reason":"Success"},"Task Info":{"Task ID":0,"Index":0,"Attempt":0,"Launch Time":10,"Executor ID":"1","Host":"h","Locality":"ANY","Speculative":false,"Getting Result Time":0,"Finish Time":20,"Failed":false,"Killed":false,"Accumulables":[{"ID":1,"Name":"x","Update":1,"Value":1}]},"Task Metrics":{"Executor Run Time":9}}',
      // A finish time of 0: skipped with a missing-field warning.
      '{"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask","Task End Reason":{"Reason":"Success"},"Task Info":{"Task ID":2,"Index":2,"Attempt":0,"Launch Time":10,"Executor ID":"1","Host":"h","Locality":"ANY","Speculative":false,"Getting Result Time":0,"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}}',
    ];
    const path = join(dir, "app-1");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const reader = readSparkEvents(path, { fields: "workload" });
    const events: SparkEvent[] = [];
    for await (const batch of reader.batches()) events.push(...batch);
    const expected = lines.flatMap((text, i) => {
      const e = slow(text.replace(/\r$/, ""));
      return e === undefined ? [] : [{ ...e, part: "app-1", line: i + 1 }];
    });
    // The TaskEnd as workload extraction reads it: without its metrics.
    expect(events).toStrictEqual(expected.map((e) => (e.event === "SparkListenerTaskEnd" ? { ...e, metrics: undefined } : e)));
    expect(events.map((e) => `${e.event}@${e.line}`)).toEqual(["SparkListenerLogStart@1", "SparkListenerTaskStart@2", "SparkListenerTaskEnd@5"]);
    expect(reader.report.eventCount).toBe(4);
    expect(reader.report.eventCounts.get("SparkListenerTaskStart")).toBe(1);
    expect(reader.report.warnings.map((w) => [w.code, w.line])).toEqual([
      ["corrupt-line", 4],
      ["missing-field", 6],
    ]);
  });
});
