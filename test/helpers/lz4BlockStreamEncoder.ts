/**
 * Test-side encoder for lz4-java's LZ4BlockOutputStream format (what Spark's
 * `lz4` codec writes), with a small greedy LZ4 block compressor. Independent
 * of the decoder except for xxhash32, which has its own known-answer tests.
 */
import { xxhash32 } from "../../src/eventlog/xxhash32.js";

const MAGIC = [0x4c, 0x5a, 0x34, 0x42, 0x6c, 0x6f, 0x63, 0x6b]; // "LZ4Block"
const SEED = 0x9747b28c;
const MIN_MATCH = 4;
/** LZ4 end-of-block rules: the last match starts >= 12 bytes before the end, the last 5 bytes are literals. */
const MF_LIMIT = 12;
const LAST_LITERALS = 5;

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

function pushLength(out: number[], extra: number): void {
  let n = extra;
  while (n >= 255) {
    out.push(255);
    n -= 255;
  }
  out.push(n);
}

function pushSequence(out: number[], src: Uint8Array, anchor: number, end: number, offset: number, matchLength: number): void {
  const literalLength = end - anchor;
  const m = matchLength - MIN_MATCH;
  out.push((Math.min(literalLength, 15) << 4) | (offset === 0 ? 0 : Math.min(m, 15)));
  if (literalLength >= 15) pushLength(out, literalLength - 15);
  for (let i = anchor; i < end; i++) out.push(src[i]!);
  if (offset === 0) return; // last sequence: literals only
  out.push(offset & 0xff, offset >>> 8);
  if (m >= 15) pushLength(out, m - 15);
}

/** Greedy LZ4 block compression (valid for the reference decoder, not tuned). */
export function compressLz4Block(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  const lastPosition = new Map<number, number>();
  const n = src.length;
  let anchor = 0;
  let i = 0;
  while (i + MF_LIMIT < n) {
    const seq = u32(src, i);
    const candidate = lastPosition.get(seq);
    lastPosition.set(seq, i);
    if (candidate !== undefined && i - candidate <= 0xffff) {
      let length = MIN_MATCH;
      while (i + length < n - LAST_LITERALS && src[candidate + length] === src[i + length]) length++;
      pushSequence(out, src, anchor, i, i - candidate, length);
      i += length;
      anchor = i;
    } else {
      i++;
    }
  }
  pushSequence(out, src, anchor, n, 0, 0);
  return Uint8Array.from(out);
}

export interface Lz4BlockStreamOptions {
  /** Bytes per block before compression (Spark: spark.io.compression.lz4.blockSize, 32k). */
  readonly blockSize?: number;
  /** "auto" keeps the compressed form when smaller, as lz4-java does. */
  readonly method?: "auto" | "raw" | "lz4";
  /** Write the empty end block that LZ4BlockOutputStream.finish() writes. */
  readonly finish?: boolean;
}

function header(method: number, level: number, compressedLength: number, originalLength: number, checksum: number): number[] {
  const out = [...MAGIC, method | level];
  for (const v of [compressedLength, originalLength, checksum]) out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  return out;
}

export function encodeLz4BlockStream(data: Uint8Array, options: Lz4BlockStreamOptions = {}): Uint8Array {
  const blockSize = options.blockSize ?? 32 * 1024;
  // LZ4BlockOutputStream.compressionLevel(blockSize)
  const level = Math.max(0, 32 - Math.clz32(blockSize - 1) - 10);
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < data.length; start += blockSize) {
    const block = data.subarray(start, Math.min(data.length, start + blockSize));
    const checksum = (xxhash32(block, SEED) & 0x0fffffff) >>> 0;
    const compressed = options.method === "raw" ? undefined : compressLz4Block(block);
    const useLz4 =
      compressed !== undefined && (options.method === "lz4" || compressed.length < block.length);
    const body = useLz4 ? compressed : block;
    pieces.push(Uint8Array.from(header(useLz4 ? 0x20 : 0x10, level, body.length, block.length, checksum)), body);
  }
  if (options.finish !== false) pieces.push(Uint8Array.from(header(0x10, level, 0, 0, 0)));
  return Buffer.concat(pieces);
}
