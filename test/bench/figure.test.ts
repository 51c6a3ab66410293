// The verdicts `npm run bench` prints: a figure against the target, met or not.
import { describe, expect, it } from "vitest";

interface Target {
  of: "value" | "ratio";
  op: "<=" | ">=";
  limit: number;
  unit?: string;
}
interface Figure {
  id: string;
  value: number;
  ratio?: number;
  target?: Target;
  met?: boolean;
}
interface FigureModule {
  figure(spec: Record<string, unknown>): Figure;
  figureColumns(f: Figure): string[];
  alignColumns(rows: string[][]): string[];
}
// bench/ is plain JavaScript (run with node, no build): imported by a computed path, typed here.
const bench = (await import(String(new URL("../../bench/lib/figure.mjs", import.meta.url)))) as FigureModule;

describe("bench figures", () => {
  it("judges a value target on the value itself, whatever the ratio", () => {
    const over = bench.figure({ id: "startup.version", name: "v", value: 101, unit: "ms", floor: 99 });
    expect(over.target).toMatchObject({ of: "value", op: "<=", limit: 100 });
    expect(over.met).toBe(false);
    expect(bench.figure({ id: "startup.version", name: "v", value: 100, unit: "ms", floor: 20 }).met).toBe(true);
  });

  it("judges a ratio target on value / floor, and on a ratio the measure gives", () => {
    expect(bench.figure({ id: "engine.floor", name: "e", value: 2.1, unit: "s", floor: 1 }).met).toBe(false);
    expect(bench.figure({ id: "engine.floor", name: "e", value: 2, unit: "s", floor: 1 }).ratio).toBe(2);
    expect(bench.figure({ id: "engine.floor", name: "e", value: 2, unit: "s", floor: 1 }).met).toBe(true);
    // A speed-up: larger is better, stated the other way round by the measure.
    expect(bench.figure({ id: "sweep.speedup", name: "s", value: 10, unit: "s", floor: 17, ratio: 1.7 }).met).toBe(false);
    expect(bench.figure({ id: "sweep.speedup", name: "s", value: 10, unit: "s", floor: 18, ratio: 1.8 }).met).toBe(true);
  });

  it("never meets a ratio target without a ratio, and has no verdict without a target", () => {
    expect(bench.figure({ id: "replay.floor", name: "r", value: 3, unit: "s" }).met).toBe(false);
    const free = bench.figure({ id: "no.target", name: "x", value: 3, unit: "s", floor: 1 });
    expect(free.met).toBeUndefined();
    expect(bench.figureColumns(free).at(-1)).toBe("");
  });

  it("prints value, floor, ratio, target and verdict in aligned columns", () => {
    const rows = [
      bench.figure({ id: "startup.version", name: "dra-sim --version", value: 72.4, unit: "ms", floor: 61.5, floorName: "node -e 0" }),
      bench.figure({ id: "engine.floor", name: "engine, 1M tasks", value: 2300, unit: "ms", floor: 400, floorName: "bare queue" }),
    ].map((f) => bench.figureColumns(f));
    const lines = bench.alignColumns(rows);
    expect(lines[0]).toMatch(/^dra-sim --version +72\.4 ms +node -e 0: 61\.5 ms +1\.18x +<= 100 ms +met$/);
    expect(lines[1]).toMatch(/^engine, 1M tasks +2,300 ms +bare queue: 400 ms +5\.75x +ratio <= 2\.0 +NOT met$/);
    expect(lines[0]!.indexOf("node -e 0")).toBe(lines[1]!.indexOf("bare queue"));
  });
});
