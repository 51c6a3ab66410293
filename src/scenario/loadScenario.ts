import { readdir } from "node:fs/promises";
import { readCapped } from "./readCapped.js";
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import type { Scenario } from "../../sim/index.js";
import { unwrap } from "../../sim/errors.js";
import { sniffCodec } from "../eventlog/sniffCodec.js";
import { safeParseEmrJobRequest, type ParsedJobRequest } from "./emrJobRequest.js";
import { isPlainObject } from "./fieldReaders.js";
import { ScenarioError, type ScenarioIssue } from "./ScenarioError.js";
import { parseJsonText } from "./jsonText.js";
import type { ParsedText, TextFormat } from "./parsedText.js";
import { validateScenario, type JobRequestFile } from "./validateScenario.js";

export type ScenarioFormat = TextFormat;

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly warnings: readonly string[];
  /** The scenario file (or the name given to in-memory text). */
  readonly source: string;
  /** The job request the scenario referenced, with what was ignored from it. */
  readonly jobRequest?: ParsedJobRequest;
}

/** `.json` is JSON; `.yaml`, `.yml` and anything else is YAML, which reads JSON too. */
export function formatOfPath(path: string): ScenarioFormat {
  return extname(path).toLowerCase() === ".json" ? "json" : "yaml";
}

/** A file's bytes, or a `ScenarioError` naming the path as given (never a raw Node error). */
async function readFileBytes(path: string, cwd?: string): Promise<Buffer> {
  const full = cwd === undefined ? path : resolve(cwd, path);
  let bytes: Buffer | undefined;
  try {
    bytes = await readCapped(full, MAX_SCENARIO_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const issue: ScenarioIssue =
      code === "ENOENT"
        ? { path: "", code: "file-not-found", message: `file not found: ${path}`, value: path }
        : code === "EISDIR" && (await isEventLogDirectory(full))
          ? eventLogIssue(path, "a Spark event-log directory")
          : { path: "", code: "file-unreadable", message: `cannot read ${path}: ${code === "EISDIR" ? "it is a directory" : (code ?? (e as Error).message)}`, value: path };
    throw new ScenarioError(path, [issue]);
  }
  if (bytes === undefined) {
    throw new ScenarioError(path, [{ path: "", code: "file-unreadable", message: `${path} holds more than ${MAX_SCENARIO_BYTES / 2 ** 20} MiB (or has no end, as /dev/zero): a scenario or job request is a few KB; see README "Limits"`, value: path }]);
  }
  return bytes;
}

/** The largest scenario or job-request file read (a device such as /dev/zero would never end). */
export const MAX_SCENARIO_BYTES = 16 * 2 ** 20;

async function readTextFile(path: string, cwd?: string): Promise<string> {
  return (await readFileBytes(path, cwd)).toString("utf8");
}

/** A rolling `eventlog_v2_*` or legacy 1.x log directory (by its name or its parts). */
async function isEventLogDirectory(dir: string): Promise<boolean> {
  if (basename(dir).startsWith("eventlog_v2_")) return true;
  try {
    return (await readdir(dir)).some((f) => /^events_\d+_/.test(f) || /^EVENT_LOG_\d+$/.test(f));
  } catch {
    return false;
  }
}

/** Spark's JsonProtocol writes "Event" first: every event-log line starts like this. */
const EVENT_LOG_LINE = /^\s*\{\s*"Event"\s*:\s*"SparkListener/;

/**
 * What a file that is not scenario text is, when it can be told from its first bytes: a
 * Spark event log (plain, or compressed with one of Spark's codecs). Parsing it as YAML
 * would report every one of its lines as a syntax error.
 */
function nonScenarioKind(bytes: Buffer): string | undefined {
  const codec = sniffCodec(bytes.subarray(0, 16));
  if (codec !== "none") return `${codec}-compressed data (a compressed Spark event log?)`;
  const start = bytes.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "");
  return EVENT_LOG_LINE.test(start) ? "a Spark event log" : undefined;
}

function eventLogIssue(path: string, what: string): ScenarioIssue {
  return {
    path: "",
    code: "invalid-value",
    message:
      `${path} is ${what}, not a scenario: replay it with \`dra-sim replay ${path}\` ` +
      `or turn it into a scenario with \`dra-sim import ${path} -o scenario.yaml\``,
    value: path,
  };
}

/** YAML turns `sparkVersion: 4.0` into 4; the text as written ("4.0") is what the user meant. */
function keepVersionAsWritten(parsed: Extract<ParsedText, { ok: true }>): unknown {
  const value = parsed.value;
  const written = parsed.numberAsWritten("sparkVersion");
  if (!isPlainObject(value) || written === undefined) return value;
  return { ...value, sparkVersion: written };
}

/** The scenario of parsed text (shared with `loadScenarioText`). Throws `ScenarioError`. */
export function fromParsed(parsed: ParsedText, source: string, jobRequestFile: JobRequestFile | undefined): LoadedScenario {
  if (!parsed.ok) throw new ScenarioError(source, parsed.issues);
  const r = validateScenario(keepVersionAsWritten(parsed), source, {
    ...(parsed.locate === undefined ? {} : { locate: parsed.locate }),
    ...(jobRequestFile === undefined ? {} : { jobRequestFile }),
  });
  if (!r.ok) throw new ScenarioError(source, r.issues);
  const warnings = [...parsed.warnings, ...r.warnings];
  return { scenario: r.scenario, warnings, source, ...(r.jobRequest === undefined ? {} : { jobRequest: r.jobRequest }) };
}

/** A file's text parsed: the YAML reader (and the yaml library) is loaded only for a YAML file. */
async function parseFileText(text: string, format: ScenarioFormat): Promise<ParsedText> {
  if (format === "json") return parseJsonText(text);
  const { parseYamlText } = await import("./yamlText.js");
  return parseYamlText(text);
}

/**
 * Reads a scenario file (YAML or JSON by extension), and the job request file it names
 * (relative to the scenario's directory). Every user error is a `ScenarioError` naming the
 * file: syntax errors with line:column, validation issues with their paths. A relative
 * `path` is read from `cwd` when given (the CLI's working directory), and reported as given.
 */
export async function loadScenarioFile(path: string, cwd?: string, options: { readonly jobRequestPath?: string } = {}): Promise<LoadedScenario> {
  const bytes = await readFileBytes(path, cwd);
  const kind = nonScenarioKind(bytes);
  if (kind !== undefined) throw new ScenarioError(path, [eventLogIssue(path, kind)]);
  const parsed = await parseFileText(bytes.toString("utf8"), formatOfPath(path));
  // The CLI's --job-request stands in for the file's jobRequest (same precedence and checks),
  // but its path is relative to the working directory.
  const override = options.jobRequestPath;
  if (override !== undefined && parsed.ok && isPlainObject(parsed.value)) {
    parsed.value["jobRequest"] = resolve(cwd ?? process.cwd(), override);
  }
  // validateScenario does no IO, so a referenced request file is read first.
  let request: JobRequestFile | undefined;
  if (parsed.ok && isPlainObject(parsed.value) && typeof parsed.value["jobRequest"] === "string" && parsed.value["jobRequest"].trim() !== "") {
    const ref = parsed.value["jobRequest"];
    const requestPath = isAbsolute(ref) ? ref : join(dirname(path), ref);
    try {
      request = { text: await readTextFile(requestPath, cwd), source: requestPath };
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      request = { issues: e.issues.map((i) => ({ ...i, message: `${i.message} (a jobRequest path is relative to the scenario file)` })) };
    }
  }
  return fromParsed(parsed, path, request);
}

/**
 * Reads a StartJobRun request file on its own (the CLI's `--job-request`): JSON, or the
 * shell heredoc that writes it. Throws `ScenarioError` naming the file.
 */
export async function parseEmrJobRequestFile(path: string, cwd?: string): Promise<ParsedJobRequest> {
  return unwrap(safeParseEmrJobRequest(await readTextFile(path, cwd), path));
}
