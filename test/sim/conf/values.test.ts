import { describe, expect, it } from "vitest";
import { parseBoolean, parseDouble, parseInt32, parseMebibytes, parseTimeAs } from "../../../sim/conf/values.js";

describe("Spark value syntax (JavaUtils / ConfigBuilder)", () => {
  it("reads times with Spark's suffixes; a bare number is in the key's unit", () => {
    expect(parseTimeAs("60s", "s")).toEqual({ ok: true, value: 60 });
    expect(parseTimeAs("60", "s")).toEqual({ ok: true, value: 60 });
    expect(parseTimeAs("2min", "s")).toEqual({ ok: true, value: 120 });
    expect(parseTimeAs("2m", "ms")).toEqual({ ok: true, value: 120_000 });
    expect(parseTimeAs("1h", "s")).toEqual({ ok: true, value: 3600 });
    expect(parseTimeAs("1d", "s")).toEqual({ ok: true, value: 86_400 });
    expect(parseTimeAs(" 500MS ", "ms")).toEqual({ ok: true, value: 500 });
    expect(parseTimeAs("250us", "ms")).toEqual({ ok: true, value: 0 });
  });

  it("truncates sub-unit values toward zero (1500ms read in seconds is 1; 500ms is 0)", () => {
    expect(parseTimeAs("1500ms", "s")).toEqual({ ok: true, value: 1 });
    expect(parseTimeAs("500ms", "s")).toEqual({ ok: true, value: 0 });
    expect(parseTimeAs("-1500ms", "s")).toEqual({ ok: true, value: -1 });
  });

  it("refuses fractions and unknown suffixes with Spark's message", () => {
    const frac = parseTimeAs("1.5s", "s");
    expect(frac.ok).toBe(false);
    if (!frac.ok) expect(frac.message).toMatch(/^Time must be specified as seconds \(s\), milliseconds \(ms\)/);
    const unit = parseTimeAs("10sec", "s");
    expect(unit.ok === false && unit.message.endsWith('Invalid suffix: "sec"')).toBe(true);
  });

  it("reads sizes in MiB: 20g and 20G alike, bare numbers are MiB, fractions refused", () => {
    expect(parseMebibytes("20g")).toEqual({ ok: true, value: 20_480 });
    expect(parseMebibytes("20G")).toEqual({ ok: true, value: 20_480 });
    expect(parseMebibytes("512")).toEqual({ ok: true, value: 512 });
    expect(parseMebibytes("1t")).toEqual({ ok: true, value: 1_048_576 });
    const frac = parseMebibytes("1.5g");
    expect(frac.ok === false && frac.message.includes("Fractional values are not supported. Input was: 1.5g")).toBe(true);
  });

  it("reads booleans case-insensitively and ints and doubles as Java does", () => {
    expect(parseBoolean("k", "TRUE")).toEqual({ ok: true, value: true });
    expect(parseBoolean("k", "yes")).toEqual({ ok: false, message: "k should be boolean, but was yes" });
    expect(parseInt32("k", " 42 ")).toEqual({ ok: true, value: 42 });
    expect(parseInt32("k", "4.0")).toEqual({ ok: false, message: "k should be int, but was 4.0" });
    expect(parseInt32("k", "2147483648")).toEqual({ ok: false, message: "k should be int, but was 2147483648" });
    expect(parseDouble("k", "0.5")).toEqual({ ok: true, value: 0.5 });
    expect(parseDouble("k", "1e-1")).toEqual({ ok: true, value: 0.1 });
    expect(parseDouble("k", "half")).toEqual({ ok: false, message: "k should be double, but was half" });
  });
});
