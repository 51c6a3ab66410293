import { copyFileSync, constants, createWriteStream, linkSync, lstatSync, realpathSync, renameSync, unlinkSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./UsageError.js";

/**
 * The file a path names, for comparing paths: symlinks and `..` resolved (the folder's real
 * path plus the name when the file does not exist yet), so `o/x.csv` and `./o/../o/x.csv`, or a
 * link and its target, compare equal.
 */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}

/** The existing file at `path` is a device or a pipe (/dev/null, a FIFO): written in place, never replaced. */
function isSpecialFile(path: string): boolean {
  try {
    const st = lstatSync(path);
    return !st.isFile() && !st.isSymbolicLink() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes a file so that nothing the user owns is lost: into a temporary file in the same
 * folder, moved into place only when complete (a kill or a full disk mid-write leaves the old
 * file as it was). Without `force` the move is an exclusive create (a hard link, which fails
 * when the name exists), so a file created by someone else while the command ran is not
 * overwritten. Devices and pipes (/dev/null) are written in place.
 */
export async function writeOutputFile(path: string, force: boolean, write: (out: WriteStream) => Promise<void>): Promise<void> {
  if (isSpecialFile(path)) {
    await write(createWriteStream(path, { flags: "w" }));
    return;
  }
  // node:crypto loads only when a file is written (start-up, README "Performance").
  const { randomBytes } = await import("node:crypto");
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await write(createWriteStream(temp, { flags: "wx" }));
  } catch (e) {
    removeQuietly(temp);
    throw e;
  }
  try {
    if (force) renameSync(temp, path);
    else placeExclusively(temp, path);
  } catch (e) {
    removeQuietly(temp);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new UsageError(`${path}: a file of this name was created while dra-sim ran; it was left as it is (pass --force to overwrite it)`);
    }
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Moves `temp` to `path` only if `path` does not exist (EEXIST otherwise). */
function placeExclusively(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // File systems without hard links: an exclusive copy does the same job.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw e;
    copyFileSync(temp, path, constants.COPYFILE_EXCL);
  }
  unlinkSync(temp);
}
