import { parseTree, type Node, type ParseError } from "jsonc-parser";
import type { IssuePath, Locator } from "./IssueCollector.js";
import { findJsonSyntaxError, lineColumnOf } from "./jsonSyntax.js";
import { capSyntaxIssues, type ParsedText, type ParseTextOptions, syntaxIssue, withoutBom } from "./parsedText.js";

/**
 * JSON scenario and job-request text: `JSON.parse` for the value, jsonc-parser's tree for
 * what JSON.parse does not say (a key given twice, where a path is). No YAML library: a JSON
 * scenario, and every job request, is read without loading one (start-up, README
 * "Performance").
 */

/** 1-based line and column of offsets, from the line starts found once (binary search). */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) starts.push(k + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** A property's key and value nodes (jsonc-parser gives both for text JSON.parse accepted). */
const keyOf = (property: Node): Node => property.children![0]!;
const valueOf = (property: Node): Node | undefined => property.children![1];

/**
 * The offsets of keys given twice in one object, in the order the YAML reading of the same
 * text reported them (a depth-first walk, last child first; `<<` exempt), so messages are
 * unchanged. Iterative: deep nesting cannot overflow the stack here.
 */
function duplicateKeyOffsets(root: Node): number[] {
  const found: number[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "object") {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = keyOf(property);
        const k = String(key.value);
        if (k !== "<<" && seen.has(k)) found.push(key.offset);
        seen.add(k);
        const value = valueOf(property);
        if (value !== undefined) stack.push(value);
      }
    } else if (node.type === "array") {
      for (const item of node.children ?? []) stack.push(item);
    }
  }
  return found;
}

/**
 * Finds a path in the tree: the key's position for an object entry, the item's for a list
 * entry. A path that goes past what
 * exists (a missing key) stops at the deepest node found, which is where the key belongs.
 */
function locatorFor(root: Node, position: (offset: number) => { line: number; column: number }, lineOffset: number): Locator {
  // Each object's properties by key, built once: a file with thousands of issues stays linear.
  const byKey = new WeakMap<Node, Map<string, Node>>();
  const properties = (object: Node): Map<string, Node> => {
    let m = byKey.get(object);
    if (m === undefined) {
      m = new Map();
      for (const p of object.children ?? []) {
        const k = String(keyOf(p).value);
        if (!m.has(k)) m.set(k, p);
      }
      byKey.set(object, m);
    }
    return m;
  };
  return (path: IssuePath) => {
    let node: Node | undefined = root;
    let offset = root.offset;
    for (const segment of path) {
      if (node.type === "object") {
        const property = properties(node).get(String(segment));
        if (property === undefined) break;
        offset = keyOf(property).offset;
        node = valueOf(property);
      } else if (node.type === "array" && typeof segment === "number") {
        const item: Node | undefined = node.children?.[segment];
        if (item === undefined) break;
        offset = item.offset;
        node = item;
      } else break;
      if (node === undefined) break;
    }
    const p = position(offset);
    return { line: p.line + lineOffset, column: p.column };
  };
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

/** The tree of text JSON.parse accepted; undefined when too deep for jsonc-parser's recursion. */
function treeOf(body: string): Node | undefined {
  try {
    const errors: ParseError[] = [];
    const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    return errors.length === 0 ? root : undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/**
 * Parses JSON text. Syntax errors and keys given twice become issues with line and column
 * (shifted by `lineOffset` when the text was cut out of a larger file).
 */
export function parseJsonText(text: string, opts: ParseTextOptions = {}): ParsedText {
  const lineOffset = opts.lineOffset ?? 0;
  const body = withoutBom(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const found = findJsonSyntaxError(body);
    if (found === undefined) return { ok: false, issues: [syntaxIssue(`invalid JSON: ${(e as Error).message}`, 1 + lineOffset, 1, opts.file)] };
    const at = lineColumnOf(body, found.offset);
    return { ok: false, issues: [syntaxIssue(`invalid JSON: ${found.message}`, at.line + lineOffset, at.column, opts.file)] };
  }
  const root = treeOf(body);
  if (root === undefined) return { ok: true, value, locate: undefined, numberAsWritten: () => undefined, warnings: [] };
  const position = lineIndex(body);
  // JSON.parse keeps the last of two equal keys silently: each is an issue.
  const duplicates = duplicateKeyOffsets(root);
  if (duplicates.length > 0) {
    return {
      ok: false,
      issues: capSyntaxIssues(duplicates.map((offset) => {
        const p = position(offset);
        const key = stringTokenAt(body, offset);
        const name = key === undefined ? "a key" : `key ${JSON.stringify(key)}`;
        return syntaxIssue(`${name} is given twice in the same object (JSON readers keep only the last); give it once`, p.line + lineOffset, p.column, opts.file);
      }), opts.file),
    };
  }
  const numberAsWritten = (key: string): string | undefined => {
    if (root.type !== "object") return undefined;
    const property = root.children?.find((p) => keyOf(p).value === key);
    const v = property === undefined ? undefined : valueOf(property);
    return v?.type === "number" ? body.slice(v.offset, v.offset + v.length) : undefined;
  };
  return { ok: true, value, locate: locatorFor(root, position, lineOffset), numberAsWritten, warnings: [] };
}
