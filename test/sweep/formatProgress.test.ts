import { describe, expect, it } from "vitest";
import { formatProgress, formatUsd } from "../../src/sweep/index.js";

describe("formatProgress", () => {
  it("shows the bar, runs done of total, the rate and the time left", () => {
    expect(formatProgress(16, 64, 4_000, 8)).toBe("[##......] 16/64 runs, 4.0 runs/s, ~12 s left");
    expect(formatProgress(64, 64, 3_200, 8)).toBe("[########] 64/64 runs, 20 runs/s, ~0 ms left");
  });

  it("has no estimate before the first run finishes", () => {
    expect(formatProgress(0, 10, 0, 4)).toBe("[....] 0/10 runs, 0.0 runs/s");
  });
});

describe("formatUsd", () => {
  it("shows the precision a bill of that size needs", () => {
    expect(formatUsd(0.04213)).toBe("$0.0421");
    expect(formatUsd(1.2345)).toBe("$1.234");
    expect(formatUsd(123.456)).toBe("$123.46");
  });
});
