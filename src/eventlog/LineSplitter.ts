/**
 * Bytes → text lines. Holds only the bytes of the line not yet finished, so
 * memory grows with line length, not file size. Lines are decoded as UTF-8
 * after they are complete, so a character split across chunks is safe.
 */

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function decodeLine(bytes: Buffer, start: number, end: number): string {
  // Tolerate CRLF line ends.
  const stop = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
  return bytes.toString("utf8", start, stop);
}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;

  /** Bytes of the unfinished line held so far. */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** First byte of the unfinished line, if any. */
  get pendingFirstByte(): number | undefined {
    return this.pending[0]?.[0];
  }

  /** Calls `onLine` for every line the chunk completes. */
  push(chunk: Uint8Array, onLine: (text: string) => void): void {
    const bytes = asBuffer(chunk);
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(NEWLINE, start);
      if (nl < 0) break;
      if (this.pendingLength === 0) {
        onLine(decodeLine(bytes, start, nl));
      } else {
        this.pending.push(bytes.subarray(start, nl));
        const joined = Buffer.concat(this.pending, this.pendingLength + nl - start);
        this.pending = [];
        this.pendingLength = 0;
        onLine(decodeLine(joined, 0, joined.length));
      }
      start = nl + 1;
    }
    if (start < bytes.length) {
      // Copy: a decoder may reuse the chunk's memory after this call.
      const rest = Buffer.from(bytes.subarray(start));
      this.pending.push(rest);
      this.pendingLength += rest.length;
    }
  }

  /** The last line when the input did not end with a newline, else undefined. Resets the splitter. */
  finish(): string | undefined {
    if (this.pendingLength === 0) return undefined;
    const joined = Buffer.concat(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    return decodeLine(joined, 0, joined.length);
  }
}
