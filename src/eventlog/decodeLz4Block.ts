/**
 * Decoder for one raw LZ4 block (the LZ4 block format, no frame): a sequence
 * of [token][literal length+][literals][offset LE16][match length+] with the
 * last sequence carrying literals only.
 */
import { copyBackReference } from "./bytes.js";
import { DraSimError } from "../../sim/errors.js";

export class Lz4FormatError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "Lz4FormatError";
}

/** Decodes `src` into `dst`; returns the number of bytes written. Throws Lz4FormatError on malformed input. */
export function decodeLz4Block(src: Uint8Array, dst: Uint8Array): number {
  const srcEnd = src.length;
  const dstEnd = dst.length;
  let s = 0;
  let d = 0;
  while (s < srcEnd) {
    const token = src[s++]!;
    let literalLength = token >>> 4;
    if (literalLength === 15) {
      let b: number;
      do {
        if (s >= srcEnd) throw new Lz4FormatError(`literal length runs past the block end at byte ${s}`);
        b = src[s++]!;
        literalLength += b;
      } while (b === 255);
    }
    if (s + literalLength > srcEnd) throw new Lz4FormatError(`literals run past the block end at byte ${s}`);
    if (d + literalLength > dstEnd) throw new Lz4FormatError(`output larger than the declared ${dstEnd} bytes`);
    dst.set(src.subarray(s, s + literalLength), d);
    s += literalLength;
    d += literalLength;
    if (s === srcEnd) break; // the last sequence has no match part
    if (s + 2 > srcEnd) throw new Lz4FormatError(`match offset runs past the block end at byte ${s}`);
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (offset === 0 || offset > d) throw new Lz4FormatError(`bad match offset ${offset} at output byte ${d}`);
    let matchLength = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b: number;
      do {
        if (s >= srcEnd) throw new Lz4FormatError(`match length runs past the block end at byte ${s}`);
        b = src[s++]!;
        matchLength += b;
      } while (b === 255);
    }
    if (d + matchLength > dstEnd) throw new Lz4FormatError(`output larger than the declared ${dstEnd} bytes`);
    d = copyBackReference(dst, d, offset, matchLength);
  }
  return d;
}
