/**
 * The one error type of scenario loading. Like zod's ZodError it holds every issue found,
 * each with a path inside the file, a code and a message naming the bad value and the fix.
 */

import { DraSimError } from "../../sim/errors.js";

export type ScenarioIssueCode =
  /** The file is not valid YAML or JSON (the issue carries line and column). */
  | "syntax-error"
  | "file-not-found"
  /** The path exists but cannot be read (a directory, permissions, ...). */
  | "file-unreadable"
  /** A value has the wrong type (a string where a number belongs, ...). */
  | "invalid-type"
  | "required"
  /** A key the format does not know: a silently ignored typo would give a wrong answer. */
  | "unknown-key"
  /** A key given twice (also a nested conf key that flattens onto a dotted one). */
  | "duplicate-key"
  | "not-integer"
  | "too-small"
  | "too-big"
  /** A value of the right type outside the allowed set (a distribution name, a version, ...). */
  | "invalid-value"
  /** A task-duration list whose length is not the stage's task count. */
  | "length-mismatch"
  /** Two keys that exclude each other (submitAtMs and afterPreviousMs). */
  | "conflicting-keys"
  | "duplicate-stage-id"
  | "duplicate-shuffle-id"
  | "unknown-parent"
  | "later-parent"
  | "self-parent"
  | "duplicate-parent"
  /** A resource profile name used twice, or a stage naming a profile that is not listed. */
  | "duplicate-profile"
  | "unknown-profile"
  /** Something the model does not cover (resource profiles with shared cluster capacity, ...): the message says what. */
  | "not-modelled"
  | "cycle"
  /** A chain of parent stages longer than MAX_STAGE_CHAIN (the engine recurses along it). */
  | "too-deep"
  /** A number beyond what the engine handles (tasks, executors, simulated time): the message names the limit. */
  | "over-limit"
  /** A stage that other stages read from but that writes no shuffle. */
  | "parent-without-shuffle"
  /** A Spark version (given, or implied by an EMR release) the model does not cover. */
  | "unsupported-version"
  /** A jobRequest given as a path where no file can be read (in-memory validation). */
  | "job-request-unresolved"
  /** A spark-submit option spark-submit itself would reject. */
  | "unknown-option"
  /** A spark-submit option without its value, or a --conf without "=". */
  | "invalid-option";

export interface ScenarioIssue {
  /** Where in the document: `workload.jobs[2].stages[0].tasks`; "" for the document itself. */
  readonly path: string;
  readonly code: ScenarioIssueCode;
  /** What is wrong, the bad value and what is allowed; without the path. */
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** The file the issue is in, when it is not the scenario file (a referenced job request). */
  readonly file?: string;
  /** 1-based position in the file, when the text was parsed here. */
  readonly line?: number;
  readonly column?: number;
  /** For a "... and N more" line: the N problems it stands for (counted, not listed). */
  readonly unlisted?: number;
}

/** One line per issue: `file:line:col path: message`, parts omitted when unknown. */
export function formatScenarioIssue(issue: ScenarioIssue, source?: string): string {
  const file = issue.file ?? source;
  let where = "";
  if (issue.line !== undefined && file !== undefined) where = `${file}:${issue.line}:${issue.column ?? 1} `;
  else if (issue.file !== undefined) where = `${issue.file}: `;
  const path = issue.path === "" ? "" : `${issue.path}: `;
  return `${where}${path}${issue.message}`;
}

/** How many issues of one file the message lists. */
export const MAX_LISTED_ISSUES = 50;

/** All issues of one file, the way the CLI prints them. */
export function formatScenarioIssues(source: string, issues: readonly ScenarioIssue[]): string {
  const total = issues.reduce((n, i) => n + (i.unlisted ?? 1), 0);
  const count = total === 1 ? "1 problem" : `${total} problems`;
  // A file of thousands of bad keys gets a screenful, not megabytes: the first ones, then a count.
  const shown = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  - ${formatScenarioIssue(i, source)}`);
  const rest = issues.length - shown.length;
  if (rest > 0) shown.push(`  ... and ${rest} more (the first ${MAX_LISTED_ISSUES} are listed; fix these and run again)`);
  return [`invalid scenario ${source} (${count}):`, ...shown].join("\n");
}

export class ScenarioError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "ScenarioError";
  constructor(
    /** The scenario (or job request) file, or the name given to in-memory text. */
    readonly source: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(formatScenarioIssues(source, issues));
  }
}
