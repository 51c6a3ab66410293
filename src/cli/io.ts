import { accessSync, constants, createWriteStream, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { once } from "node:events";
import { stringify } from "csv-stringify";

/** Where the CLI writes: injected so tests can run it in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stderrIsTTY: boolean;
  readonly cwd: string;
}

/** A problem the user can fix (bad argument, existing output file, ...): exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Checks an output path before any work: its directory exists and is writable, it is not a
 * directory, and a file the user owns is not overwritten unless --force was given.
 */
export function checkOutputPath(io: CliIO, path: string, force: boolean, option: string): string {
  if (path === "-") return path;
  const full = resolve(io.cwd, path);
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

/** Refuses one file named by two output options (the second would overwrite the first). */
export function checkDistinctOutputs(outputs: ReadonlyArray<readonly [option: string, path: string | undefined]>): void {
  const seen = new Map<string, string>();
  for (const [option, path] of outputs) {
    if (path === undefined || path === "-") continue;
    const other = seen.get(path);
    if (other !== undefined) throw new UsageError(`${other} and ${option} name the same file ${path}: give each its own`);
    seen.set(path, option);
  }
}

/** A write that failed (disk full, a path removed meanwhile) is the user's to fix, not a crash. */
function writeFailed(path: string, e: unknown): UsageError {
  return new UsageError(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
}

/** Writes lines (already newline-terminated) to a file, or to stdout for "-". */
export async function writeLines(io: CliIO, path: string, lines: Iterable<string>): Promise<void> {
  if (path === "-") {
    for (const line of lines) io.stdout(line);
    return;
  }
  const out = createWriteStream(path);
  const failed = once(out, "error").then(([e]) => Promise.reject(writeFailed(path, e)));
  failed.catch(() => {});
  try {
    for (const line of lines) {
      if (!out.write(line)) await Promise.race([once(out, "drain"), failed]);
    }
    out.end();
    await Promise.race([once(out, "finish"), failed]);
  } catch (e) {
    throw e instanceof UsageError ? e : writeFailed(path, e);
  }
}

/** Writes CSV rows through csv-stringify, streaming (timelines can have millions of rows). */
export async function writeCsv(io: CliIO, path: string, header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): Promise<void> {
  const csv = stringify({ header: true, columns: [...header] });
  const chunks: string[] = [];
  const sink = path === "-" ? undefined : createWriteStream(path);
  const failed = sink === undefined ? undefined : once(sink, "error").then(([e]) => Promise.reject(writeFailed(path, e)));
  failed?.catch(() => {});
  if (sink !== undefined) csv.pipe(sink);
  else csv.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
  for (const row of rows) {
    if (!csv.write(row)) await (failed === undefined ? once(csv, "drain") : Promise.race([once(csv, "drain"), failed]));
  }
  csv.end();
  if (sink !== undefined) await Promise.race([once(sink, "finish"), failed!]);
  else {
    await once(csv, "end");
    io.stdout(chunks.join(""));
  }
}

/** Parses repeated `--conf key=value` arguments (Spark's own syntax). */
export function parseConfArgs(values: string | readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values === undefined ? [] : typeof values === "string" ? [values] : values) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`--conf ${v}: expected key=value, e.g. --conf spark.dynamicAllocation.maxExecutors=50`);
    out[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return out;
}
