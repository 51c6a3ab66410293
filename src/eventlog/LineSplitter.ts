/**
 * Bytes → text lines. Holds only the bytes of the line not yet finished, so
 * memory grows with line length, not file size. Lines are decoded as UTF-8
 * after they are complete, so a character split across chunks is safe.
 */

import { DraSimError } from "../../sim/errors.js";

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

/**
 * The longest line the event-log reader takes: 256 MiB. A JavaScript string holds at most
 * about 512 Mi UTF-16 units (V8's limit), and a line near that would be refused by V8 with an
 * internal error after filling memory; Spark's own lines are far shorter (a large
 * `SparkListenerJobStart` or `SparkListenerStageCompleted` is a few MiB).
 */
export const MAX_EVENT_LINE_BYTES = 256 * 2 ** 20;

/** A line longer than the splitter's limit: `line` is its number in the part (1-based). */
export class LineTooLongError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "LineTooLongError";
  constructor(
    readonly line: number,
    readonly maxLineBytes: number,
  ) {
    super(`line ${line} is longer than ${maxLineBytes} bytes`);
  }
}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private completed = 0;

  /** @param maxLineBytes a longer line throws `LineTooLongError` as soon as it passes the limit (before it is held whole). */
  constructor(private readonly maxLineBytes: number = MAX_EVENT_LINE_BYTES) {}

  /** Bytes of the unfinished line held so far. */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** First byte of the unfinished line, if any. */
  get pendingFirstByte(): number | undefined {
    return this.pending[0]?.[0];
  }

  /**
   * Calls `onLine` for every line the chunk completes; first `take`, when given, with the line's
   * bytes (the end excludes the newline): true takes the line undecoded.
   */
  push(chunk: Uint8Array, onLine: (text: string) => void, take?: (bytes: Buffer, start: number, end: number) => boolean): void {
    const bytes = asBuffer(chunk);
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(NEWLINE, start);
      if (nl < 0) break;
      if (this.pendingLength + nl - start > this.maxLineBytes) throw new LineTooLongError(this.completed + 1, this.maxLineBytes);
      this.completed += 1;
      if (this.pendingLength === 0) {
        if (take === undefined || !take(bytes, start, nl)) onLine(decodeLine(bytes, start, nl));
      } else {
        this.pending.push(bytes.subarray(start, nl));
        const joined = Buffer.concat(this.pending, this.pendingLength + nl - start);
        this.pending = [];
        this.pendingLength = 0;
        if (take === undefined || !take(joined, 0, joined.length)) onLine(decodeLine(joined, 0, joined.length));
      }
      start = nl + 1;
    }
    if (start < bytes.length) {
      if (this.pendingLength + bytes.length - start > this.maxLineBytes) throw new LineTooLongError(this.completed + 1, this.maxLineBytes);
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
