import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../sim/errors.js";
import { formatClock, parseInstant, safeParseInstant } from "../../src/report/clock.js";

describe("parseInstant / safeParseInstant (--at)", () => {
  it.each([
    ["90000", 90_000],
    ["90s", 90_000],
    ["2min", 120_000],
    ["1500ms", 1_500],
    ["1:30", 90_000],
    ["1:02:03.5", 3_723_500],
  ])("%s is %i ms", (text, ms) => {
    expect(safeParseInstant(text)).toEqual({ success: true, data: ms });
    expect(parseInstant(text)).toBe(ms);
  });

  it("refuses what is not an instant with the library's words (no flag name): safeParse returns it, parse throws it", () => {
    const r = safeParseInstant("zz");
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(ParseError);
      expect(r.error.message).toBe("expected a time from application start: ms (90000), Spark's syntax (90s, 2min, 1500ms) or a clock (1:30)");
    }
    expect(() => parseInstant("-5s")).toThrow(ParseError);
  });

  it("safeParseInstant never throws; parse agrees with it; a clock it reads formats back to the same instant", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.nat({ max: 10 ** 8 }).map(formatClock)), (text) => {
        const r = safeParseInstant(text);
        if (r.success) {
          expect(parseInstant(text)).toBe(r.data);
          expect(r.data).toBeGreaterThanOrEqual(0);
        } else expect(() => parseInstant(text)).toThrow(ParseError);
      }),
    );
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 8 }), (ms) => {
        expect(parseInstant(formatClock(ms))).toBe(ms);
      }),
    );
  });
});
