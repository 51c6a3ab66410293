import { printParseErrorCode, visit, type ParseErrorCode } from "jsonc-parser";

/**
 * Where JSON text stops being JSON, and why. `JSON.parse` says this differently in each Node
 * version and sometimes not at all ("Unexpected token 'x', ... is not valid JSON"), so the
 * position comes from jsonc-parser (strict: no comments, no trailing commas) instead; it runs
 * only after `JSON.parse` failed. jsonc-parser finds the offending token; the message says
 * what was expected there, from where the parser was (after a key, after a value, ...).
 */
export interface JsonSyntaxError {
  /** Offset of the offending character (text.length for an early end). */
  readonly offset: number;
  readonly message: string;
}

/** Deeper than this is refused, so no reader (ours or the user's) can overflow its stack. */
const MAX_DEPTH = 2000;

/**
 * What the parser expects next: a value (`value`; `element` right after a comma in a list,
 * where `]` is a trailing comma), the first key or `}` (`first`), a key after a comma,
 * a colon, a comma or the close of the container (`after`), or the end of the text.
 */
type Expect = "value" | "element" | "first" | "key" | "colon" | "after" | "end";
interface Frame {
  readonly kind: "object" | "array" | "top";
  expect: Expect;
}

/** The escapes and characters a JSON string may hold, up to its first problem. */
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
const STRING_TOKEN_ERRORS = new Set(["InvalidUnicode", "InvalidEscapeCharacter", "UnexpectedEndOfString", "InvalidCharacter"]);

class Found {
  constructor(readonly error: JsonSyntaxError) {}
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  if (/^[ \t\n\r]*$/.test(text)) return { offset: text.length, message: "the text is empty" };
  const stack: Frame[] = [{ kind: "top", expect: "value" }];
  const top = (): Frame => stack[stack.length - 1]!;
  let afterSeparator = 0; // end of the last '[', '{', ',' or ':' (where a too deep value starts)
  const stop = (offset: number, message: string): never => {
    throw new Found({ offset, message });
  };
  const shown = (at: number): string => (at >= text.length ? "the end of the text" : JSON.stringify(text[at]));
  /** What is wrong with `at` where a value should start. */
  const notAValue = (at: number): string =>
    text[at] === "'"
      ? "strings must use double quotes"
      : text[at] === "/"
        ? "comments are not allowed in JSON (a .yaml scenario may have them)"
        : `expected a value, got ${shown(at)}`;
  const notAKey = (at: number): string => `expected a property name in double quotes, got ${shown(at)}`;
  /** What was wrong at `at`, given what the parser expected there (the character is not it). */
  const unexpected = (at: number): never => {
    const frame = top();
    switch (frame.expect) {
      case "value":
        return stop(at, notAValue(at));
      case "element":
        return stop(at, text[at] === "]" ? "trailing comma before ']'" : notAValue(at));
      case "first":
        return stop(at, frame.kind === "array" ? notAValue(at) : notAKey(at));
      case "key":
        return stop(at, text[at] === "}" ? "trailing comma before '}'" : notAKey(at));
      case "colon":
        return stop(at, `expected ':' after a property name, got ${shown(at)}`);
      case "after":
        return stop(at, frame.kind === "array" ? `expected ',' or ']' after a list element, got ${shown(at)}` : `expected ',' or '}' after a property value, got ${shown(at)}`);
      case "end":
        return stop(at, `unexpected ${shown(at)} after the JSON value`);
    }
  };
  const expectsValue = (): boolean => {
    const e = top().expect;
    return e === "value" || e === "element" || (e === "first" && top().kind === "array");
  };
  const expectsString = (): boolean => expectsValue() || top().expect === "first" || top().expect === "key";
  /** A value starts: refuse it when too deep, and move its container past it. */
  const valueStarts = (): void => {
    if (stack.length > MAX_DEPTH + 1) stop(afterSeparator, "nested too deeply");
    top().expect = top().kind === "top" ? "end" : "after";
  };
  const containerEnds = (offset: number, close: string): void => {
    // jsonc-parser also calls this at an early end, just before it reports the missing close.
    if (text[offset] === close) stack.pop();
  };
  const stringProblem = (offset: number): never => {
    STRING_BODY.lastIndex = offset + 1;
    STRING_BODY.test(text);
    const at = STRING_BODY.lastIndex;
    if (at >= text.length) return stop(at, "unterminated string");
    if (text[at] !== "\\") return stop(at, "control character in a string (write \\n, \\t, ...)");
    const e = text[at + 1];
    return stop(at, e === "u" ? "bad \\u escape in a string" : `bad escape \\${e ?? ""} in a string`);
  };
  const onError = (error: ParseErrorCode, offset: number, length: number): void => {
    const name = printParseErrorCode(error);
    const tooDeep = stack.length > MAX_DEPTH + 1 && expectsValue() && !(top().expect === "element" && text[offset] === "]");
    if (tooDeep) stop(afterSeparator, "nested too deeply");
    if (STRING_TOKEN_ERRORS.has(name) && text[offset] === '"') {
      if (expectsString()) stringProblem(offset);
      unexpected(offset);
    }
    if (expectsValue()) {
      if (name === "UnexpectedEndOfNumber") {
        // `1.` or `1e`: the number `1` is read, then the '.' or 'e' is where it goes wrong.
        const token = text.slice(offset, offset + length);
        valueStarts();
        unexpected(offset + Math.max(token.lastIndexOf("."), token.lastIndexOf("e"), token.lastIndexOf("E")));
      }
      // `trueX`: jsonc-parser reads one unknown word; JSON reads `true`, then fails at `X`.
      const word = /^(?:true|false|null)/.exec(text.slice(offset, offset + 5));
      if (word !== null) {
        valueStarts();
        unexpected(offset + word[0].length);
      }
    }
    unexpected(offset);
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => {
          valueStarts();
          stack.push({ kind: "object", expect: "first" });
          afterSeparator = offset + 1;
        },
        onObjectProperty: () => {
          top().expect = "colon";
        },
        onObjectEnd: (offset) => containerEnds(offset, "}"),
        onArrayBegin: (offset) => {
          valueStarts();
          stack.push({ kind: "array", expect: "first" });
          afterSeparator = offset + 1;
        },
        onArrayEnd: (offset) => containerEnds(offset, "]"),
        onLiteralValue: () => valueStarts(),
        onSeparator: (character, offset) => {
          const frame = top();
          frame.expect = character === ":" ? "value" : frame.kind === "object" ? "key" : "element";
          afterSeparator = offset + 1;
        },
        onError,
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
    return undefined;
  } catch (e) {
    if (e instanceof Found) return e.error;
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
