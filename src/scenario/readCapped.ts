import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

/**
 * Reads a file, but at most `capBytes`: a path such as /dev/zero or a FIFO would otherwise be
 * read without end. Returns undefined when the file holds more than the cap.
 */
export async function readCapped(path: string, capBytes: number): Promise<Buffer | undefined> {
  const handle = await open(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, capBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > capBytes) return undefined;
    }
  } finally {
    await handle.close();
  }
}

/** `readCapped`, synchronous. */
export function readCappedSync(path: string, capBytes: number): Buffer | undefined {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, capBytes + 1 - total));
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > capBytes) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}
