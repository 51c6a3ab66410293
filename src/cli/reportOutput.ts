import type { ReportData } from "../report/html/reportData.js";
import { resolve } from "node:path";
import { checkOutputPath, writeLines, UsageError, type CliIO } from "./io.js";
import { canonicalPath } from "./outputFile.js";

/** `--report FILE.html`, shared by run, check, replay, sweep and merge. */
export const reportOptionSpec = {
  type: "string",
  describe: "write a self-contained HTML report (executor timeline, swim-lanes, and the replay or sweep charts) to FILE.html; it opens offline in any browser",
} as const;

/** Checks `--report` before any work (undefined when not asked for); it is never stdout. */
export function checkReportPath(
  io: CliIO,
  path: string | undefined,
  force: boolean,
  others: ReadonlyArray<string | undefined> = [],
  inputs: ReadonlyArray<string | undefined> = [],
): string | undefined {
  if (path === undefined) return undefined;
  if (path === "-" || path.trim() === "") throw new UsageError(`--report ${path}: give a file name, e.g. --report run.html`);
  const same = (p: string | undefined): boolean => p !== undefined && p !== "-" && canonicalPath(resolve(io.cwd, p)) === canonicalPath(resolve(io.cwd, path));
  if (others.some(same)) throw new UsageError(`--report ${path}: another output option names the same file; give each its own`);
  return checkOutputPath(io, path, force, "--report", inputs);
}

/**
 * Builds and writes the report. The report code (and uPlot) is loaded only here, so commands
 * run without --report never load it.
 */
export async function writeReport(io: CliIO, path: string, build: (html: typeof import("../report/html/index.js")) => ReportData, force = false): Promise<void> {
  const html = await import("../report/html/index.js");
  await writeLines(io, path, [html.renderReportHtml(build(html))], force);
}
