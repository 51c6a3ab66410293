/** Byte helpers shared by the block decoders and the codec sniffer. */

/** `b` begins with `prefix`. */
export function startsWithBytes(b: Uint8Array, prefix: Uint8Array): boolean {
  return b.length >= prefix.length && prefix.every((byte, i) => b[i] === byte);
}

/** The little-endian 32-bit integer at `i`, signed (`>>> 0` for unsigned). */
export function readI32LE(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

/**
 * A back-reference of LZ4 and Snappy: copies `length` bytes from `offset` bytes back to `at`
 * (0 < offset <= at, at + length within `dst`) and returns the end. When the source overlaps
 * the destination (offset < length) it repeats the last `offset` bytes, so it goes byte by byte.
 */
export function copyBackReference(dst: Uint8Array, at: number, offset: number, length: number): number {
  let m = at - offset;
  if (offset >= length) {
    dst.copyWithin(at, m, m + length);
    return at + length;
  }
  let d = at;
  const end = at + length;
  while (d < end) dst[d++] = dst[m++]!;
  return d;
}
