import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, YAMLParseError, type Document, type Pair, type YAMLMap } from "yaml";
import type { IssuePath, Locator } from "./IssueCollector.js";
import { findJsonSyntaxError, lineColumnOf } from "./jsonSyntax.js";
import type { ScenarioIssue } from "./ScenarioError.js";

export type TextFormat = "yaml" | "json";

export type ParsedText =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly locate: Locator | undefined;
      readonly document: Document | undefined;
      /** What the YAML reader noticed without failing (an unresolved tag), with its line. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/**
 * Finds a path in a parsed YAML document (JSON is YAML too): the key's position for a map
 * entry, the item's for a list entry. A path that goes past what exists (a missing key)
 * stops at the deepest node found, which is where the key belongs.
 */
function locatorFor(doc: Document, counter: LineCounter, lineOffset: number): Locator {
  // Each map's entries by key, built once: a file with thousands of issues stays linear.
  const byKey = new WeakMap<YAMLMap, Map<string, Pair>>();
  const entries = (map: YAMLMap): Map<string, Pair> => {
    let m = byKey.get(map);
    if (m === undefined) {
      m = new Map();
      for (const p of map.items) {
        const k = keyText(p);
        if (!m.has(k)) m.set(k, p);
      }
      byKey.set(map, m);
    }
    return m;
  };
  return (path: IssuePath) => {
    let node: unknown = doc.contents;
    let offset = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = entries(node as YAMLMap).get(String(segment));
        if (pair === undefined) break;
        if (isScalar(pair.key) && pair.key.range !== undefined && pair.key.range !== null) offset = pair.key.range[0];
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item: unknown = node.items[segment];
        if (!(isScalar(item) || isMap(item) || isSeq(item))) break;
        if (item.range !== undefined && item.range !== null) offset = item.range[0];
        node = item;
      } else break;
    }
    if (offset === undefined) return undefined;
    const p = counter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
}

/** A map entry's key as text (what a path segment is compared with). */
function keyText(p: Pair): string {
  return String(isScalar(p.key) ? p.key.value : p.key);
}

/**
 * A repeated key in any map is a DUPLICATE_KEY error, as yaml's `uniqueKeys` makes it, but
 * found with one set per map: yaml's own check compares every pair with every other, which
 * takes minutes on a map of 40,000 keys. Iterative, so deep nesting cannot overflow the stack.
 */
function addDuplicateKeyErrors(doc: Document): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const p of node.items) {
        const k = keyText(p);
        if (k !== "<<" && seen.has(k)) {
          const at = isScalar(p.key) && p.key.range ? p.key.range[0] : (node.range?.[0] ?? 0);
          doc.errors.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"));
        }
        seen.add(k);
        stack.push(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
}

function yamlDocument(text: string, merge: boolean): { doc: Document; counter: LineCounter } {
  const counter = new LineCounter();
  // A repeated key is an error (addDuplicateKeyErrors); positions come from the counter.
  // Merge keys (`<<: *stage`) let a scenario reuse a stage template; JSON has none.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false, merge });
  addDuplicateKeyErrors(doc);
  return { doc, counter };
}

/** The JSON string token at an offset (a duplicate key's name), when there is one. */
function stringTokenAt(text: string, offset: number): string | undefined {
  const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(offset, offset + 300));
  if (m === null) return undefined;
  try {
    return JSON.parse(m[0]) as string;
  } catch {
    return undefined;
  }
}

/** The YAML key written at an offset, for messages. */
function yamlKeyAt(text: string, offset: number): string {
  const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n#]+)/.exec(text.slice(offset, offset + 300));
  return m === null ? "this key" : `key ${m[0].trim()}`;
}

function syntaxIssue(message: string, line: number, column: number, file: string | undefined): ScenarioIssue {
  return { path: "", code: "syntax-error", message, line, column, ...(file === undefined ? {} : { file }) };
}

/** Syntax errors reported for one file; later ones mostly follow from the first. */
export const MAX_SYNTAX_ISSUES = 20;

/**
 * The first MAX_SYNTAX_ISSUES syntax issues, then one saying how many more there were: a
 * file that is not YAML at all (a data file, a log) would otherwise print an issue per line.
 */
function capSyntaxIssues(issues: ScenarioIssue[], file: string | undefined): ScenarioIssue[] {
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

/**
 * Parses scenario or job-request text. Syntax errors become issues with line and column
 * (shifted by `lineOffset` when the text was cut out of a larger file). `file` marks issues
 * of a file other than the scenario.
 */
export function parseText(text: string, format: TextFormat, opts: { lineOffset?: number; file?: string } = {}): ParsedText {
  const lineOffset = opts.lineOffset ?? 0;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (format === "json") {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      const found = findJsonSyntaxError(body);
      if (found === undefined) return { ok: false, issues: [syntaxIssue(`invalid JSON: ${(e as Error).message}`, 1 + lineOffset, 1, opts.file)] };
      const at = lineColumnOf(body, found.offset);
      return { ok: false, issues: [syntaxIssue(`invalid JSON: ${found.message}`, at.line + lineOffset, at.column, opts.file)] };
    }
    // JSON.parse keeps the last of two equal keys silently; the YAML reading of the same
    // text reports them, and gives positions for later issues.
    const { doc, counter } = yamlDocument(body, false);
    const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
    if (duplicates.length > 0) {
      return {
        ok: false,
        issues: capSyntaxIssues(duplicates.map((e) => {
          const p = counter.linePos(e.pos[0]);
          const key = stringTokenAt(body, e.pos[0]);
          const name = key === undefined ? "a key" : `key ${JSON.stringify(key)}`;
          return syntaxIssue(`${name} is given twice in the same object (JSON readers keep only the last); give it once`, p.line + lineOffset, p.col, opts.file);
        }), opts.file),
      };
    }
    const usable = doc.errors.length === 0;
    return { ok: true, value, locate: usable ? locatorFor(doc, counter, lineOffset) : undefined, document: usable ? doc : undefined, warnings: [] };
  }
  const { doc, counter } = yamlDocument(body, true);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: capSyntaxIssues(doc.errors.map((e) => {
        const p = counter.linePos(e.pos[0]);
        const message =
          e.code === "MULTIPLE_DOCS"
            ? "a scenario file holds one YAML document; remove the second '---' and what follows, or merge them"
            : e.code === "DUPLICATE_KEY"
              ? `${yamlKeyAt(body, e.pos[0])} is given twice in the same map; give it once`
              : e.message;
        return syntaxIssue(`invalid YAML: ${message}`, p.line + lineOffset, p.col, opts.file);
      }), opts.file),
    };
  }
  const warnings = doc.warnings.map((w) => `line ${counter.linePos(w.pos[0]).line + lineOffset}: ${w.message}`);
  let value: unknown;
  try {
    // Aliases resolve here: an undefined one, or an alias bomb (yaml's maxAliasCount), throws.
    value = doc.toJS();
  } catch (e) {
    const message = e instanceof ReferenceError && /resource exhaustion/.test(e.message)
      ? "too many aliases expand to too much data (more than yaml's limit of 100 alias expansions per document, against alias bombs); write the values out"
      : e instanceof ReferenceError
        ? `${e.message}; define the anchor (&name) before using the alias (*name)`
        : (e as Error).message;
    return { ok: false, issues: [syntaxIssue(`invalid YAML: ${message}`, 1 + lineOffset, 1, opts.file)] };
  }
  return { ok: true, value, locate: locatorFor(doc, counter, lineOffset), document: doc, warnings };
}
