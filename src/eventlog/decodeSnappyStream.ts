/**
 * Spark's `snappy` codec: snappy-java's SnappyOutputStream. A 16-byte header
 * (magic 0x82 "SNAPPY" 0x00, then version and compatible version as BE32),
 * then chunks of [compressed length BE32][raw snappy block]. SnappyInputStream
 * accepts a new header between chunks (concatenated streams), so do we.
 */
import { ByteQueue } from "./ByteQueue.js";
import { EventLogError } from "./EventLogError.js";
import { startsWithBytes } from "./bytes.js";
import type { DecompressContext } from "./decompressChunks.js";
import { SnappyFormatError, decodeSnappyBlock } from "./decodeSnappyBlock.js";

export const SNAPPY_JAVA_MAGIC = new Uint8Array([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const HEADER_LENGTH = 16;
/** snappy-java never writes a chunk near this size; a bigger length means corrupt data. */
const MAX_CHUNK_LENGTH = 1 << 30;

export async function* decodeSnappyStream(
  chunks: AsyncIterable<Uint8Array>,
  ctx: DecompressContext,
): AsyncGenerator<Uint8Array> {
  const queue = new ByteQueue();
  let offset = 0;
  let sawHeader = false;
  const corrupt = (what: string): EventLogError =>
    new EventLogError("corrupt-data", ctx.part, `${ctx.part}: corrupt snappy-java stream at byte ${offset}: ${what}`);

  for await (const chunk of chunks) {
    queue.push(chunk);
    for (;;) {
      if (queue.length === 0) break;
      // A chunk length never starts with 0x82 (it would exceed 2 GiB), so this byte means a header.
      if (queue.peek(1)[0] === SNAPPY_JAVA_MAGIC[0]) {
        if (queue.length < HEADER_LENGTH) break;
        if (!startsWithBytes(queue.peek(SNAPPY_JAVA_MAGIC.length), SNAPPY_JAVA_MAGIC)) throw corrupt("bad snappy-java header");
        queue.take(HEADER_LENGTH);
        offset += HEADER_LENGTH;
        sawHeader = true;
        continue;
      }
      if (queue.length < 4) break;
      if (!sawHeader) throw corrupt("missing snappy-java header (0x82 SNAPPY)");
      const lengthBytes = queue.peek(4);
      const length = ((lengthBytes[0]! << 24) | (lengthBytes[1]! << 16) | (lengthBytes[2]! << 8) | lengthBytes[3]!) >>> 0;
      if (length > MAX_CHUNK_LENGTH) throw corrupt(`chunk length ${length}`);
      if (queue.length < 4 + length) break;
      queue.take(4);
      const block = queue.take(length);
      try {
        const out = decodeSnappyBlock(block);
        if (out.length > 0) yield out;
      } catch (e) {
        if (e instanceof SnappyFormatError) throw corrupt(e.message);
        throw e;
      }
      offset += 4 + length;
    }
  }
  if (queue.length > 0) {
    ctx.onTruncated(`${ctx.part}: snappy-java stream ends inside a chunk (${queue.length} bytes after byte ${offset})`);
  }
}
