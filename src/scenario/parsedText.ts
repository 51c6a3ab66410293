import type { Locator } from "./IssueCollector.js";
import type { ScenarioIssue } from "./ScenarioError.js";

export type TextFormat = "yaml" | "json";

export type ParsedText =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly locate: Locator | undefined;
      /**
       * A top-level key's number as written (`sparkVersion: 4.0` reads as 4; the text is
       * "4.0"), undefined when the value is not a number or the positions are not known.
       */
      readonly numberAsWritten: (key: string) => string | undefined;
      /** What the YAML reader noticed without failing (an unresolved tag), with its line. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

export function syntaxIssue(message: string, line: number, column: number, file: string | undefined): ScenarioIssue {
  return { path: "", code: "syntax-error", message, line, column, ...(file === undefined ? {} : { file }) };
}

/** Syntax errors reported for one file; later ones mostly follow from the first. */
export const MAX_SYNTAX_ISSUES = 20;

/**
 * The first MAX_SYNTAX_ISSUES syntax issues, then one saying how many more there were: a
 * file that is not YAML at all (a data file, a log) would otherwise print an issue per line.
 */
export function capSyntaxIssues(issues: ScenarioIssue[], file: string | undefined): ScenarioIssue[] {
  if (issues.length <= MAX_SYNTAX_ISSUES) return issues;
  const more = issues.length - MAX_SYNTAX_ISSUES;
  return [
    ...issues.slice(0, MAX_SYNTAX_ISSUES),
    {
      path: "",
      code: "syntax-error",
      unlisted: more,
      message: `... and ${more} more syntax error${more === 1 ? "" : "s"} not listed (fix the first ones: the rest often follow from them; is this file a scenario at all?)`,
      ...(file === undefined ? {} : { file }),
    },
  ];
}

/** Options of both readers: `lineOffset` when the text was cut out of a larger file, `file` when it is not the scenario's own. */
export interface ParseTextOptions {
  readonly lineOffset?: number;
  readonly file?: string;
}

/** The text without a leading byte-order mark. */
export const withoutBom = (text: string): string => (text.startsWith("\uFEFF") ? text.slice(1) : text);
