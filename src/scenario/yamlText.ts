import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, YAMLParseError, type Document, type Pair, type YAMLMap } from "yaml";
import type { IssuePath, Locator } from "./IssueCollector.js";
import { capSyntaxIssues, type ParsedText, type ParseTextOptions, syntaxIssue, withoutBom } from "./parsedText.js";

// YAML scenario text. The CLI loads this module (and the yaml library) only for a YAML file.

/**
 * Finds a path in a parsed YAML document: the key's position for a map
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

function yamlDocument(text: string): { doc: Document; counter: LineCounter } {
  const counter = new LineCounter();
  // A repeated key is an error (addDuplicateKeyErrors); positions come from the counter.
  // Merge keys (`<<: *stage`) let a scenario reuse a stage template.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false, merge: true });
  addDuplicateKeyErrors(doc);
  return { doc, counter };
}

/** The YAML key written at an offset, for messages. */
function yamlKeyAt(text: string, offset: number): string {
  const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n#]+)/.exec(text.slice(offset, offset + 300));
  return m === null ? "this key" : `key ${m[0].trim()}`;
}

/** A top-level key's number as written (`sparkVersion: 4.0` is 4 to YAML; its source is "4.0"). */
function numberAsWrittenIn(doc: Document): (key: string) => string | undefined {
  return (key) => {
    const node = doc.get(key, true);
    return isScalar(node) && typeof node.value === "number" && typeof node.source === "string" ? node.source : undefined;
  };
}

/**
 * Parses YAML text. Syntax errors become issues with line and column (shifted by `lineOffset`
 * when the text was cut out of a larger file). `file` marks issues of a file other than the
 * scenario.
 */
export function parseYamlText(text: string, opts: ParseTextOptions = {}): ParsedText {
  const lineOffset = opts.lineOffset ?? 0;
  const body = withoutBom(text);
  const { doc, counter } = yamlDocument(body);
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
  return { ok: true, value, locate: locatorFor(doc, counter, lineOffset), numberAsWritten: numberAsWrittenIn(doc), warnings };
}
