/**
 * Decoder for one raw Snappy block: a varint uncompressed length, then
 * elements tagged by their low two bits (0 literal, 1/2/3 copy with a 1-, 2-
 * or 4-byte offset), as in google/snappy format_description.txt.
 */
import { copyBackReference, readI32LE } from "./bytes.js";
import { DraSimError } from "../../sim/errors.js";

export class SnappyFormatError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "SnappyFormatError";
}

export function decodeSnappyBlock(src: Uint8Array): Uint8Array {
  const end = src.length;
  let s = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (s >= end || shift > 28) throw new SnappyFormatError("bad uncompressed-length varint");
    const b = src[s++]!;
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  const dst = new Uint8Array(length);
  let d = 0;
  while (s < end) {
    const tag = src[s++]!;
    const type = tag & 3;
    if (type === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const bytes = n - 59;
        if (s + bytes > end) throw new SnappyFormatError(`literal length runs past the block end at byte ${s}`);
        n = 0;
        for (let i = 0; i < bytes; i++) n += src[s + i]! * 2 ** (8 * i);
        s += bytes;
      }
      n += 1;
      if (s + n > end || d + n > length) throw new SnappyFormatError(`literal runs past the end at byte ${s}`);
      dst.set(src.subarray(s, s + n), d);
      s += n;
      d += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (type === 1) {
      if (s + 1 > end) throw new SnappyFormatError(`copy runs past the block end at byte ${s}`);
      n = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | src[s]!;
      s += 1;
    } else if (type === 2) {
      if (s + 2 > end) throw new SnappyFormatError(`copy runs past the block end at byte ${s}`);
      n = (tag >>> 2) + 1;
      offset = src[s]! | (src[s + 1]! << 8);
      s += 2;
    } else {
      if (s + 4 > end) throw new SnappyFormatError(`copy runs past the block end at byte ${s}`);
      n = (tag >>> 2) + 1;
      offset = readI32LE(src, s) >>> 0;
      s += 4;
    }
    if (offset === 0 || offset > d) throw new SnappyFormatError(`bad copy offset ${offset} at output byte ${d}`);
    if (d + n > length) throw new SnappyFormatError(`output larger than the declared ${length} bytes`);
    d = copyBackReference(dst, d, offset, n);
  }
  if (d !== length) throw new SnappyFormatError(`decoded ${d} bytes, header says ${length}`);
  return dst;
}
