import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ParseError } from "../../sim/errors.js";
import { parseCsv, safeParseCsv } from "../../src/sweep/parseCsv.js";

describe("parseCsv", () => {
  it("reads back what csv-stringify writes: quotes, commas, doubled quotes, line breaks", () => {
    const rows = [
      ["a", "b,c", 'say "hi"', ""],
      ["multi\nline", "x", "", "last"],
    ];
    const parsed = parseCsv(stringify(rows));
    expect(parsed.map((r) => r.fields)).toEqual(rows);
    expect(parsed.map((r) => r.line)).toEqual([1, 2]);
  });

  it("accepts CRLF and a missing final line break", () => {
    const parsed = parseCsv("a,b\r\n1,2");
    expect(parsed.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reports an unclosed quote with the line it opens on", () => {
    const r = safeParseCsv('a\n"b,c\n', 10);
    expect(r.success).toBe(false);
    if (!r.success) expect({ error: r.error.message, line: r.error.line }).toEqual({ error: "a quoted field is not closed", line: 11 });
    expect(() => parseCsv('a\n"b,c\n', 10)).toThrow(ParseError);
  });

  it("safeParseCsv never throws, whatever the text; parseCsv throws exactly when it fails", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ") }), (text) => {
        const r = safeParseCsv(text);
        if (r.success) expect(parseCsv(text)).toEqual(r.data);
        else {
          expect(r.error).toBeInstanceOf(ParseError);
          expect(() => parseCsv(text)).toThrow(r.error.message);
        }
      }),
    );
  });
});
