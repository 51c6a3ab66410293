import { describe, expect, it } from "vitest";
import { recommend, type ConfigResult, type Objective } from "../../src/sweep/index.js";

/** A config whose medians are the given run time (minutes) and cost. */
function config(gridIndex: number, minutes: number, costUsd: number): ConfigResult {
  const ms = minutes * 60_000;
  return {
    gridIndex,
    values: { "spark.dynamicAllocation.maxExecutors": String(10 * (gridIndex + 1)) },
    runs: 1,
    runTimeMs: { median: ms, p90: ms },
    costUsd: { median: costUsd, p90: costUsd },
    vcpuHours: 0,
    memoryGibHours: 0,
    peakExecutors: 0,
    utilization: 0,
    onFront: true,
  };
}

// Fastest is #3 at 10 min; 10 % over it is 11 min.
const CONFIGS = [config(0, 20, 1.0), config(1, 11, 2.0), config(2, 11.5, 1.5), config(3, 10, 4.0), config(4, 10.5, 2.5)];
const META = { baseConf: { "spark.dynamicAllocation.enabled": "true" }, dynamicAllocationConf: { "spark.dynamicAllocation.initialExecutors": "10", "spark.dynamicAllocation.maxExecutors": "100" } };

function chosen(objective: Objective, configs = CONFIGS): number | string {
  const r = recommend(configs, objective, META);
  return r.kind === "chosen" ? r.config.gridIndex : r.reason;
}

describe("recommend", () => {
  it("cheapest-within: the cheapest config within the margin of the fastest run time (the limit included)", () => {
    expect(chosen({ kind: "cheapest-within", fraction: 0.1 })).toBe(1); // 11 min is exactly 10 % over 10 min
    expect(chosen({ kind: "cheapest-within", fraction: 0.05 })).toBe(4);
    expect(chosen({ kind: "cheapest-within", fraction: 0 })).toBe(3);
    expect(chosen({ kind: "cheapest-within", fraction: 1 })).toBe(0);
  });

  it("fastest-under-cost: the fastest config at or under the cost, or none with the cheapest named", () => {
    expect(chosen({ kind: "fastest-under-cost", maxCostUsd: 2.5 })).toBe(4);
    expect(chosen({ kind: "fastest-under-cost", maxCostUsd: 1.99 })).toBe(2);
    expect(chosen({ kind: "fastest-under-cost", maxCostUsd: 0.5 })).toBe("no config's median cost is at most $0.5000; the cheapest, #0, costs $1.000");
  });

  it("sla: the cheapest config whose run time is within the SLA, or none with the fastest named", () => {
    expect(chosen({ kind: "sla", slaMs: 12 * 60_000 })).toBe(2);
    expect(chosen({ kind: "sla", slaMs: 10.5 * 60_000 })).toBe(4);
    expect(chosen({ kind: "sla", slaMs: 5 * 60_000 })).toBe("no config's median run time is within 5 min 0 s; the fastest, #3, takes 10 min 0 s");
  });

  it("breaks ties by run time, then by grid index, never by input order", () => {
    const tied = [config(5, 12, 1), config(2, 12, 1), config(7, 11, 1)];
    expect(chosen({ kind: "cheapest-within", fraction: 0.2 }, tied)).toBe(7);
    expect(chosen({ kind: "cheapest-within", fraction: 0.2 }, [config(5, 12, 1), config(2, 12, 1)])).toBe(2);
    expect(chosen({ kind: "fastest-under-cost", maxCostUsd: 5 }, [config(4, 10, 3), config(1, 10, 3)])).toBe(1);
  });

  it("gives the properties to set: the scenario's dynamic allocation keys, then --conf, then the point's values", () => {
    const r = recommend(CONFIGS, { kind: "cheapest-within", fraction: 0.1 }, META);
    if (r.kind !== "chosen") throw new Error(r.reason);
    expect(r.changes).toEqual({ "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.maxExecutors": "20" });
    expect(r.conf).toEqual({
      "spark.dynamicAllocation.initialExecutors": "10",
      "spark.dynamicAllocation.maxExecutors": "20",
      "spark.dynamicAllocation.enabled": "true",
    });
    expect(r.fastest.gridIndex).toBe(3);
  });

  it("recommends nothing when no point ran", () => {
    expect(chosen({ kind: "cheapest-within", fraction: 0.1 }, [])).toBe("no grid point ran");
  });
});
