import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, lineColumnOf } from "../../src/scenario/jsonSyntax.js";

describe("findJsonSyntaxError", () => {
  it.each([
    ['{"a": 1,}', 8, "trailing comma before '}'"],
    ["[1, 2,]", 6, "trailing comma before ']'"],
    ['{"a": 1 "b": 2}', 8, "expected ',' or '}' after a property value"],
    ["{a: 1}", 1, "expected a property name in double quotes"],
    ["{'a': 1}", 1, "expected a property name in double quotes"],
    ['{"a": \'x\'}', 6, "strings must use double quotes"],
    ['{"a": tru}', 6, 'expected a value, got "t"'],
    ['{"a": 1} x', 9, "after the JSON value"],
    ['{"a": 1', 7, "expected ',' or '}' after a property value, got the end of the text"],
    ['{"a": "x', 8, "unterminated string"],
    ['{"a": "\\q"}', 7, "bad escape \\q"],
    ['{"a": "\t"}', 7, "control character"],
    ['// note\n{"a": 1}', 0, "comments are not allowed"],
    ["", 0, "the text is empty"],
    ['{"a" 1}', 5, "expected ':' after a property name"],
    ["[1 2]", 3, "expected ',' or ']' after a list element"],
  ])("%j", (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = findJsonSyntaxError(text);
    expect(found?.offset).toBe(offset);
    expect(found?.message).toContain(message);
  });

  // Where jsonc-parser's tokens differ from JSON's grammar, the message still points at the
  // character JSON stops at.
  it.each([
    ['{"a": trueX}', 10, `expected ',' or '}' after a property value, got "X"`],
    ['[1.]', 2, `expected ',' or ']' after a list element, got "."`],
    ['[1.5e+]', 4, `expected ',' or ']' after a list element, got "e"`],
    ['{"a": 1 "\\q"}', 8, "expected ',' or '}' after a property value, got \"\\\"\""],
    ['{"a\\q": 1}', 3, "bad escape \\q in a string"],
    ['["\\u12"]', 2, "bad \\u escape in a string"],
    ['["a\nb"]', 3, "control character"],
    ["[1, /* c */ 2]", 4, "comments are not allowed"],
    ["[1 // c\n]", 3, `expected ',' or ']' after a list element, got "/"`],
    ["[\u00a01]", 1, 'expected a value, got "\u00a0"'],
    ["[", 1, "expected a value, got the end of the text"],
    ["  ", 2, "the text is empty"],
  ])("%j (edge)", (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = findJsonSyntaxError(text);
    expect(found?.offset).toBe(offset);
    expect(found?.message).toContain(message);
  });

  it("refuses nesting deeper than 2000 without overflowing the stack", () => {
    expect(findJsonSyntaxError("[".repeat(100_000))).toEqual({ offset: 2001, message: "nested too deeply" });
    expect(findJsonSyntaxError("[".repeat(2000) + "1")?.message).toContain("expected ',' or ']'");
  });

  it("finds nothing wrong in valid JSON (agrees with JSON.parse)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeUndefined();
      }),
    );
  });
});

describe("lineColumnOf", () => {
  it("is 1-based", () => {
    expect(lineColumnOf("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnOf("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnOf("ab\n", 3)).toEqual({ line: 2, column: 1 });
  });
});
