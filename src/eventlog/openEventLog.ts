/**
 * Finds the parts of one event log behind a path, without reading them:
 * a single file (optionally compressed and/or `.inprogress`), a rolling
 * directory `eventlog_v2_<appId>/`, a legacy 1.x directory (`EVENT_LOG_1`),
 * a directory holding a single log file, or a History Server zip download.
 */
import { type FileHandle, open, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { EventLogError } from "./EventLogError.js";
import { NOT_EVENT_LOG_LINES } from "./EventLineParser.js";
import type { EventLogCodec, EventLogContainer } from "./EventLogReadReport.js";
import { sniffCodec } from "./decompressChunks.js";
import {
  isAppStatusMarker,
  isHiddenOrChecksumFile,
  isInProgressMarker,
  legacyCodecFromMarker,
  missingRollingIndices,
  missingRollingPartsMessage,
  orderRollingParts,
  parseEventLogFileName,
  rollingPartIndex,
} from "./eventLogFileName.js";

export interface EventLogPart {
  /** File name, or entry name inside a zip. */
  readonly name: string;
  /** Codec from the name; "none" parts are sniffed again from their first bytes. */
  readonly codec: EventLogCodec;
  /** The part's raw (still compressed) bytes. */
  readonly openBytes: () => AsyncIterable<Uint8Array>;
  /** Each chunk `openBytes` yields is overwritten once the next is asked for (a consumer keeping one copies it). */
  readonly reusesBuffers?: boolean;
}

export interface EventLogSource {
  readonly path: string;
  readonly container: EventLogContainer;
  readonly parts: readonly EventLogPart[];
  /** The log is marked as still being written. */
  readonly inProgress: boolean;
  close(): Promise<void>;
}

export interface OpenEventLogOptions {
  /** For a zip holding several logs: the entry (or rolling directory) to read (the CLI's `--zip-entry`). */
  readonly zipEntry?: string;
}

/** Read in big chunks: fewer async steps and buffers per MB (1 MiB: a third less CPU than 256 KiB); memory stays bounded by this size. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Lazy: the file is opened on the first read, and closed when the consumer stops. Two buffers
 * of READ_CHUNK_BYTES take turns (one is read into while the consumer has the other), so a
 * chunk yielded is valid only until the next one is asked for (`reusesBuffers`). A stream
 * allocating a buffer per chunk left up to 20 MiB of spent ones for the collector to free
 * (the replay bench's peak RSS).
 */
function fileBytes(path: string): () => AsyncIterable<Uint8Array> {
  return async function* () {
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (e) {
      throw ioError(path, e);
    }
    const buffers = [Buffer.allocUnsafeSlow(READ_CHUNK_BYTES), Buffer.allocUnsafeSlow(READ_CHUNK_BYTES)];
    let next = 0;
    const read = (): Promise<number> => {
      const pending = handle.read(buffers[next]!, 0, READ_CHUNK_BYTES, null).then((r) => r.bytesRead);
      // Awaited below, or in `finally` when the consumer stops first: never an unhandled rejection.
      pending.catch(() => {});
      return pending;
    };
    let pending: Promise<number> | undefined = read();
    try {
      for (;;) {
        const bytesRead = await pending;
        pending = undefined;
        if (bytesRead === 0) return;
        const chunk = buffers[next]!.subarray(0, bytesRead);
        next ^= 1;
        pending = read();
        yield chunk;
      }
    } catch (e) {
      throw ioError(path, e);
    } finally {
      await pending?.catch(() => {});
      await handle.close();
    }
  };
}

function filePart(dir: string, name: string): EventLogPart {
  return { name, codec: parseEventLogFileName(name).codec, openBytes: fileBytes(join(dir, name)), reusesBuffers: true };
}

async function closeNothing(): Promise<void> {}

function ioError(path: string, e: unknown): EventLogError {
  const code = (e as { code?: unknown }).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new EventLogError("not-found", path, `event log not found: ${path} does not exist`, { cause: e });
  }
  return new EventLogError("unreadable", path, `cannot read ${path}: ${(e as Error).message}`, { cause: e });
}

export async function openEventLog(path: string, options: OpenEventLogOptions = {}): Promise<EventLogSource> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw ioError(path, e);
  }
  if (info.isDirectory()) return openDirectory(path, options);
  if (!info.isFile()) throw new EventLogError("unreadable", path, `${path} is neither a file nor a directory`);
  const name = basename(path);
  // yauzl is loaded only for History Server zips.
  if (name.toLowerCase().endsWith(".zip")) return (await import("./openZipEventLog.js")).openZipEventLog(path, options);
  const parsed = parseEventLogFileName(name);
  return {
    path,
    container: "file",
    parts: [{ name, codec: parsed.codec, openBytes: fileBytes(path), reusesBuffers: true }],
    inProgress: parsed.inProgress,
    close: closeNothing,
  };
}

async function openDirectory(path: string, options: OpenEventLogOptions): Promise<EventLogSource> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (e) {
    throw ioError(path, e);
  }
  const files = entries
    .filter((e) => e.isFile() && !isHiddenOrChecksumFile(e.name))
    .map((e) => e.name)
    .sort();

  if (files.some((f) => rollingPartIndex(f) !== undefined)) {
    const parts = orderRollingParts(files.map((name) => ({ name })));
    const missing = missingRollingIndices(parts);
    if (missing.length > 0) throw new EventLogError("missing-parts", path, missingRollingPartsMessage(path, missing, parts));
    return {
      path,
      container: "rolling-dir",
      parts: parts.map((p) => filePart(path, p.name)),
      inProgress: files.some(isInProgressMarker),
      close: closeNothing,
    };
  }

  const legacyParts = files.filter((f) => /^EVENT_LOG_\d+$/.test(f));
  if (legacyParts.length > 0) {
    // Spark 1.0-1.2 layout (removed by SPARK-12790): EVENT_LOG_n + SPARK_VERSION_x + APPLICATION_COMPLETE.
    const marker = files.find((f) => f.startsWith("COMPRESSION_CODEC_"));
    const codec = marker === undefined ? "none" : legacyCodecFromMarker(marker);
    legacyParts.sort((a, b) => Number(a.slice(10)) - Number(b.slice(10)));
    return {
      path,
      container: "legacy-dir",
      parts: legacyParts.map((name) => ({ name, codec, openBytes: fileBytes(join(path, name)), reusesBuffers: true })),
      inProgress: !files.includes("APPLICATION_COMPLETE"),
      close: closeNothing,
    };
  }

  const candidates = files.filter((f) => !isAppStatusMarker(f));
  const subdirs = entries.filter((e) => e.isDirectory() && !isHiddenOrChecksumFile(e.name)).map((e) => `${e.name}/`).sort();
  // Only files that look like event logs are candidates: a README or notes file next to a
  // log is not read (and never blamed on the directory).
  const logs: string[] = [];
  for (const f of candidates) if (await looksLikeEventLog(path, f)) logs.push(f);
  if (logs.length === 1) return openEventLog(join(path, logs[0]!), options);
  if (logs.length > 1) {
    const others = candidates.length > logs.length ? `; other files: ${listNames(candidates.filter((f) => !logs.includes(f)))}` : "";
    throw new EventLogError(
      "ambiguous",
      path,
      `${path} holds ${logs.length} event logs, not one: ${listNames(logs)}${others}. Pass one of them.`,
    );
  }
  const inside = subdirs.length === 0 ? "" : `; it holds ${subdirs.length} director${subdirs.length === 1 ? "y" : "ies"}: ${listNames(subdirs)}`;
  const what =
    candidates.length === 0
      ? `${path} is a directory without an event-log file`
      : candidates.length === 1
        ? `${path} is a directory without an event-log file: its only file, ${candidates[0]}, is not a Spark event log`
        : `${path} is a directory without an event-log file: none of its ${candidates.length} files is a Spark event log (${listNames(candidates)})`;
  throw new EventLogError(
    "not-event-log",
    path,
    `${what}${inside}. Pass an event-log file, a rolling eventlog_v2_* directory or a History Server zip.`,
  );
}

/** At most 20 names, then how many more. */
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(", ");
  return names.length > 20 ? `${shown}, and ${names.length - 20} more` : shown;
}

/** Bytes read from the start of a file to tell whether it is an event log. */
const SNIFF_BYTES = 4096;
const EVENT_LINE = /^\s*\{\s*"Event"\s*:/;

/**
 * Whether a file in a directory looks like an event log, from its name and first bytes:
 * a zip or a codec suffix, compressed data, or one of its first lines a JSON object whose
 * first key is "Event" (Spark writes it first). The reader still checks every line.
 */
async function looksLikeEventLog(dir: string, name: string): Promise<boolean> {
  if (name.toLowerCase().endsWith(".zip") || parseEventLogFileName(name).codec !== "none") return true;
  let bytes: Uint8Array;
  try {
    const handle = await open(join(dir, name), "r");
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      bytes = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw ioError(join(dir, name), e);
  }
  if (sniffCodec(bytes) !== "none") return true;
  const text = Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, "");
  // The reader tolerates a few bad lines before the first event: look at as many.
  const lines = text.split("\n").filter((l) => l.trim() !== "").slice(0, NOT_EVENT_LOG_LINES);
  return lines.some((l) => EVENT_LINE.test(l));
}
