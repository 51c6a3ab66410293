import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, parsePrice, readDriverResources, runCost } from "../../src/sweep/index.js";

describe("readDriverResources", () => {
  it("defaults to Spark's: 1 core, 1g heap plus the 384 MiB minimum overhead", () => {
    expect(readDriverResources({})).toEqual({ ok: true, value: { cores: 1, containerMemoryMiB: 1024 + 384 } });
  });

  it("reads the seed request's driver (5 cores, 15G): overhead 10 % of the heap", () => {
    expect(readDriverResources({ "spark.driver.cores": "5", "spark.driver.memory": "15G" })).toEqual({ ok: true, value: { cores: 5, containerMemoryMiB: 15360 + 1536 } });
  });

  it("takes an explicit overhead, or the overhead factor", () => {
    expect(readDriverResources({ "spark.driver.memory": "4g", "spark.driver.memoryOverhead": "1g" })).toEqual({ ok: true, value: { cores: 1, containerMemoryMiB: 5120 } });
    expect(readDriverResources({ "spark.driver.memory": "10g", "spark.driver.memoryOverheadFactor": "0.4" })).toEqual({ ok: true, value: { cores: 1, containerMemoryMiB: 10240 + 4096 } });
  });

  it("refuses values Spark cannot read, with Spark's messages", () => {
    const r = readDriverResources({ "spark.driver.cores": "two", "spark.driver.memory": "1.5g" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.messages[0]).toBe("java.lang.IllegalArgumentException: spark.driver.cores should be int, but was two");
    expect(r.messages[1]).toMatch(/^java\.lang\.NumberFormatException: Size must be specified as bytes .*Fractional values are not supported\. Input was: 1\.5g$/s);
  });
});

describe("runCost", () => {
  it("prices executors for the time they ran and the driver for the whole run", () => {
    // 1 hour run; executors: 100 core-hours and 400 GiB-hours; driver 2 cores, 4 GiB container.
    const c = runCost({ makespanMs: 3_600_000, coreSeconds: 100 * 3600, memoryGibSeconds: 400 * 3600 }, { cores: 2, containerMemoryMiB: 4096 }, { vcpuHourUsd: 0.05, gibHourUsd: 0.005 });
    expect(c.vcpuHours).toBe(102);
    expect(c.memoryGibHours).toBe(404);
    expect(c.costUsd).toBeCloseTo(102 * 0.05 + 404 * 0.005, 12);
  });

  it("makes a faster run cheaper on the driver side at equal executor usage", () => {
    const driver = { cores: 5, containerMemoryMiB: 16896 };
    const slow = runCost({ makespanMs: 600_000, coreSeconds: 3600, memoryGibSeconds: 3600 }, driver, DEFAULT_PRICES);
    const fast = runCost({ makespanMs: 300_000, coreSeconds: 3600, memoryGibSeconds: 3600 }, driver, DEFAULT_PRICES);
    expect(fast.costUsd).toBeLessThan(slow.costUsd);
  });

  it("defaults to EMR on EKS on Fargate in us-east-1: Fargate plus the EMR on EKS charge", () => {
    expect(DEFAULT_PRICES).toEqual({ vcpuHourUsd: 0.0506, gibHourUsd: 0.00555625 });
    expect(DEFAULT_PRICES.vcpuHourUsd).toBeCloseTo(0.04048 + 0.01012, 15);
    expect(DEFAULT_PRICES.gibHourUsd).toBeCloseTo(0.004445 + 0.00111125, 15);
  });

  it("reads prices given on the command line", () => {
    expect(parsePrice("--price-vcpu-hour", "$0.04")).toBe(0.04);
    expect(parsePrice("--price-gb-hour", "0.0045")).toBe(0.0045);
    expect(() => parsePrice("--price-gb-hour", "-1")).toThrow(/expected a price in US dollars >= 0/);
  });
});
