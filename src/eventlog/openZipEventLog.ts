/**
 * A History Server download (`/api/v1/applications/<id>/logs`): a zip of the
 * log file(s). Entries are streamed one at a time through yauzl; only the
 * central directory is held in memory.
 */
import { posix } from "node:path";
import yauzl from "yauzl";
import { EventLogError } from "./EventLogError.js";
import {
  isAppStatusMarker,
  isHiddenOrChecksumFile,
  isInProgressMarker,
  missingRollingIndices,
  missingRollingPartsMessage,
  orderRollingParts,
  parseEventLogFileName,
  rollingPartIndex,
} from "./eventLogFileName.js";
import type { EventLogPart, EventLogSource, OpenEventLogOptions } from "./openEventLog.js";

/** One log found in the archive: a single entry, or the parts of one rolling directory. */
interface ZipLog {
  readonly label: string;
  readonly rolling: boolean;
  readonly entries: yauzl.Entry[];
  readonly inProgress: boolean;
}

/** Directory entries and macOS resource forks, besides what a directory listing ignores. */
function isIgnorable(name: string): boolean {
  return name.endsWith("/") || name.startsWith("__MACOSX/") || isHiddenOrChecksumFile(posix.basename(name));
}

function groupLogs(entries: readonly yauzl.Entry[]): ZipLog[] {
  const rollingByDir = new Map<string, yauzl.Entry[]>();
  const markersByDir = new Map<string, string[]>();
  const singles: ZipLog[] = [];
  for (const entry of entries) {
    const dir = posix.dirname(entry.fileName);
    const base = posix.basename(entry.fileName);
    if (isAppStatusMarker(base)) {
      markersByDir.set(dir, [...(markersByDir.get(dir) ?? []), base]);
    } else if (rollingPartIndex(base) !== undefined) {
      rollingByDir.set(dir, [...(rollingByDir.get(dir) ?? []), entry]);
    } else {
      singles.push({
        label: entry.fileName,
        rolling: false,
        entries: [entry],
        inProgress: parseEventLogFileName(base).inProgress,
      });
    }
  }
  const rolling = [...rollingByDir].map(([dir, parts]): ZipLog => {
    const ordered = orderRollingParts(parts.map((e) => ({ name: posix.basename(e.fileName), e }))).map((p) => p.e);
    return {
      label: dir === "." ? ordered[0]?.fileName ?? dir : `${dir}/`,
      rolling: true,
      entries: ordered,
      inProgress: (markersByDir.get(dir) ?? []).some(isInProgressMarker),
    };
  });
  return [...rolling, ...singles];
}

function matches(log: ZipLog, wanted: string): boolean {
  const trimmed = wanted.replace(/\/+$/, "");
  return (
    log.label.replace(/\/+$/, "") === trimmed ||
    log.entries.some((e) => e.fileName === wanted || posix.basename(e.fileName) === wanted)
  );
}

/**
 * An entry name that points outside the archive: `..` as a path segment, or an absolute path
 * (`/x`, `\\x`, `C:x`). yauzl refuses such entries; dra-sim refuses them, and such a
 * `--zip-entry`, with a message instead of a crash.
 */
export function unsafeZipName(name: string): string | undefined {
  const segments = name.split(/[/\\]+/);
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return "is an absolute path";
  if (segments.includes("..")) return 'has a ".." segment';
  return undefined;
}

/** The error for an archive holding an entry named outside it (yauzl's message names the entry). */
function unsafeEntryError(path: string, e: Error): EventLogError {
  return new EventLogError(
    "not-event-log",
    path,
    `${path}: the zip holds an entry refused for its name (${e.message}): a name with ".." or an absolute path points outside the archive, so dra-sim reads no zip that holds one. Unpack the log you want with a tool you trust and pass it instead.`,
    { cause: e },
  );
}

export async function openZipEventLog(path: string, options: OpenEventLogOptions): Promise<EventLogSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (e) {
    throw new EventLogError("not-event-log", path, `${path} is not a readable zip archive: ${(e as Error).message}`, {
      cause: e,
    });
  }
  try {
    if (options.zipEntry !== undefined) {
      const unsafe = unsafeZipName(options.zipEntry);
      if (unsafe !== undefined) {
        throw new EventLogError("not-found", path, `${path}: --zip-entry ${JSON.stringify(options.zipEntry)} ${unsafe}: give the name of an entry as the archive lists it (no "..", not absolute)`);
      }
    }
    const entries: yauzl.Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        if (!isIgnorable(entry.fileName)) entries.push(entry);
      }
    } catch (e) {
      // yauzl validates each name: "invalid relative path: ../x", "absolute path: /x".
      const message = (e as Error).message;
      if (/^(invalid relative path|absolute path|invalid characters in fileName):/.test(message)) throw unsafeEntryError(path, e as Error);
      throw new EventLogError("corrupt-data", path, `${path}: corrupt zip archive: ${message}`, { cause: e });
    }
    const logs = groupLogs(entries);
    let chosen: ZipLog | undefined;
    if (options.zipEntry !== undefined) {
      chosen = logs.find((l) => matches(l, options.zipEntry!));
      if (chosen === undefined) {
        throw new EventLogError(
          "not-found",
          path,
          `${path} has no entry "${options.zipEntry}"; it holds: ${logs.map((l) => l.label).join(", ")}. Choose one of them with --zip-entry NAME.`,
        );
      }
    } else if (logs.length === 1) {
      chosen = logs[0];
    } else if (logs.length === 0) {
      throw new EventLogError("not-event-log", path, `${path} is a zip archive without any file`);
    } else {
      throw new EventLogError(
        "ambiguous",
        path,
        `${path} holds ${logs.length} event logs: ${logs.map((l) => l.label).join(", ")}. ` +
          `Choose one with --zip-entry NAME (the zipEntry option in the API), e.g. --zip-entry ${logs[0]!.label}`,
      );
    }
    if (chosen!.rolling) {
      const named = chosen!.entries.map((e) => ({ name: posix.basename(e.fileName) }));
      const missing = missingRollingIndices(named);
      if (missing.length > 0) throw new EventLogError("missing-parts", path, missingRollingPartsMessage(`${path}: ${chosen!.label}`, missing, named));
    }
    const parts = chosen!.entries.map(
      (entry): EventLogPart => ({
        name: entry.fileName,
        codec: parseEventLogFileName(posix.basename(entry.fileName)).codec,
        openBytes: () => entryBytes(zip, entry),
      }),
    );
    return {
      path,
      container: "zip",
      parts,
      inProgress: chosen!.inProgress,
      close: async () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

async function* entryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncGenerator<Uint8Array> {
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (e) {
    throw new EventLogError("corrupt-data", entry.fileName, `cannot open zip entry ${entry.fileName}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    throw new EventLogError("corrupt-data", entry.fileName, `corrupt zip entry ${entry.fileName}: ${(e as Error).message}`, {
      cause: e,
    });
  } finally {
    stream.destroy();
  }
}
