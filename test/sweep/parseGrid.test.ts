import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandGrid, gridSize, parseGrid, parseGridArg, expandRange, SweepInputError, type Grid } from "../../src/sweep/index.js";

const MAX = "spark.dynamicAllocation.maxExecutors";
const MIN = "spark.dynamicAllocation.minExecutors";
const IDLE = "spark.dynamicAllocation.executorIdleTimeout";

describe("parseGridArg", () => {
  it("reads a list of values in Spark's syntax, as written", () => {
    expect(parseGridArg(`${MAX}=20,50,100`)).toEqual({ key: MAX, values: ["20", "50", "100"] });
    expect(parseGridArg(`${IDLE}=30s, 2min ,90`)).toEqual({ key: IDLE, values: ["30s", "2min", "90"] });
  });

  it("expands int ranges, inclusive of the end when the step lands on it", () => {
    expect(parseGridArg(`${MAX}=10..100:10`).values).toEqual(["10", "20", "30", "40", "50", "60", "70", "80", "90", "100"]);
    expect(parseGridArg(`${MAX}=10..25:10`).values).toEqual(["10", "20"]);
    expect(parseGridArg(`${MIN}=0..3`).values).toEqual(["0", "1", "2", "3"]);
  });

  it("expands time ranges in the unit written, and mixed units in the coarsest exact unit", () => {
    expect(parseGridArg(`${IDLE}=30s..120s:30s`).values).toEqual(["30s", "60s", "90s", "120s"]);
    expect(parseGridArg(`${IDLE}=30..90:30`).values).toEqual(["30", "60", "90"]);
    expect(parseGridArg(`${IDLE}=30s..2min:30s`).values).toEqual(["30s", "60s", "90s", "120s"]);
    expect(parseGridArg(`${IDLE}=1min..3m:60s`).values).toEqual(["1min", "2min", "3min"]);
    expect(parseGridArg("spark.dynamicAllocation.shuffleTracking.timeout=500ms..1s:250ms").values).toEqual(["500ms", "750ms", "1000ms"]);
  });

  it("expands size and decimal ranges without float noise", () => {
    expect(parseGridArg("spark.executor.memory=4g..16g:4g").values).toEqual(["4g", "8g", "12g", "16g"]);
    expect(parseGridArg("spark.executor.memory=512m..1g:512m").values).toEqual(["512m", "1024m"]);
    expect(parseGridArg("spark.dynamicAllocation.executorAllocationRatio=0.1..0.3:0.1").values).toEqual(["0.1", "0.2", "0.3"]);
    expect(parseGridArg("spark.dynamicAllocation.executorAllocationRatio=0.25..1:0.25").values).toEqual(["0.25", "0.5", "0.75", "1"]);
  });

  it("mixes values and ranges, keeping each value once", () => {
    expect(parseGridArg(`${MAX}=5,10..30:10,30`).values).toEqual(["5", "10", "20", "30"]);
  });

  it("accepts the driver keys the cost model reads", () => {
    expect(parseGridArg("spark.driver.memory=2g,4g").values).toEqual(["2g", "4g"]);
    expect(parseGridArg("spark.driver.cores=1..2").values).toEqual(["1", "2"]);
  });

  it("refuses keys the simulator does not read, suggesting the one meant", () => {
    expect(() => parseGridArg("spark.dynamicAllocation.maxExecutor=5")).toThrow(/does not read this key.*did you mean spark\.dynamicAllocation\.maxExecutors\?/);
    expect(() => parseGridArg("spark.sql.shuffle.partitions=200")).toThrow(SweepInputError);
    expect(() => parseGridArg("spark.Driver.memory=1g")).toThrow(/did you mean spark\.driver\.memory\?/);
  });

  it("refuses malformed arguments and ranges with the reason", () => {
    expect(() => parseGridArg("maxExecutors")).toThrow(/expected key=value,value/);
    expect(() => parseGridArg(`${MAX}=1,,2`)).toThrow(/empty value/);
    expect(() => parseGridArg(`${MAX}=100..10:10`)).toThrow(/end is below the start/);
    expect(() => parseGridArg(`${MAX}=10..100:0`)).toThrow(/step must be greater than 0/);
    expect(() => parseGridArg(`${MAX}=10s..20s:5s`)).toThrow(/not a whole number/);
    expect(() => parseGridArg(`${IDLE}=30s..120s`)).toThrow(/needs a step, e.g. 30s..120s:30s/);
    expect(() => parseGridArg(`${IDLE}=30s..120x:30s`)).toThrow(/unknown unit "x"/);
    expect(() => parseGridArg(`spark.dynamicAllocation.enabled=false..true:1`)).toThrow(/booleans have no ranges/);
    expect(() => parseGridArg(`${MAX}=1..1000000`)).toThrow(/at most 10000 per key/);
  });

  it("leaves values to Spark's checks: a bad value parses here and fails in validateGrid", () => {
    expect(parseGridArg(`${MAX}=ten,-1`).values).toEqual(["ten", "-1"]);
  });
});

describe("parseGrid and expandGrid", () => {
  it("expands several keys as nested loops, the first axis slowest", () => {
    const grid = parseGrid([`${MAX}=20,50,100`, `${MIN}=0,5`]);
    expect(expandGrid(grid).map((p) => [p.gridIndex, p.values[MAX], p.values[MIN]])).toEqual([
      [0, "20", "0"],
      [1, "20", "5"],
      [2, "50", "0"],
      [3, "50", "5"],
      [4, "100", "0"],
      [5, "100", "5"],
    ]);
  });

  it("is one point without --grid (the base conf alone)", () => {
    expect(expandGrid([])).toEqual([{ gridIndex: 0, values: {} }]);
  });

  it("refuses a key given twice", () => {
    expect(() => parseGrid([`${MAX}=1`, `${MAX}=2`])).toThrow(/given twice/);
  });

  it("gives every combination exactly once, in index order (property)", () => {
    const axis = (key: string) => fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 5 }).map((vs) => ({ key, values: vs.map(String) }));
    fc.assert(
      fc.property(fc.tuple(axis("a"), axis("b"), axis("c")), (axes) => {
        const grid: Grid = axes;
        const points = expandGrid(grid);
        expect(points.length).toBe(gridSize(grid));
        expect(points.map((p) => p.gridIndex)).toEqual(points.map((_, i) => i));
        expect(new Set(points.map((p) => JSON.stringify(p.values))).size).toBe(points.length);
      }),
    );
  });

  it("expands ranges to evenly spaced values within the ends (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 300 }), (start, span, step) => {
        const r = expandRange(`${start}..${start + span}:${step}`, { kind: "int" });
        if (!r.ok) throw new Error(r.message);
        const v = r.values.map(Number);
        expect(v[0]).toBe(start);
        expect(v.at(-1)!).toBeLessThanOrEqual(start + span);
        expect(v.at(-1)! + step).toBeGreaterThan(start + span);
        v.slice(1).forEach((x, i) => expect(x - v[i]!).toBe(step));
      }),
    );
  });
});
