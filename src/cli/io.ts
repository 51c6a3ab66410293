import { accessSync, constants, existsSync, statSync, type WriteStream } from "node:fs";
import { readCappedSync } from "../scenario/readCapped.js";
import { dirname, resolve } from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { UsageError } from "./UsageError.js";
import { canonicalPath, writeOutputFile } from "./outputFile.js";

/** Where the CLI writes: injected so tests can run it in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stderrIsTTY: boolean;
  /** Whether stdout is a terminal (colour in the summary's chart); absent means not. */
  readonly stdoutIsTTY?: boolean;
  readonly cwd: string;
}

/** ANSI colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIO, stream: "stdout" | "stderr" = "stdout"): boolean {
  const noColor = process.env["NO_COLOR"];
  const tty = stream === "stdout" ? io.stdoutIsTTY === true : io.stderrIsTTY;
  return tty && (noColor === undefined || noColor === "");
}

export { UsageError } from "./UsageError.js";

/**
 * Checks an output path before any work: its directory exists and is writable, it is not a
 * directory, it is none of the command's input files (compared as real paths: never
 * overwritten, not even with --force), and a file the user owns is not overwritten unless
 * --force was given.
 */
export function checkOutputPath(io: CliIO, path: string, force: boolean, option: string, inputs: ReadonlyArray<string | undefined> = []): string {
  if (path === "-") return path;
  const full = resolve(io.cwd, path);
  const real = canonicalPath(full);
  for (const input of inputs) {
    if (input === undefined || input === "-") continue;
    if (canonicalPath(resolve(io.cwd, input)) === real) {
      throw new UsageError(`${option} ${path} is the input file ${input}: writing it would destroy the input (even with --force); give the output another name`);
    }
  }
  const dir = dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${option} ${path}: directory ${dir} does not exist`);
  }
  if (existsSync(full) && statSync(full).isDirectory()) {
    throw new UsageError(`${option} ${path}: is a directory; give a file name`);
  }
  try {
    accessSync(existsSync(full) ? full : dir, constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${path}: not writable (permission denied)`);
  }
  if (existsSync(full) && !force) {
    throw new UsageError(`${option} ${path}: file exists; pass --force to overwrite it`);
  }
  return full;
}

/**
 * Refuses one file named by two output options (the second would overwrite the first), and two
 * outputs sent to stdout ("-"), which would be concatenated into something neither reader parses.
 */
function checkDistinctOutputs(io: CliIO, outputs: ReadonlyArray<readonly [option: string, path: string | undefined]>): void {
  const seen = new Map<string, string>();
  for (const [option, given] of outputs) {
    if (given === undefined) continue;
    // Compared as real paths: o/x.csv, ./o/../o/x.csv and a link to it are one file.
    const path = given === "-" ? "-" : canonicalPath(resolve(io.cwd, given));
    const other = seen.get(path);
    if (other !== undefined) {
      throw new UsageError(
        path === "-"
          ? `${other} - and ${option} -: only one output can go to stdout; write the other to a file`
          : `${other} and ${option} name the same file ${given}: give each its own`,
      );
    }
    seen.set(path, option);
  }
}

/**
 * Where human text (a summary, a report, "wrote FILE") goes: stdout, unless an output was sent
 * there with "-", in which case stdout carries only that data and the text goes to stderr.
 */
export function humanText(io: CliIO, outputs: ReadonlyArray<string | undefined>): (text: string) => void {
  return outputs.includes("-") ? io.stderr : io.stdout;
}

/** Warnings go to stderr, always (never mixed into data, never hidden by --quiet). */
export function printWarnings(io: CliIO, warnings: Iterable<string>): void {
  for (const w of new Set(warnings)) io.stderr(`warning: ${w}\n`);
}

/** Where `run` and `replay` write their `--timeline`, `--events` and `--json` outputs (undefined: not asked for). */
interface OutputPaths {
  readonly timeline: string | undefined;
  readonly events: string | undefined;
  readonly json: string | undefined;
  /** --force: replace existing files (otherwise an output is only ever created). */
  readonly force: boolean;
}

/** Checks `--timeline`, `--events` and `--json` before any work: each names its own file, and each path is usable. */
export function checkOutputPaths(
  io: CliIO,
  args: { readonly timeline: string | undefined; readonly events: string | undefined; readonly json: string | undefined; readonly force: boolean },
  inputs: ReadonlyArray<string | undefined> = [],
): OutputPaths {
  checkDistinctOutputs(io, [
    ["--timeline", args.timeline],
    ["--events", args.events],
    ["--json", args.json],
  ]);
  const check = (path: string | undefined, option: string): string | undefined => (path === undefined ? undefined : checkOutputPath(io, path, args.force, option, inputs));
  return { timeline: check(args.timeline, "--timeline"), events: check(args.events, "--events"), json: check(args.json, "--json"), force: args.force };
}

/** What goes to each output, computed only for the outputs asked for. */
interface OutputContent {
  timeline(): { readonly header: readonly string[]; readonly rows: Iterable<ReadonlyArray<string | number>> };
  events(): Iterable<string>;
  json(): unknown;
}

/** Writes the outputs asked for: the timeline as CSV, the events as JSON lines, then the JSON. */
export async function writeOutputs(io: CliIO, paths: OutputPaths, content: OutputContent): Promise<void> {
  if (paths.timeline !== undefined) {
    const { header, rows } = content.timeline();
    await writeCsv(io, paths.timeline, header, rows, paths.force);
  }
  if (paths.events !== undefined) await writeLines(io, paths.events, content.events(), paths.force);
  if (paths.json !== undefined) await writeJson(io, paths.json, content.json(), paths.force);
}

/** A write that failed (disk full, a path removed meanwhile) is the user's to fix, not a crash. */
function writeFailed(path: string, e: unknown): UsageError {
  return new UsageError(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * Streams chunks into `out`, the file at `path`, through `head` when given (a stream piped into
 * the file), waiting whenever `head` is full; the file's own errors reject with a `UsageError`.
 */
async function streamToFile(out: WriteStream, path: string, chunks: Iterable<unknown>, head?: Writable): Promise<void> {
  const failed = once(out, "error").then(([e]) => Promise.reject(writeFailed(path, e)));
  failed.catch(() => {});
  if (head !== undefined) head.pipe(out);
  const into = head ?? out;
  try {
    for (const chunk of chunks) {
      if (!into.write(chunk)) await Promise.race([once(into, "drain"), failed]);
    }
    into.end();
    await Promise.race([once(out, "finish"), failed]);
  } catch (e) {
    // `once` rejects with the stream's own error (ENOSPC on /dev/full) before `failed` wraps it.
    throw e instanceof UsageError ? e : writeFailed(path, e);
  }
}

/**
 * Writes lines (already newline-terminated) to a file, or to stdout for "-". A file is written
 * whole or not at all (`writeOutputFile`); without `force` an existing file is never replaced.
 */
export async function writeLines(io: CliIO, path: string, lines: Iterable<string>, force = false): Promise<void> {
  if (path === "-") {
    for (const line of lines) io.stdout(line);
    return;
  }
  try {
    await writeOutputFile(path, force, (out) => streamToFile(out, path, lines));
  } catch (e) {
    throw e instanceof UsageError ? e : writeFailed(path, e);
  }
}

/** Writes a value as indented JSON and a newline, to a file or to stdout for "-". */
export function writeJson(io: CliIO, path: string, value: unknown, force = false): Promise<void> {
  return writeLines(io, path, [JSON.stringify(value, null, 2) + "\n"], force);
}

/** Writes CSV rows through csv-stringify, streaming (timelines can have millions of rows). */
async function writeCsv(io: CliIO, path: string, header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>, force: boolean): Promise<void> {
  // Loaded here, not at start-up: most commands and runs write no CSV.
  const { stringify } = await import("csv-stringify");
  const csv = stringify({ header: true, columns: [...header] });
  if (path !== "-") return writeOutputFile(path, force, (out) => streamToFile(out, path, rows, csv));
  const chunks: string[] = [];
  csv.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
  for (const row of rows) {
    if (!csv.write(row)) await once(csv, "drain");
  }
  csv.end();
  await once(csv, "end");
  io.stdout(chunks.join(""));
}

/** Reads a text file named on the command line, as a usage error when it cannot be read. */
export function readInputFile(io: CliIO, path: string): string {
  let bytes: Buffer | undefined;
  try {
    bytes = readCappedSync(resolve(io.cwd, path), MAX_INPUT_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === "ENOENT" ? "file not found" : `cannot read it (${code ?? (e as Error).message})`}`);
  }
  if (bytes === undefined) throw new UsageError(`${path}: holds more than ${MAX_INPUT_BYTES / 2 ** 20} MiB (or has no end, as /dev/zero); see README "Limits"`);
  return bytes.toString("utf8");
}

/** The largest text input read whole (a sweep CSV for merge; /dev/zero would never end). */
const MAX_INPUT_BYTES = 256 * 2 ** 20;

/** A repeatable string option as a list: yargs gives undefined, one string, or an array of them. */
export function listArg(values: string | readonly string[] | undefined): readonly string[] {
  return values === undefined ? [] : typeof values === "string" ? [values] : values;
}

/** Parses repeated `--conf key=value` arguments (Spark's own syntax). */
export function parseConfArgs(values: string | readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of listArg(values)) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`--conf ${v}: expected key=value, e.g. --conf spark.dynamicAllocation.maxExecutors=50`);
    out[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return out;
}
