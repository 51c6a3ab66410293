/**
 * Where JSON text stops being JSON, and why. `JSON.parse` says this differently in each Node
 * version and sometimes not at all ("Unexpected token 'x', ... is not valid JSON"), so the
 * position comes from this small scanner instead; it runs only after `JSON.parse` failed.
 */
export interface JsonSyntaxError {
  /** Offset of the offending character (text.length for an early end). */
  readonly offset: number;
  readonly message: string;
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const MAX_DEPTH = 2000;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const shown = (): string => (i >= text.length ? "the end of the text" : JSON.stringify(text[i]));
  const fail = (message: string): never => {
    throw new Fail(i, message);
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const ch = text.charCodeAt(i);
      if (ch === 0x22) break;
      if (ch < 0x20) fail("control character in a string (write \\n, \\t, ...)");
      if (ch === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape in a string");
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(`bad escape \\${e ?? ""} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    i++;
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Fail(i, "nested too deeply");
    ws();
    const ch = text[i];
    if (ch === "{") return object(depth);
    if (ch === "[") return array(depth);
    if (ch === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER_RE.lastIndex = i;
    if (NUMBER_RE.test(text) && NUMBER_RE.lastIndex > i) {
      i = NUMBER_RE.lastIndex;
      return;
    }
    if (ch === "'") fail("strings must use double quotes");
    if (ch === "/") fail("comments are not allowed in JSON (a .yaml scenario may have them)");
    fail(`expected a value, got ${shown()}`);
  };
  const object = (depth: number): void => {
    i++;
    ws();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(text[i] === "}" ? "trailing comma before '}'" : `expected a property name in double quotes, got ${shown()}`);
      string();
      ws();
      if (text[i] !== ":") fail(`expected ':' after a property name, got ${shown()}`);
      i++;
      value(depth + 1);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`expected ',' or '}' after a property value, got ${shown()}`);
    }
  };
  const array = (depth: number): void => {
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === "]") fail("trailing comma before ']'");
      value(depth + 1);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`expected ',' or ']' after a list element, got ${shown()}`);
    }
  };
  try {
    ws();
    if (i >= text.length) fail("the text is empty");
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${shown()} after the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
