import { describe, expect, it } from "vitest";
import { formatDuration, formatSparkDuration } from "../../src/report/units.js";

describe("formatDuration", () => {
  it("reads at the precision it shows, never '60 s'", () => {
    expect(formatDuration(999)).toBe("999 ms");
    expect(formatDuration(1500)).toBe("1.5 s");
    expect(formatDuration(59_960)).toBe("1 min 0 s");
    expect(formatDuration(119_988)).toBe("2 min 0 s");
    expect(formatDuration(239_000)).toBe("3 min 59 s");
    expect(formatDuration(274_900)).toBe("4 min 34.9 s");
    expect(formatDuration(3_599_600)).toBe("1 h 00 min 00 s");
    expect(formatDuration(2_537_000)).toBe("42 min 17 s");
    expect(formatDuration(7_384_000)).toBe("2 h 03 min 04 s");
    expect(formatDuration(-36_500)).toBe("-36.5 s");
    expect(formatDuration(Infinity)).toBe("never");
  });

  it("formats config durations in Spark's syntax", () => {
    expect(formatSparkDuration(60_000)).toBe("1min");
    expect(formatSparkDuration(30_000)).toBe("30s");
    expect(formatSparkDuration(1500)).toBe("1500ms");
    expect(formatSparkDuration(Infinity)).toBe("never");
  });
});
