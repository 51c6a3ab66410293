import type { ScenarioIssue, ScenarioIssueCode } from "./ScenarioError.js";

/** A path inside a parsed document: map keys and list indices, outermost first. */
export type IssuePath = readonly (string | number)[];

/** Finds where a path is in the source text (1-based), when the text is at hand. */
export type Locator = (path: IssuePath) => { readonly line: number; readonly column: number } | undefined;

// Dotted identifiers read best unquoted (`conf.spark.executor.cores`); anything else is quoted.
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*$/;

/** `["workload", "jobs", 2, "stages", 0, "tasks"]` -> `workload.jobs[2].stages[0].tasks`. */
export function formatPath(path: IssuePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Collects every issue and warning of one document instead of stopping at the first, so a
 * user fixes a file in one round. Positions are looked up as issues are added.
 */
export class IssueCollector {
  readonly issues: ScenarioIssue[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly locate: Locator | undefined = undefined,
    /** Set when the document is not the scenario file itself (a referenced job request). */
    private readonly file: string | undefined = undefined,
  ) {}

  /** `value` is recorded when given (not undefined): the bad value itself. */
  add(path: IssuePath, code: ScenarioIssueCode, message: string, value?: unknown): void {
    const at = this.locate?.(path);
    this.issues.push({
      path: formatPath(path),
      code,
      message,
      ...(value === undefined ? {} : { value }),
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
    });
  }

  warn(path: IssuePath, message: string): void {
    const p = formatPath(path);
    this.warnings.push(p === "" ? message : `${p}: ${message}`);
  }

  /** Keeps issues found elsewhere (a referenced file) as they are. */
  addAll(issues: readonly ScenarioIssue[]): void {
    this.issues.push(...issues);
  }

  /** "line 12" when the position is known, else the path: for messages that point elsewhere. */
  where(path: IssuePath): string {
    const at = this.locate?.(path);
    return at === undefined ? formatPath(path) : `${formatPath(path)} (line ${at.line})`;
  }

  /** Issues in file order (the scenario's first), as a reader goes through the file. */
  sortedIssues(): ScenarioIssue[] {
    const rank = (i: ScenarioIssue): [string, number, number] => [i.file ?? "", i.line ?? Infinity, i.column ?? Infinity];
    return this.issues
      .map((issue, index) => ({ issue, index, key: rank(issue) }))
      .sort((a, b) => (a.key[0] < b.key[0] ? -1 : a.key[0] > b.key[0] ? 1 : a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index))
      .map((x) => x.issue);
  }

  get failed(): boolean {
    return this.issues.length > 0;
  }
}
