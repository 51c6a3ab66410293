import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { EventLogError, type EventLogReader, readEventLog } from "../../src/eventlog/index.js";
import { Lz4FormatError, decodeLz4Block } from "../../src/eventlog/decodeLz4Block.js";
import { decodeSnappyBlock } from "../../src/eventlog/decodeSnappyBlock.js";
import { xxhash32 } from "../../src/eventlog/xxhash32.js";
import { compressLz4Block, encodeLz4BlockStream } from "../helpers/lz4BlockStreamEncoder.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { PLAIN_LOG_TEXT } from "../helpers/plainEventLog.js";
import { compressSnappyBlock, encodeSnappyStream } from "../helpers/snappyStreamEncoder.js";
import { useTempDir } from "../helpers/tempDir.js";

const dir = useTempDir("eventlog-codecs");
const PLAIN = Buffer.from(PLAIN_LOG_TEXT);
const ascii = (s: string) => new TextEncoder().encode(s);

async function drain(reader: EventLogReader): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of reader) out.push(r.json);
  return out;
}

function write(name: string, data: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

const PLAIN_EVENTS = await drain(readEventLog(write("plain-app", PLAIN)));

describe("xxhash32", () => {
  it.each([
    ["", 0x02cc5d05],
    ["abc", 0x32d153ff],
    ["Nobody inspects the spammish repetition", 0xe2293b2f],
  ])("XXH32(%j, 0) is the reference value", (input, expected) => {
    expect(xxhash32(ascii(input), 0)).toBe(expected);
  });

  it("matches the header checksum the lz4 CLI wrote for frame descriptor 0x60 0x40", () => {
    // `lz4 -B4 -BI --no-frame-crc` wrote FLG 0x60, BD 0x40, HC 0x82 = (XXH32(FLG BD, 0) >> 8) & 0xff.
    expect((xxhash32(Uint8Array.from([0x60, 0x40]), 0) >>> 8) & 0xff).toBe(0x82);
  });
});

describe("decodeLz4Block", () => {
  // The first block of `lz4 -B4 -BI --no-frame-crc` run on the first 1500 bytes of
  // apache-spark/application_1628109047826_1317105: a third-party encoder's output.
  const CLI_BLOCK = Buffer.from(
    "8hJ7IkV2ZW50IjoiU3BhcmtMaXN0ZW5lckxvZ1N0YXJ0IiwYAOAgVmVyc2lvbiI6IjMuMQIAXzE5In0KPgAE9AhSZXNvdXJjZVByb2ZpbGVBZGRlZCIsIhcAEyAYAPUCIElkIjowLCJFeGVjdXRvciAhAPEBUmVxdWVzdHMiOnsiY29yZQkABR4AY05hbWUiOhkAYCwiQW1vdcIA8AMxLCJEaXNjb3ZlcnkgU2NyaXDXAPAHIiwiVmVuZG9yIjoiIn0sIm1lbW9yeVkADFAAAxoABlEATzQwOTZUABJ/b2ZmSGVhcFUAAQQbAAZWAB8wUwAQf30sIlRhc2sRAQQvcHUQAQMAGAAGaABfMS4wfX2jAQbEQmxvY2tNYW5hZ2VyoAEBFAATIBUAMCBJRNAABZwBAA8A0CJkcml2ZXIiLCJIb3NdAfMUaG9zdC02NDY3IiwiUG9ydCI6MjI5NDh9LCJNYXhpbXVtIE1vAfYVMjEwMTk3NTQ0OSwiVGltZXN0YW1wIjoxNjI4NjM3OTI5NTA5NgBvT25oZWFwPQACBFkAOU9mZiQAHzDrAAbxEUVudmlyb25tZW50VXBkYXRlIiwiSlZNIEluZm9ybWF01wKReyJKYXZhIEhvWwLxEi9leHBvcnQvYXBwcy9qZGsvSkRLLTFfOF8wXzE3Mi9qckQAADEABhgDQTEuOC4fAPEAIChPcmFjbGUgQ29ycG9yYQAQKUkDOGNhbDEAEnZTA4AgMi4xMi4xMJ0CAYQDAB8DUnBlcnRp9wIQc5gD/AIuamFycy5pdnlTZXR0aW5nc6UAASYA8wEvY29tbW9uY29uZi9pdnlzLABxLnhtbCIsIiMA8AIueWFybi5kaXN0LmFyY2hpdmUA8QUiaGRmczovc2hhcmUvbGliL3YxLy4AAgYAEC1RABQt+APyCTc2LWhhZG9vcGxpYnMtLnRhci5neiNfXxUAYC1zaXRlLRsAP19fLFcABgB4AAAlAADWABAtTwRXMC4yMzJMAJVpdmUtYmluX1+4AJBzZXJpYWxpemXJA7FvcmcuYXBhY2hlLqgABx4AZi5LcnlvUy0ABPgAYXNwZWN1bI0BYCI6InRydcMBAj0ABhMBMWZpbBABAAgAGToFAkFkYWxpBQBxLWNvcmFsLToADREAQC1hbGyrATwjX18sAAAbACBfXx0ABdMAAk4DEC5FAwCEAQdMAwFeANEuZHluYW1pY0FsbG9juQDwCy5zdXN0YWluZWRTY2hlZHVsZXJCYWNrbG9nUwMgb3WTA7A1Iiwic3BhcmsuZQ==",
    "base64",
  );

  it("decodes a block written by the reference lz4 tool", () => {
    const out = new Uint8Array(1500);
    expect(decodeLz4Block(CLI_BLOCK, out)).toBe(1500);
    // The SHA-256 of that log's first 1500 bytes (the log itself stays in ../shared).
    expect(createHash("sha256").update(out).digest("hex")).toBe("d7848715f66a501e1744098af13d7952047ef7154394ed3f24bfdf9b02780067");
    expect(Buffer.from(out).toString().startsWith('{"Event":"SparkListenerLogStart","Spark Version":"3.1.1.119"}\n')).toBe(true);
  });

  it.each([
    ["a long run (overlapping matches, long match lengths)", "x".repeat(5000) + "end of data!!"],
    ["long literal runs", Array.from({ length: 700 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join("")],
    ["a short input (literals only)", "tiny"],
    ["an empty input", ""],
  ])("round-trips %s through the test encoder", (_, text) => {
    const src = ascii(text);
    const out = new Uint8Array(src.length);
    expect(decodeLz4Block(compressLz4Block(src), out)).toBe(src.length);
    expect(Buffer.from(out).toString()).toBe(text);
  });

  it("rejects a match offset before the start of the output", () => {
    // token: 1 literal, match length 4; literal "a"; offset 5 > 1 byte written
    expect(() => decodeLz4Block(Uint8Array.from([0x10, 0x61, 0x05, 0x00, 0x00]), new Uint8Array(10))).toThrow(
      Lz4FormatError,
    );
  });

  it("rejects output larger than declared", () => {
    expect(() => decodeLz4Block(compressLz4Block(ascii("y".repeat(100))), new Uint8Array(50))).toThrow(Lz4FormatError);
  });
});

describe("lz4 (lz4-java LZ4BlockOutputStream) event logs", () => {
  it.each([
    ["auto", 32 * 1024, true],
    ["lz4", 1024, true],
    ["raw", 4096, true],
    ["auto", 64 * 1024, false],
  ] as const)("reads method=%s blockSize=%i finish=%s like the plain log", async (method, blockSize, finish) => {
    const path = write(`app-${method}-${blockSize}-${finish}.lz4`, encodeLz4BlockStream(PLAIN, { method, blockSize, finish }));
    const reader = readEventLog(path);
    expect(await drain(reader)).toEqual(PLAIN_EVENTS);
    expect(reader.report.parts).toEqual([{ name: `app-${method}-${blockSize}-${finish}.lz4`, codec: "lz4" }]);
    expect(reader.report.status).toBe("complete");
  });

  it("stores checksums as XXH32(seed 0x9747b28c) masked to 28 bits", () => {
    const block = ascii("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.0\"}\n");
    const stream = encodeLz4BlockStream(block, { method: "raw" });
    const stored = Buffer.from(stream).readUInt32LE(17);
    expect(stored).toBe(xxhash32(block, 0x9747b28c) & 0x0fffffff);
    expect(stored >>> 28).toBe(0);
  });

  it("reads two concatenated streams (Spark's reader does not stop at the empty block)", async () => {
    const half = PLAIN.indexOf(10, PLAIN.length >> 1) + 1;
    const data = Buffer.concat([encodeLz4BlockStream(PLAIN.subarray(0, half)), encodeLz4BlockStream(PLAIN.subarray(half))]);
    expect(await drain(readEventLog(write("concat.lz4", data)))).toEqual(PLAIN_EVENTS);
  });

  it("rejects a block whose checksum does not match", async () => {
    const data = Buffer.from(encodeLz4BlockStream(PLAIN, { method: "raw" }));
    data.writeUInt8(data.readUInt8(121) ^ 0x01, 121); // flip one payload bit of the first block
    const err = await drain(readEventLog(write("corrupt.lz4", data))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventLogError);
    expect((err as EventLogError).kind).toBe("corrupt-data");
    expect((err as EventLogError).message).toMatch(/corrupt\.lz4: corrupt lz4 block stream at byte 0: checksum mismatch/);
  });

  it("reports a stream cut inside a block as truncated, keeping the events before it", async () => {
    const full = encodeLz4BlockStream(PLAIN, { blockSize: 8 * 1024 });
    const path = write("cut.lz4.inprogress", full.subarray(0, full.length - 5000));
    const reader = readEventLog(path);
    const events = await drain(reader);
    expect(events.length).toBeGreaterThan(10);
    expect(events.length).toBeLessThan(PLAIN_EVENTS.length);
    expect(events).toEqual(PLAIN_EVENTS.slice(0, events.length));
    expect(reader.report.streamTruncated).toBe(true);
    expect(reader.report.warnings.map((w) => w.code)).toEqual(["truncated-stream"]);
    expect(reader.report.status).toBe("in-progress");
  });
});

describe("logs of many read chunks (the file reader reuses two 1 MiB buffers)", () => {
  // 6 MiB of lines whose payload does not compress much (a hash chain), so the compressed
  // files are several read chunks too: a decompressor handed a buffer the reader then
  // overwrites, or a line split across chunks kept as a view, would change the events.
  const lines: string[] = [];
  let pad = "";
  for (let n = 0, bytes = 0; bytes < 6 * 2 ** 20; n++) {
    pad = createHash("sha512").update(`${n}${pad}`).digest("hex");
    lines.push(JSON.stringify({ Event: "org.example.Padding", n, pad }));
    bytes += lines[n]!.length + 1;
  }
  const text = Buffer.from(`${PLAIN_LOG_TEXT.trimEnd()}\n${lines.join("\n")}\n`);
  const expected = [...PLAIN_EVENTS, ...lines.map((l) => JSON.parse(l) as unknown)];

  it.each([
    ["plain", "big-app", () => text],
    ["gzip", "big-app.gz", () => gzipSync(text)],
    ["gzip, sniffed", "big-app-renamed", () => gzipSync(text)],
    ["lz4", "big-app.lz4", () => encodeLz4BlockStream(text, { blockSize: 64 * 1024 })],
    ["snappy", "big-app.snappy", () => encodeSnappyStream(text, 32 * 1024)],
  ] as const)("reads a %s log of several chunks whole", async (_codec, name, data) => {
    const bytes = data();
    if (name !== "big-app") expect(bytes.length).toBeGreaterThan(2.5 * 2 ** 20);
    expect(await drain(readEventLog(write(name, bytes)))).toEqual(expected);
  });
});

describe("gzip, zstd and snappy event logs", () => {
  it("reads a .gz log like the plain one", async () => {
    expect(await drain(readEventLog(write("app.gz", gzipSync(PLAIN))))).toEqual(PLAIN_EVENTS);
  });

  it("reports a cut .gz.inprogress log as in progress", async () => {
    const gz = gzipSync(PLAIN);
    const reader = readEventLog(write("app.gz.inprogress", gz.subarray(0, gz.length >> 1)));
    const events = await drain(reader);
    expect(events.length).toBeGreaterThan(0);
    expect(events).toEqual(PLAIN_EVENTS.slice(0, events.length));
    expect(reader.report.inProgressMarker).toBe(true);
    expect(reader.report.status).toBe("in-progress");
  });

  it("reads a snappy-java stream like the plain log", async () => {
    const reader = readEventLog(write("app.snappy", encodeSnappyStream(PLAIN, 16 * 1024)));
    expect(await drain(reader)).toEqual(PLAIN_EVENTS);
    expect(reader.report.parts[0]?.codec).toBe("snappy");
  });

  it("round-trips raw snappy blocks with every copy encoding", () => {
    const text = `${"abcdefgh".repeat(40)}${"z".repeat(300)}${PLAIN.subarray(0, 3000).toString()}`;
    expect(Buffer.from(decodeSnappyBlock(compressSnappyBlock(ascii(text)))).toString()).toBe(text);
  });

  it("refuses lzf with a clear unsupported-codec error", async () => {
    const err = await drain(readEventLog(write("app.lzf", Uint8Array.from([0x5a, 0x56, 0x00])))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventLogError);
    expect((err as EventLogError).kind).toBe("unsupported-codec");
    expect((err as EventLogError).message).toMatch(/app\.lzf: the lzf codec is not supported/);
  });
});

describeShared("compressed logs of shared/eventlogs", () => {
  it("reports a cut .zstd log as truncated", async () => {
    const zstd = readFileSync(sharedLog("spark-rapids-tools/rp_sql_eventlog.zstd"));
    const reader = readEventLog(write("rp.zstd", zstd.subarray(0, zstd.length >> 1)));
    const events = await drain(reader);
    expect(events.length).toBeGreaterThan(0);
    expect(reader.report.streamTruncated).toBe(true);
    expect(reader.report.status).toBe("truncated");
  });

  it("sniffs the codec of a compressed file named without a suffix", async () => {
    const reader = readEventLog(write("application_renamed", readFileSync(sharedLog("spark-rapids-tools/spark2-eventlog.zstd"))));
    expect(await drain(reader)).toEqual(await drain(readEventLog(sharedLog("spark-rapids-tools/spark2-eventlog"))));
    expect(reader.report.parts[0]?.codec).toBe("zstd");
  });
});
