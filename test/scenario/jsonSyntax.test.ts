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
