import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { UNREAD_FIELDS, WORKLOAD_UNREAD_FIELDS, unreadFieldCutter } from "../../src/eventlog/dropUnreadFields.js";
import { SPARK_EVENT_NAMES, decodeEvent, readEventLog, readSparkEvents, type SparkEvent } from "../../src/eventlog/index.js";
import { describeShared, listSharedLogs, sharedLog } from "../helpers/sharedEventLogs.js";

const cutLine = unreadFieldCutter(UNREAD_FIELDS);
/** TaskEnd lines are searched for both fields. */
const cut = (text: string): string => cutLine("SparkListenerTaskEnd", text);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (v: Json): boolean => v === null || typeof v !== "object";
const isFlatObject = (v: Json): boolean => v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every(isScalar);

/**
 * What the cutter must give, written the slow way on parsed values: every "Accumulables"
 * that is an array of flat objects and every "Task Executor Metrics" that is a flat object
 * is gone, unless it is its object's first key (the cutter finds a key by the comma before it).
 */
function reference(v: Json): Json {
  if (Array.isArray(v)) return v.map(reference);
  if (v === null || typeof v !== "object") return v;
  const out: { [key: string]: Json } = {};
  Object.entries(v).forEach(([k, value], i) => {
    const dropped = i > 0 && ((k === "Accumulables" && Array.isArray(value) && value.every(isFlatObject)) || (k === "Task Executor Metrics" && isFlatObject(value)));
    if (!dropped) Object.defineProperty(out, k, { value: reference(value), enumerable: true, writable: true, configurable: true });
  });
  return out;
}

const TASK_END =
  '{"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask","Task End Reason":{"Reason":"Success"},' +
  '"Task Info":{"Task ID":3,"Index":3,"Attempt":0,"Launch Time":1640227665261,"Executor ID":"2","Host":"h","Locality":"PROCESS_LOCAL","Speculative":false,' +
  '"Getting Result Time":0,"Finish Time":1640227672860,"Failed":false,"Killed":false,"Accumulables":[{"ID":6,"Name":"internal.metrics.resultSerializationTime",' +
  '"Update":15,"Value":15,"Internal":true,"Count Failed Values":true},{"ID":7,"Name":"number of \\"output\\" rows]}","Update":"1","Value":"2","Internal":true,' +
  '"Count Failed Values":true,"Metadata":"sql"}]},"Task Executor Metrics":{"JVMHeapMemory":0,"MinorGCCount":-1.5e3},"Task Metrics":{"Executor Run Time":3738,' +
  '"Executor CPU Time":840641402,"Updated Blocks":[]}}';

describe("unreadFieldCutter", () => {
  it("cuts a TaskEnd's accumulator updates and executor memory metrics, and nothing else", () => {
    const text = cut(TASK_END);
    expect(text).not.toContain("Accumulables");
    expect(text).not.toContain("Task Executor Metrics");
    expect(JSON.parse(text)).toEqual(reference(JSON.parse(TASK_END) as Json));
    expect(JSON.parse(text)["Task Info"]["Killed"]).toBe(false);
    expect(JSON.parse(text)["Task Metrics"]["Executor Run Time"]).toBe(3738);
  });

  it("leaves a key that is only text inside a string, a value of another shape, and a first key", () => {
    const inString = '{"Event":"X","Description":"a,\\"Accumulables\\":[] b","n":1}';
    expect(cut(inString)).toBe(inString);
    // Spark 1.x-2.x put block statuses (objects) inside an accumulator's value: not flat, so parsed as before.
    const nested = '{"Event":"X","Task Info":{"a":1,"Accumulables":[{"ID":1,"Value":[{"Block ID":"rdd_0_0"}]}]}}';
    expect(cut(nested)).toBe(nested);
    expect(cut('{"Event":"X","Accumulables":[],"n":1}')).toBe('{"Event":"X","n":1}');
    const first = '{"Accumulables":[{"ID":1}],"Event":"X"}';
    expect(cut(first)).toBe(first);
  });

  it("searches each event's line for the fields listed for it only", () => {
    const both = '{"Event":"E","a":1,"Accumulables":[{"ID":1}],"Task Executor Metrics":{"JVMHeapMemory":0}}';
    expect(cutLine("SparkListenerStageCompleted", both)).toBe('{"Event":"E","a":1,"Task Executor Metrics":{"JVMHeapMemory":0}}');
    expect(cutLine("SparkListenerTaskStart", both)).toBe(both);
  });

  it("cuts nothing from a line whose field is cut short (a truncated log's last line)", () => {
    const truncated = TASK_END.slice(0, TASK_END.indexOf("internal.metrics"));
    expect(cut(truncated)).toBe(truncated);
  });

  it("parses to the full line's value minus the fields it may cut, for any JSON (property)", () => {
    // Keys that are not array indices: JSON.parse puts those first, away from their place in the text.
    const key = fc.oneof(
      fc.constantFrom("Accumulables", "Task Executor Metrics", "Event", "a"),
      fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k) && k !== "__proto__"),
    );
    const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ unit: "binary" }));
    const flatObject = fc.dictionary(key, scalar, { maxKeys: 4 });
    const { value } = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        scalar,
        flatObject,
        fc.array(flatObject, { maxLength: 3 }),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(key, tie("value"), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        expect(JSON.parse(cut(text))).toEqual(reference(JSON.parse(text) as Json));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the workload's cut (WORKLOAD_UNREAD_FIELDS)", () => {
  const cutWorkload = unreadFieldCutter(WORKLOAD_UNREAD_FIELDS);

  it("reads a TaskEnd up to its Task Info's accumulator updates, and parses to the full line's value without them and the metrics", () => {
    const text = cutWorkload("SparkListenerTaskEnd", TASK_END);
    expect(text).toBe(TASK_END.slice(0, TASK_END.indexOf(',"Accumulables"')) + "}}");
    const full = JSON.parse(TASK_END);
    delete full["Task Info"]["Accumulables"];
    delete full["Task Executor Metrics"];
    delete full["Task Metrics"];
    expect(JSON.parse(text)).toEqual(full);
  });

  it("leaves a TaskEnd without accumulator updates whole", () => {
    const noAccumulables = TASK_END.replace(/,"Accumulables":\[.*?\]\},"Task Executor/, '},"Task Executor');
    expect(cutWorkload("SparkListenerTaskEnd", noAccumulables)).toBe(noAccumulables);
  });

  it("reads a StageSubmitted up to its local properties", () => {
    const submitted = '{"Event":"SparkListenerStageSubmitted","Stage Info":{"Stage ID":1,"RDD Info":[]},"Properties":{"spark.a":"x,\\"Properties\\":{}"}}';
    expect(cutWorkload("SparkListenerStageSubmitted", submitted)).toBe('{"Event":"SparkListenerStageSubmitted","Stage Info":{"Stage ID":1,"RDD Info":[]}}');
  });

  it("cuts a StageCompleted's accumulator updates and a stage's call site as the decoders' cut does", () => {
    const stage = '{"Event":"SparkListenerStageCompleted","Stage Info":{"Stage ID":1,"Details":"at a.b(c:1)\\n\\"q\\"","Accumulables":[{"ID":1}],"Resource Profile Id":0}}';
    expect(cutWorkload("SparkListenerStageCompleted", stage)).toBe('{"Event":"SparkListenerStageCompleted","Stage Info":{"Stage ID":1,"Resource Profile Id":0}}');
    expect(cutLine("SparkListenerStageCompleted", stage)).toBe(cutWorkload("SparkListenerStageCompleted", stage));
  });
});

describe("reading for the workload (readSparkEvents fields: workload)", () => {
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-workload-cut-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, lines: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, lines.join("\n") + "\n");
    return path;
  };
  const read = async (path: string, fields: "all" | "workload") => {
    const reader = readSparkEvents(path, { fields });
    const events: SparkEvent[] = [];
    for await (const e of reader) events.push(e);
    return { events, warnings: reader.report.warnings.map((w) => w.message) };
  };
  const START = '{"Event":"SparkListenerApplicationStart","App Name":"a","Timestamp":1}';
  /** A log of START and `line`, read whole and as workload extraction reads it. */
  const readBoth = async (name: string, line: string) => {
    const path = write(name, [START, line]);
    return { all: await read(path, "all"), workload: await read(path, "workload") };
  };

  it("decodes a TaskEnd whose Task Info lists fields after its accumulator updates from the whole line", async () => {
    // Not Spark's layout: the cut line lacks "Finish Time", so the whole line is decoded.
    const late = TASK_END.replace(',"Finish Time":1640227672860', "").replace(',"Metadata":"sql"}]}', ',"Metadata":"sql"}],"Finish Time":1640227672860}');
    const { all, workload } = await readBoth("late", late);
    expect(workload.warnings).toEqual([]);
    expect(workload.events).toEqual(all.events);
  });

  it("parses a TaskEnd whole where the first accumulator updates are deeper than its Task Info's (the cut line does not parse)", async () => {
    const deeper = TASK_END.replace('"Task ID":3,', '"Task ID":3,"Extra":{"a":1,"Accumulables":[]},');
    const { all, workload } = await readBoth("deeper", deeper);
    expect(workload.warnings).toEqual([]);
    // Parsed whole: with its metrics.
    expect(workload.events).toEqual(all.events);
  });

  it("still warns about a TaskEnd that lacks a field the decoder needs, with the whole line's message", async () => {
    const broken = TASK_END.replace('"Launch Time":1640227665261,', "");
    const { all, workload } = await readBoth("broken", broken);
    expect(workload.warnings).toHaveLength(1);
    expect(workload.warnings[0]).toContain('"Task Info"."Launch Time"');
    expect(workload.warnings).toEqual(all.warnings);
  });
});

describeShared("reading shared logs with the unread fields cut", () => {
  /** Every typed event of a log, decoded from the full lines. */
  async function decodedFromFullLines(path: string): Promise<SparkEvent[]> {
    const raw = readEventLog(path, { eventNames: SPARK_EVENT_NAMES });
    const out: SparkEvent[] = [];
    for await (const record of raw) {
      const e = decodeEvent(record, raw.warn);
      if (e !== undefined) out.push(e);
    }
    return out;
  }

  it.each(listSharedLogs().filter((p) => !p.endsWith(".md")))("%s: the same typed events as from the full lines", async (p) => {
    const events: SparkEvent[] = [];
    for await (const e of readSparkEvents(sharedLog(p))) events.push(e);
    expect(events).toEqual(await decodedFromFullLines(sharedLog(p)));
  });

  it.each(listSharedLogs().filter((p) => !p.endsWith(".md")))("%s: for the workload, the same typed events as from the full lines, without task metrics", async (p) => {
    const events: SparkEvent[] = [];
    for await (const e of readSparkEvents(sharedLog(p), { fields: "workload" })) events.push(e);
    const full = (await decodedFromFullLines(sharedLog(p))).map((e) => (e.event === "SparkListenerTaskEnd" ? { ...e, metrics: undefined } : e));
    expect(events).toEqual(full);
  });

  it("cuts most of join_agg_on_yarn_eventlog's TaskEnd lines", async () => {
    let full = 0;
    let kept = 0;
    const log = sharedLog("spark-rapids-tools/join_agg_on_yarn_eventlog");
    for await (const r of readEventLog(log, { eventNames: new Set(["SparkListenerTaskEnd"]), unreadFields: UNREAD_FIELDS })) {
      expect(r.json["Task Info"]).not.toHaveProperty("Accumulables");
      expect(r.json).not.toHaveProperty("Task Executor Metrics");
      kept += JSON.stringify(r.json).length;
    }
    for await (const r of readEventLog(log, { eventNames: new Set(["SparkListenerTaskEnd"]) })) full += JSON.stringify(r.json).length;
    expect(kept).toBeLessThan(full / 2);
  });
});
