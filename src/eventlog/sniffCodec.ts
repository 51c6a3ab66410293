/**
 * The codec an event log's first bytes announce. Its own module, free of the decoders, so that
 * loading a scenario (which refuses event logs by their first bytes) does not load fzstd.
 */
import type { EventLogCodec } from "./EventLogReadReport.js";
import { startsWithBytes } from "./bytes.js";
import { LZ4_BLOCK_MAGIC } from "./decodeLz4BlockStream.js";
import { SNAPPY_JAVA_MAGIC } from "./decodeSnappyStream.js";

const GZIP_MAGIC = new Uint8Array([0x1f, 0x8b]);
const ZSTD_MAGIC = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]);

/** The codec a file's first bytes announce, or "none" (plain JSON lines, or unknown). */
export function sniffCodec(firstBytes: Uint8Array): EventLogCodec {
  if (startsWithBytes(firstBytes, GZIP_MAGIC)) return "gzip";
  if (startsWithBytes(firstBytes, ZSTD_MAGIC)) return "zstd";
  if (startsWithBytes(firstBytes, LZ4_BLOCK_MAGIC)) return "lz4";
  if (startsWithBytes(firstBytes, SNAPPY_JAVA_MAGIC)) return "snappy";
  return "none";
}
