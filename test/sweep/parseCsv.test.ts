import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/sweep/parseCsv.js";

describe("parseCsv", () => {
  it("reads back what csv-stringify writes: quotes, commas, doubled quotes, line breaks", () => {
    const rows = [
      ["a", "b,c", 'say "hi"', ""],
      ["multi\nline", "x", "", "last"],
    ];
    const parsed = parseCsv(stringify(rows));
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.map((r) => r.fields)).toEqual(rows);
    expect(parsed.map((r) => r.line)).toEqual([1, 2]);
  });

  it("accepts CRLF and a missing final line break", () => {
    const parsed = parseCsv("a,b\r\n1,2");
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reports an unclosed quote with the line it opens on", () => {
    expect(parseCsv('a\n"b,c\n', 10)).toEqual({ error: "a quoted field is not closed", line: 11 });
  });
});
