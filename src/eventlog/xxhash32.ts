/**
 * XXH32, used by lz4-java's LZ4BlockOutputStream to checksum each block
 * (seed 0x9747b28c). Pure function over bytes; 32-bit arithmetic via Math.imul
 * (which reads each input word as int32, so the words are read signed).
 */
import { readI32LE } from "./bytes.js";

const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, input: number): number {
  return Math.imul(rotl((acc + Math.imul(input, PRIME2)) | 0, 13), PRIME1);
}

/** XXH32 of `data` with `seed`, as an unsigned 32-bit integer. */
export function xxhash32(data: Uint8Array, seed: number): number {
  const len = data.length;
  let i = 0;
  let h: number;
  if (len >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0;
    let v2 = (seed + PRIME2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME1) | 0;
    const limit = len - 16;
    while (i <= limit) {
      v1 = round(v1, readI32LE(data, i));
      v2 = round(v2, readI32LE(data, i + 4));
      v3 = round(v3, readI32LE(data, i + 8));
      v4 = round(v4, readI32LE(data, i + 12));
      i += 16;
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + PRIME5) | 0;
  }
  h = (h + len) | 0;
  while (i + 4 <= len) {
    h = Math.imul(rotl((h + Math.imul(readI32LE(data, i), PRIME3)) | 0, 17), PRIME4);
    i += 4;
  }
  while (i < len) {
    h = Math.imul(rotl((h + Math.imul(data[i]!, PRIME5)) | 0, 11), PRIME1);
    i += 1;
  }
  h ^= h >>> 15;
  h = Math.imul(h, PRIME2);
  h ^= h >>> 13;
  h = Math.imul(h, PRIME3);
  h ^= h >>> 16;
  return h >>> 0;
}
