import { createWriteStream, existsSync, statSync } from "node:fs";
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

/** Refuses to overwrite a file the user owns unless --force was given. */
export function checkOutputPath(io: CliIO, path: string, force: boolean, option: string): string {
  if (path === "-") return path;
  const full = resolve(io.cwd, path);
  const dir = dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${option} ${path}: directory ${dir} does not exist`);
  }
  if (existsSync(full) && !force) {
    throw new UsageError(`${option} ${path}: file exists; pass --force to overwrite it`);
  }
  return full;
}

/** Writes lines (already newline-terminated) to a file, or to stdout for "-". */
export async function writeLines(io: CliIO, path: string, lines: Iterable<string>): Promise<void> {
  if (path === "-") {
    for (const line of lines) io.stdout(line);
    return;
  }
  const out = createWriteStream(path);
  for (const line of lines) {
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** Writes CSV rows through csv-stringify, streaming (timelines can have millions of rows). */
export async function writeCsv(io: CliIO, path: string, header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): Promise<void> {
  const csv = stringify({ header: true, columns: [...header] });
  const chunks: string[] = [];
  const sink = path === "-" ? undefined : createWriteStream(path);
  if (sink !== undefined) csv.pipe(sink);
  else csv.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
  for (const row of rows) {
    if (!csv.write(row)) await once(csv, "drain");
  }
  csv.end();
  if (sink !== undefined) await once(sink, "finish");
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
