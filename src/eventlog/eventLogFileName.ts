/**
 * What an event-log file name says: codec suffix, `.inprogress`, rolling part
 * index. Names follow Spark's EventLogFileWriter: `<appId>[_<attempt>][.<codec>][.inprogress]`,
 * rolling parts `events_<n>_<appId>[.<codec>][.compact]` in `eventlog_v2_<appId>/`.
 */
import type { EventLogCodec } from "./EventLogReadReport.js";

const CODEC_BY_SUFFIX: ReadonlyMap<string, EventLogCodec> = new Map([
  ["gz", "gzip"],
  ["zstd", "zstd"],
  ["zst", "zstd"],
  ["lz4", "lz4"],
  ["snappy", "snappy"],
  ["lzf", "lzf"],
]);

export const IN_PROGRESS_SUFFIX = ".inprogress";
const COMPACT_SUFFIX = ".compact";

export interface EventLogFileName {
  /** Name without codec, `.compact` and `.inprogress` suffixes. */
  readonly base: string;
  readonly codec: EventLogCodec;
  readonly inProgress: boolean;
  readonly compact: boolean;
}

export function parseEventLogFileName(name: string): EventLogFileName {
  let base = name;
  const inProgress = base.endsWith(IN_PROGRESS_SUFFIX);
  if (inProgress) base = base.slice(0, -IN_PROGRESS_SUFFIX.length);
  const compact = base.endsWith(COMPACT_SUFFIX);
  if (compact) base = base.slice(0, -COMPACT_SUFFIX.length);
  let codec: EventLogCodec = "none";
  const dot = base.lastIndexOf(".");
  if (dot > 0) {
    const known = CODEC_BY_SUFFIX.get(base.slice(dot + 1).toLowerCase());
    if (known !== undefined) {
      codec = known;
      base = base.slice(0, dot);
    }
  }
  return { base, codec, inProgress, compact };
}

const ROLLING_PART = /^events_(\d+)_(.+)$/;

/** Index n of a rolling part `events_<n>_<appId>...`, or undefined. */
export function rollingPartIndex(name: string): number | undefined {
  const m = ROLLING_PART.exec(name);
  return m === null ? undefined : Number(m[1]);
}

export function isAppStatusMarker(name: string): boolean {
  return name.startsWith("appstatus_");
}

/** A rolling log's `appstatus_<appId>.inprogress`: Spark renames it to `appstatus_<appId>` when the app stops. */
export function isInProgressMarker(name: string): boolean {
  return isAppStatusMarker(name) && name.endsWith(IN_PROGRESS_SUFFIX);
}

/** Hidden files and Hadoop `.crc` side files (by base name) are never log parts. */
export function isHiddenOrChecksumFile(baseName: string): boolean {
  return baseName.startsWith(".") || baseName.endsWith(".crc");
}

/** Codec named by a legacy (Spark 1.0-1.2) `COMPRESSION_CODEC_<class or short name>` marker file. */
export function legacyCodecFromMarker(name: string): EventLogCodec {
  const codec = name.slice("COMPRESSION_CODEC_".length).toLowerCase();
  if (codec.includes("lz4")) return "lz4";
  if (codec.includes("lzf")) return "lzf";
  if (codec.includes("snappy")) return "snappy";
  if (codec.includes("zstd")) return "zstd";
  return "none";
}

/**
 * Rolling parts in reading order. A compacted file (`.compact`) replaces every
 * part up to its index, as RollingEventLogFilesFileReader reads them.
 */
export function orderRollingParts<T extends { readonly name: string }>(files: readonly T[]): T[] {
  const parts = files
    .map((f) => ({ f, index: rollingPartIndex(f.name), compact: parseEventLogFileName(f.name).compact }))
    .filter((p): p is { f: T; index: number; compact: boolean } => p.index !== undefined);
  const lastCompact = parts.filter((p) => p.compact).reduce((max, p) => Math.max(max, p.index), -1);
  return parts
    .filter((p) => (p.compact ? p.index === lastCompact : p.index > lastCompact))
    .sort((a, b) => a.index - b.index)
    .map((p) => p.f);
}

/**
 * Indices missing from rolling parts in reading order (`orderRollingParts`). The writer
 * starts at `events_1_` and Spark's RollingEventLogFilesFileReader refuses a gap ("Found
 * missing event log file"): a log whose first part is not 1 (nor a compacted file, which
 * replaces the parts before it) or that skips an index has lost events, and reading it as
 * if it were whole would be a silently wrong workload.
 */
export function missingRollingIndices(ordered: readonly { readonly name: string }[]): number[] {
  const first = ordered[0];
  if (first === undefined) return [];
  const indices = ordered.map((p) => rollingPartIndex(p.name)!);
  const from = parseEventLogFileName(first.name).compact ? indices[0]! : 1;
  const present = new Set(indices);
  const missing: number[] = [];
  for (let i = from; i <= indices[indices.length - 1]!; i++) if (!present.has(i)) missing.push(i);
  return missing;
}

/** The error text for `missingRollingIndices`: which parts are missing, which were found, and why it matters. */
export function missingRollingPartsMessage(path: string, missing: readonly number[], ordered: readonly { readonly name: string }[]): string {
  const shown = missing.slice(0, 10).map((i) => `events_${i}_*`);
  const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : "";
  const found = ordered.map((p) => p.name);
  const foundShown = found.length > 10 ? `${found.slice(0, 10).join(", ")}, ... (${found.length} parts)` : found.join(", ");
  const firstPresent = rollingPartIndex(found[0] ?? "") ?? 1;
  const why: string[] = [];
  if (missing.some((i) => i < firstPresent)) why.push("the first part holds the application start and the configuration");
  if (missing.some((i) => i > firstPresent)) why.push(`Spark's History Server refuses a gap too, with "Found missing event log file"`);
  return (
    `${path} is a rolling event log with missing parts: ${shown.join(", ")}${more} (found ${foundShown}); ` +
    `its events would be incomplete: ${why.join("; ")}. Copy the missing files next to the others`
  );
}
