/**
 * Finds the parts of one event log behind a path, without reading them:
 * a single file (optionally compressed and/or `.inprogress`), a rolling
 * directory `eventlog_v2_<appId>/`, a legacy 1.x directory (`EVENT_LOG_1`),
 * a directory holding a single log file, or a History Server zip download.
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { EventLogError } from "./EventLogError.js";
import type { EventLogCodec, EventLogContainer } from "./EventLogReadReport.js";
import {
  isAppStatusMarker,
  legacyCodecFromMarker,
  orderRollingParts,
  parseEventLogFileName,
  rollingPartIndex,
} from "./eventLogFileName.js";
import { openZipEventLog } from "./openZipEventLog.js";

export interface EventLogPart {
  /** File name, or entry name inside a zip. */
  readonly name: string;
  /** Codec from the name; "none" parts are sniffed again from their first bytes. */
  readonly codec: EventLogCodec;
  /** The part's raw (still compressed) bytes. */
  readonly openBytes: () => AsyncIterable<Uint8Array>;
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
  /** For a zip holding several logs: the entry (or rolling directory) to read. */
  readonly zipEntry?: string;
}

/** Read in big chunks: fewer async steps per MB; memory stays bounded by this size. */
const READ_CHUNK_BYTES = 256 * 1024;

/** Lazy: the file is opened on the first read, and closed when the consumer stops. */
function fileBytes(path: string): () => AsyncIterable<Uint8Array> {
  return async function* () {
    const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      throw ioError(path, e);
    } finally {
      stream.destroy();
    }
  };
}

function filePart(dir: string, name: string): EventLogPart {
  return { name, codec: parseEventLogFileName(name).codec, openBytes: fileBytes(join(dir, name)) };
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
  if (name.toLowerCase().endsWith(".zip")) return openZipEventLog(path, options);
  const parsed = parseEventLogFileName(name);
  return {
    path,
    container: "file",
    parts: [{ name, codec: parsed.codec, openBytes: fileBytes(path) }],
    inProgress: parsed.inProgress,
    close: closeNothing,
  };
}

/** Hidden files and Hadoop `.crc` side files are never log parts. */
function isIgnorable(name: string): boolean {
  return name.startsWith(".") || name.endsWith(".crc");
}

async function openDirectory(path: string, options: OpenEventLogOptions): Promise<EventLogSource> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (e) {
    throw ioError(path, e);
  }
  const files = entries
    .filter((e) => e.isFile() && !isIgnorable(e.name))
    .map((e) => e.name)
    .sort();

  if (files.some((f) => rollingPartIndex(f) !== undefined)) {
    const parts = orderRollingParts(files.map((name) => ({ name })));
    return {
      path,
      container: "rolling-dir",
      parts: parts.map((p) => filePart(path, p.name)),
      // Spark renames appstatus_<appId>.inprogress to appstatus_<appId> when the app stops.
      inProgress: files.some((f) => isAppStatusMarker(f) && f.endsWith(".inprogress")),
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
      parts: legacyParts.map((name) => ({ name, codec, openBytes: fileBytes(join(path, name)) })),
      inProgress: !files.includes("APPLICATION_COMPLETE"),
      close: closeNothing,
    };
  }

  const candidates = files.filter((f) => !isAppStatusMarker(f));
  if (candidates.length === 0) {
    throw new EventLogError("not-event-log", path, `${path} is a directory without an event-log file`);
  }
  if (candidates.length > 1) {
    const shown = candidates.slice(0, 20).join(", ");
    const more = candidates.length > 20 ? `, and ${candidates.length - 20} more` : "";
    throw new EventLogError(
      "ambiguous",
      path,
      `${path} holds ${candidates.length} files, not one event log: ${shown}${more}. Pass one of them.`,
    );
  }
  const only = candidates[0]!;
  return openEventLog(join(path, only), options);
}
