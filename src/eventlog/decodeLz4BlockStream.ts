/**
 * Spark's `lz4` codec: lz4-java's LZ4BlockOutputStream. Each block is
 *   "LZ4Block" | token | compressed length (LE32) | decompressed length (LE32) | checksum (LE32) | data
 * where the token's high nibble is the method (0x10 raw, 0x20 LZ4) and its low
 * nibble the level (max block size 1 << (10 + level)); the checksum is
 * XXH32(decompressed, seed 0x9747b28c) & 0x0FFFFFFF (StreamingXXHash32.asChecksum
 * masks it). `finish()` writes an empty block; Spark's reader goes on after it
 * (concatenated streams), and an in-progress log simply stops between blocks.
 */
import { ByteQueue } from "./ByteQueue.js";
import { EventLogError } from "./EventLogError.js";
import { readI32LE, startsWithBytes } from "./bytes.js";
import { Lz4FormatError, decodeLz4Block } from "./decodeLz4Block.js";
import type { DecompressContext } from "./decompressChunks.js";
import { xxhash32 } from "./xxhash32.js";

export const LZ4_BLOCK_MAGIC = new Uint8Array([0x4c, 0x5a, 0x34, 0x42, 0x6c, 0x6f, 0x63, 0x6b]); // "LZ4Block"
const LZ4_BLOCK_SEED = 0x9747b28c;
const LZ4_CHECKSUM_MASK = 0x0fffffff;
const HEADER_LENGTH = 8 + 1 + 4 + 4 + 4;
const METHOD_RAW = 0x10;
const METHOD_LZ4 = 0x20;
const LEVEL_BASE = 10;

export async function* decodeLz4BlockStream(
  chunks: AsyncIterable<Uint8Array>,
  ctx: DecompressContext,
): AsyncGenerator<Uint8Array> {
  const queue = new ByteQueue();
  let offset = 0; // stream offset of the next block, for error messages
  const corrupt = (what: string): EventLogError =>
    new EventLogError("corrupt-data", ctx.part, `${ctx.part}: corrupt lz4 block stream at byte ${offset}: ${what}`);

  for await (const chunk of chunks) {
    queue.push(chunk);
    while (queue.length >= HEADER_LENGTH) {
      const header = queue.peek(HEADER_LENGTH);
      if (!startsWithBytes(header, LZ4_BLOCK_MAGIC)) throw corrupt('missing "LZ4Block" magic');
      const token = header[8]!;
      const method = token & 0xf0;
      const maxBlockSize = 1 << (LEVEL_BASE + (token & 0x0f));
      const compressedLength = readI32LE(header, 9);
      const originalLength = readI32LE(header, 13);
      const checksum = readI32LE(header, 17) >>> 0;
      // The same consistency checks as LZ4BlockInputStream.refill().
      if (method !== METHOD_RAW && method !== METHOD_LZ4) throw corrupt(`unknown method 0x${method.toString(16)}`);
      if (
        originalLength > maxBlockSize ||
        originalLength < 0 ||
        compressedLength < 0 ||
        (originalLength === 0) !== (compressedLength === 0) ||
        (method === METHOD_RAW && originalLength !== compressedLength)
      ) {
        throw corrupt(`inconsistent lengths (compressed ${compressedLength}, original ${originalLength})`);
      }
      if (queue.length < HEADER_LENGTH + compressedLength) break; // wait for the rest of the block
      queue.take(HEADER_LENGTH);
      const data = queue.take(compressedLength);
      if (originalLength > 0) {
        let out: Uint8Array;
        if (method === METHOD_RAW) {
          out = data.slice(); // own the bytes: the queue's chunks are not ours to keep
        } else {
          out = new Uint8Array(originalLength);
          try {
            const written = decodeLz4Block(data, out);
            if (written !== originalLength) throw corrupt(`decoded ${written} bytes, header says ${originalLength}`);
          } catch (e) {
            if (e instanceof Lz4FormatError) throw corrupt(e.message);
            throw e;
          }
        }
        const actual = (xxhash32(out, LZ4_BLOCK_SEED) & LZ4_CHECKSUM_MASK) >>> 0;
        if (actual !== checksum) {
          throw corrupt(`checksum mismatch (stored 0x${checksum.toString(16)}, computed 0x${actual.toString(16)})`);
        }
        yield out;
      }
      offset += HEADER_LENGTH + compressedLength;
    }
  }
  if (queue.length > 0) {
    ctx.onTruncated(`${ctx.part}: lz4 block stream ends inside a block (${queue.length} bytes after byte ${offset})`);
  }
}
