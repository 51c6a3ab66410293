import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RawEventRecord, readEventLog } from "../../src/eventlog/index.js";
import type { UnreadField } from "../../src/eventlog/dropUnreadFields.js";
import { useTempDir } from "../helpers/tempDir.js";

const dir = useTempDir("eventlog-whole-line");

// Each line is cut at "Properties" (read in part); its whole line stays at hand for `whole()`.
const CUT: readonly UnreadField[] = [{ key: "Properties", shape: "rest of the line", depth: 1, events: ["SparkListenerStageSubmitted"] }];

/** Stage-submitted lines, each with its own stage id and padding, over several 1 MiB read chunks. */
function writeLog(): { path: string; lines: string[] } {
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const padding = "x".repeat(300 + (i % 97));
    lines.push(JSON.stringify({ Event: "SparkListenerStageSubmitted", "Stage Info": { "Stage ID": i, "Stage Name": padding }, Properties: { "spark.job.id": String(i), pad: padding } }));
  }
  const path = join(dir, "stages");
  writeFileSync(path, lines.join("\n") + "\n");
  return { path, lines };
}

describe("a line read in part keeps its whole line (the file's read buffers are reused)", () => {
  it("after the reader has moved on: whole() of every record kept from the iterator is its own line", async () => {
    const { path, lines } = writeLog();
    const records: RawEventRecord[] = [];
    for await (const r of readEventLog(path, { unreadFields: CUT })) records.push(r);
    expect(records).toHaveLength(lines.length);
    let wrong = 0;
    for (const [i, r] of records.entries()) {
      expect(r.whole).toBeDefined();
      if (JSON.stringify(r.whole!().json) !== lines[i]) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("from batches kept past their map: the same", async () => {
    const { path, lines } = writeLog();
    const records: RawEventRecord[] = [];
    for await (const batch of readEventLog(path, { unreadFields: CUT }).batches((r) => r)) records.push(...batch);
    expect(records.map((r) => JSON.stringify(r.whole!().json))).toEqual(lines);
  });

  it("with wholeInsideMap: valid inside map, and a clear error, not another line, once the reader has moved on", async () => {
    const { path, lines } = writeLog();
    const inside: string[] = [];
    const records: RawEventRecord[] = [];
    const reader = readEventLog(path, { unreadFields: CUT, wholeInsideMap: true });
    for await (const batch of reader.batches((r) => {
      inside.push(JSON.stringify(r.whole!().json));
      return r;
    })) {
      records.push(...batch);
    }
    expect(inside).toEqual(lines);
    expect(() => records[0]!.whole!()).toThrow(/after the reader moved on to the next chunk/);
  });
});
