/**
 * Compressed bytes → decompressed bytes, chunk by chunk, for every codec
 * Spark writes event logs with (`spark.eventLog.compression.codec`). A stream
 * that stops mid-block is reported through `onTruncated` (normal for an
 * in-progress log), never thrown; data that fails its checks throws
 * EventLogError("corrupt-data").
 */
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { EventLogError } from "./EventLogError.js";
import type { EventLogCodec } from "./EventLogReadReport.js";
import { decodeLz4BlockStream } from "./decodeLz4BlockStream.js";
import { decodeSnappyStream } from "./decodeSnappyStream.js";

export { sniffCodec } from "./sniffCodec.js";

export interface DecompressContext {
  /** Part name, for messages. */
  readonly part: string;
  onTruncated(message: string): void;
}

export function decompressChunks(
  codec: EventLogCodec,
  chunks: AsyncIterable<Uint8Array>,
  ctx: DecompressContext,
): AsyncIterable<Uint8Array> {
  switch (codec) {
    case "none":
      return chunks;
    case "gzip":
      return gunzipChunks(chunks, ctx);
    case "zstd":
      return unzstdChunks(chunks, ctx);
    case "lz4":
      return decodeLz4BlockStream(chunks, ctx);
    case "snappy":
      return decodeSnappyStream(chunks, ctx);
    case "lzf":
      throw new EventLogError(
        "unsupported-codec",
        ctx.part,
        `${ctx.part}: the lzf codec is not supported; decompress the log first or re-log with zstd, lz4, snappy or none`,
      );
  }
}

/**
 * zlib's output chunk for gzip logs: its default, 16 KiB, made 64 async steps and buffers per
 * MiB of log, each a line split and a batch of records.
 */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

async function* gunzipChunks(chunks: AsyncIterable<Uint8Array>, ctx: DecompressContext): AsyncGenerator<Uint8Array> {
  // pipeline() forwards source errors too; the error surfaces through iteration, so the callback has nothing to do.
  const out = pipeline(Readable.from(chunks, { objectMode: false }), createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }), () => {});
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof EventLogError) throw e;
    const code = (e as { code?: unknown }).code;
    // zlib reports a stream cut inside a member as Z_BUF_ERROR "unexpected end of file".
    if (code === "Z_BUF_ERROR") {
      ctx.onTruncated(`${ctx.part}: gzip stream ends early`);
      return;
    }
    throw new EventLogError("corrupt-data", ctx.part, `${ctx.part}: corrupt gzip data: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/** fzstd's error code for "unexpected EOF". */
const ZSTD_UNEXPECTED_EOF = 5;

async function* unzstdChunks(chunks: AsyncIterable<Uint8Array>, ctx: DecompressContext): AsyncGenerator<Uint8Array> {
  let ready: Uint8Array[] = [];
  // fzstd is loaded only for zstd logs: replaying a plain or gzip log does not pay for it.
  const { Decompress } = await import("fzstd");
  const decoder = new Decompress((data) => {
    if (data.length > 0) ready.push(data);
  });
  // Returns false when the stream turned out to be cut short.
  const push = (chunk: Uint8Array, final: boolean): boolean => {
    try {
      decoder.push(chunk, final);
      return true;
    } catch (e) {
      if ((e as { code?: unknown }).code === ZSTD_UNEXPECTED_EOF) {
        ctx.onTruncated(`${ctx.part}: zstd stream ends inside a frame`);
        return false;
      }
      throw new EventLogError("corrupt-data", ctx.part, `${ctx.part}: corrupt zstd data: ${(e as Error).message}`, {
        cause: e,
      });
    }
  };
  for await (const chunk of chunks) {
    const ok = push(chunk, false);
    if (ready.length > 0) {
      const out = ready;
      ready = [];
      yield* out;
    }
    if (!ok) return;
  }
  push(new Uint8Array(0), true);
  yield* ready;
}
