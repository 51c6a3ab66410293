import { describe, expect, it } from "vitest";
import { formatObjective, parseObjective, parseSla } from "../../src/sweep/index.js";

describe("objectives", () => {
  it("reads the three forms", () => {
    expect(parseObjective("cheapest-within=10%")).toEqual({ kind: "cheapest-within", fraction: 0.1 });
    expect(parseObjective("cheapest-within=2.5%")).toEqual({ kind: "cheapest-within", fraction: 0.025 });
    expect(parseObjective("fastest-under-cost=$2.50")).toEqual({ kind: "fastest-under-cost", maxCostUsd: 2.5 });
    expect(parseObjective("fastest-under-cost=3")).toEqual({ kind: "fastest-under-cost", maxCostUsd: 3 });
    expect(parseObjective("sla=20m")).toEqual({ kind: "sla", slaMs: 1_200_000 });
  });

  it("reads an SLA in Spark's time syntax; a bare number is seconds", () => {
    expect(parseSla("20m")).toBe(1_200_000);
    expect(parseSla("1h")).toBe(3_600_000);
    expect(parseSla("90s")).toBe(90_000);
    expect(parseSla("90")).toBe(90_000);
    expect(() => parseSla("soon")).toThrow(/^sla: "soon" is not a duration/);
    // The library names its own words; the CLI restates them as flags (test/sweep/cli.test.ts).
    expect(() => parseObjective("cheapest-within=10")).toThrow(/^objective cheapest-within=10: expected a percentage/);
    expect(() => parseSla("0s")).toThrow(/not a duration/);
  });

  it("refuses what it cannot read, saying what it expects", () => {
    expect(() => parseObjective("cheapest-within=10")).toThrow(/expected a percentage/);
    expect(() => parseObjective("fastest-under-cost=cheap")).toThrow(/expected a cost in US dollars/);
    expect(() => parseObjective("cheapest")).toThrow(/expected cheapest-within=P%, fastest-under-cost=USD or sla=DURATION/);
  });

  it("formats back to text that reads as the same objective", () => {
    for (const text of ["cheapest-within=10%", "cheapest-within=7%", "fastest-under-cost=2.5", "sla=20m"]) {
      const o = parseObjective(text);
      expect(parseObjective(formatObjective(o))).toEqual(o);
    }
  });
});
