/**
 * Test-side encoder for snappy-java's SnappyOutputStream format (Spark's
 * `snappy` codec) with a greedy raw-Snappy compressor that uses all three
 * copy encodings, so the decoder's every element type is exercised.
 */

const HEADER = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1];

function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function pushLiteral(out: number[], src: Uint8Array, start: number, end: number): void {
  for (let s = start; s < end; s += 65536) {
    const n = Math.min(65536, end - s);
    if (n <= 60) out.push((n - 1) << 2);
    else if (n <= 256) out.push(60 << 2, n - 1);
    else out.push(61 << 2, (n - 1) & 0xff, (n - 1) >>> 8);
    for (let i = s; i < s + n; i++) out.push(src[i]!);
  }
}

function pushCopy(out: number[], offset: number, length: number, useCopy4: boolean): void {
  let left = length;
  while (left > 0) {
    // Keep each piece >= 4 bytes so that copy-1 stays possible for the remainder.
    const n = left > 64 ? (left - 64 < 4 ? 60 : 64) : left;
    if (n >= 4 && n <= 11 && offset < 2048) {
      out.push(0x01 | ((n - 4) << 2) | ((offset >>> 8) << 5), offset & 0xff);
    } else if (useCopy4) {
      out.push(0x03 | ((n - 1) << 2), offset & 0xff, (offset >>> 8) & 0xff, (offset >>> 16) & 0xff, offset >>> 24);
    } else {
      out.push(0x02 | ((n - 1) << 2), offset & 0xff, offset >>> 8);
    }
    left -= n;
  }
}

export function compressSnappyBlock(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  pushVarint(out, src.length);
  const last = new Map<number, number>();
  let anchor = 0;
  let i = 0;
  let copies = 0;
  while (i + 4 <= src.length) {
    const key = src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24);
    const candidate = last.get(key);
    last.set(key, i);
    if (candidate !== undefined && i - candidate <= 0xffff) {
      let length = 4;
      while (i + length < src.length && src[candidate + length] === src[i + length]) length++;
      pushLiteral(out, src, anchor, i);
      pushCopy(out, i - candidate, length, copies++ % 3 === 2);
      i += length;
      anchor = i;
    } else {
      i++;
    }
  }
  pushLiteral(out, src, anchor, src.length);
  return Uint8Array.from(out);
}

export function encodeSnappyStream(data: Uint8Array, blockSize = 32 * 1024): Uint8Array {
  const pieces: Uint8Array[] = [Uint8Array.from(HEADER)];
  for (let start = 0; start < data.length; start += blockSize) {
    const block = compressSnappyBlock(data.subarray(start, Math.min(data.length, start + blockSize)));
    const length = Uint8Array.from([block.length >>> 24, (block.length >>> 16) & 0xff, (block.length >>> 8) & 0xff, block.length & 0xff]);
    pieces.push(length, block);
  }
  return Buffer.concat(pieces);
}
