import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../sim/errors.js";
import { parseSparkVersion, safeParseSparkVersion, SUPPORTED_VERSION_LINES } from "../../../sim/conf/SparkVersion.js";

describe("parseSparkVersion / safeParseSparkVersion", () => {
  it("reads a modelled line or release into the version value", () => {
    expect(safeParseSparkVersion("3.4.1")).toMatchObject({ success: true, data: { major: 3, minor: 4, patch: 1, line: "3.4", label: "3.4.1" } });
    expect(parseSparkVersion(" 3.5 ")).toMatchObject({ line: "3.5", label: "3.5", patch: undefined });
  });

  it.each([
    ["x", `"x" is not a Spark version; write it as major.minor or major.minor.patch, e.g. "3.5" or "3.4.1"`],
    ["2.4", "Spark 2.4 is not modelled; supported release lines are 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 4.0, 4.1 (shuffle tracking, which this model is about, appeared in 3.0)"],
  ])("%s: safeParse returns the ParseError that parse throws", (text, message) => {
    const r = safeParseSparkVersion(text);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(ParseError);
      expect(r.error.message).toBe(message);
    }
    expect(() => parseSparkVersion(text)).toThrow(message);
  });

  it("safeParse never throws, and parse succeeds exactly when it does (any text, and every modelled line with any patch)", () => {
    const texts = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom(...SUPPORTED_VERSION_LINES), fc.nat(99)).map(([line, patch]) => `${line}.${patch}`),
      fc.tuple(fc.nat(9), fc.nat(9)).map(([a, b]) => `${a}.${b}`),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const r = safeParseSparkVersion(text);
        if (r.success) expect(parseSparkVersion(text)).toEqual(r.data);
        else expect(() => parseSparkVersion(text)).toThrow(ParseError);
      }),
    );
  });
});
