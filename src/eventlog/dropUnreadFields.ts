/**
 * Cuts fields no decoder reads out of an event-log line before it is parsed: most of a
 * TaskEnd line is its accumulator updates ("Task Info"."Accumulables") and the executor's
 * memory metrics ("Task Executor Metrics"), and parsing them into objects only to drop them
 * was the largest cost of reading a log (bench/measures/replay.mjs).
 *
 * A cut is made only where it is certainly a whole field: the key is found as `,"Key":`,
 * which cannot occur inside a JSON string (a quote in a string is escaped, and here it
 * follows a comma), and the value must match the flat shape Spark writes (an array of objects
 * whose values are strings, numbers, booleans or null, or one such object); any other shape
 * (the block statuses older Spark puts in an accumulator's value, say) is left in the line
 * and parsed as before. So the parsed object equals the full line's minus those fields.
 *
 * Workload extraction (`WORKLOAD_UNREAD_FIELDS`) reads less than the decoders do: a TaskEnd's
 * line is read up to the accumulator updates of its "Task Info", which Spark's JsonProtocol
 * writes as that object's last field, with the metrics after it (1.2-4.1), and a
 * StageSubmitted's up to its "Properties", written last: the rest of the line is not parsed,
 * as the lines of skipped events are not. The cut line is closed with as
 * many `}` as the key is deep, so it parses only if the key was at that depth (deeper, it
 * leaves an object open): a cut in the wrong place falls back to the full line, and a record
 * cut short keeps its full line (`RawEventRecord.whole`) for a decoder that misses a field.
 */

// "Unrolled": runs of plain characters, each escape between them, so a string is one tight loop.
const STRING = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;
const SCALAR = String.raw`[-+.\w]+`;
const PAIR = `${STRING}:(?:${STRING}|${SCALAR})`;
const FLAT_OBJECT = String.raw`\{(?:${PAIR}(?:,${PAIR})*)?\}`;
const FLAT_ARRAY = String.raw`\[(?:${FLAT_OBJECT}(?:,${FLAT_OBJECT})*)?\]`;

const SHAPES = { "array of flat objects": FLAT_ARRAY, "flat object": FLAT_OBJECT, string: STRING } as const;

/** A field a decoder never reads, the shape its value must have to be cut, and the events whose lines are searched for it. */
export interface UnreadField {
  readonly key: string;
  /** "rest of the line": the key and everything after it (see above). */
  readonly shape: keyof typeof SHAPES | "rest of the line";
  /** For "rest of the line": 1 for a key of the event, 2 for a key of an object-valued field of it. */
  readonly depth?: 1 | 2;
  /** Where it is large; other lines are not searched (a search is a scan of the line). */
  readonly events: readonly string[];
}

/** Every field the decoders of `decodeEvent` ignore that is worth cutting (large in real logs). */
export const UNREAD_FIELDS: readonly UnreadField[] = [
  // Accumulator updates (SQL metrics): none of the replay's figures. TaskStart's and StageSubmitted's are empty.
  { key: "Accumulables", shape: "array of flat objects", events: ["SparkListenerTaskEnd", "SparkListenerStageCompleted"] },
  // Peak executor memory metrics (3.0+).
  { key: "Task Executor Metrics", shape: "flat object", events: ["SparkListenerTaskEnd"] },
  // The call site's stack trace of each stage info (about 1 KB each).
  { key: "Details", shape: "string", events: ["SparkListenerJobStart", "SparkListenerStageSubmitted", "SparkListenerStageCompleted"] },
  // A stage's local properties (a SQL job's carry much of the Spark conf: several KB); a job's are read.
  { key: "Properties", shape: "flat object", events: ["SparkListenerStageSubmitted"] },
];

/**
 * What workload extraction never reads (`readSparkEvents({ fields: "workload" })`): the above,
 * and a TaskEnd's executor and task metrics, the tail of its line (half of what is left of it).
 */
export const WORKLOAD_UNREAD_FIELDS: readonly UnreadField[] = [
  // Every Spark version writes them (1.2-4.1); a line without them is parsed whole.
  { key: "Accumulables", shape: "rest of the line", depth: 2, events: ["SparkListenerTaskEnd"] },
  { key: "Accumulables", shape: "array of flat objects", events: ["SparkListenerStageCompleted"] },
  // A StageSubmitted's local properties, the last field of its line: not even decoded.
  { key: "Properties", shape: "rest of the line", depth: 1, events: ["SparkListenerStageSubmitted"] },
  ...UNREAD_FIELDS.filter((f) => !f.events.includes("SparkListenerTaskEnd")),
];

/** Where the reader cuts a line in bytes, before decoding it: the marker of a "rest of the line" field, and what closes the cut line. */
export interface RestOfLineCut {
  readonly marker: Buffer;
  readonly closing: string;
}

/** The "rest of the line" cut of each event that has one (the first `fields` lists for it). */
export function restOfLineCuts(fields: readonly UnreadField[]): ReadonlyMap<string, RestOfLineCut> {
  const out = new Map<string, RestOfLineCut>();
  for (const f of fields) {
    if (f.shape !== "rest of the line") continue;
    const cut = { marker: Buffer.from(`,${JSON.stringify(f.key)}:`, "utf8"), closing: "}".repeat(f.depth ?? 1) };
    for (const e of f.events) if (!out.has(e)) out.set(e, cut);
  }
  return out;
}

interface Cutter {
  readonly marker: string;
  /** Undefined: the rest of the line, closed by `closing`. */
  readonly value: RegExp | undefined;
  readonly closing: string;
}

/**
 * Returns a function that cuts `fields` out of an event's line (only those `fields` list for
 * that event), or returns the line itself when none is there.
 */
export function unreadFieldCutter(fields: readonly UnreadField[]): (eventName: string, text: string) => string {
  const byEvent = new Map<string, Cutter[]>();
  for (const f of fields) {
    const cutter: Cutter = {
      marker: `,${JSON.stringify(f.key)}:`,
      // Sticky: a test at `lastIndex` matches the value there or nothing. Each pattern matches a
      // value one way only, so a value of another shape fails without backtracking.
      value: f.shape === "rest of the line" ? undefined : new RegExp(SHAPES[f.shape], "y"),
      closing: "}".repeat(f.depth ?? 1),
    };
    for (const e of f.events) byEvent.set(e, [...(byEvent.get(e) ?? []), cutter]);
  }
  return (eventName, text) => {
    const cutters = byEvent.get(eventName);
    return cutters === undefined ? text : cutAll(text, cutters);
  };
}

function cutAll(text: string, cutters: readonly Cutter[]): string {
  // The next occurrence of each marker; the cuts are made in the order of the line.
  const next = cutters.map((c) => text.indexOf(c.marker));
  let out = "";
  let from = 0;
  for (;;) {
    let i = -1;
    for (let k = 0; k < next.length; k++) if (next[k]! >= 0 && (i < 0 || next[k]! < next[i]!)) i = k;
    if (i < 0) break;
    const at = next[i]!;
    const { marker, value, closing } = cutters[i]!;
    if (value === undefined) return `${out}${text.slice(from, at)}${closing}`;
    value.lastIndex = at + marker.length;
    if (value.test(text)) {
      out += text.slice(from, at);
      from = value.lastIndex;
    }
    const resume = Math.max(from, at + 1);
    for (let k = 0; k < next.length; k++) if (next[k]! >= 0 && next[k]! < resume) next[k] = text.indexOf(cutters[k]!.marker, resume);
  }
  return from === 0 ? text : out + text.slice(from);
}
