import { expandRange, isRange, MAX_AXIS_VALUES } from "./expandRange.js";
import { SweepInputError } from "./SweepError.js";
import { sweepableKey } from "./sweepableKeys.js";

/** One key of the grid and the values it takes, as Spark reads them (strings, in order). */
export interface GridAxis {
  readonly key: string;
  readonly values: readonly string[];
}

/** Axes in the order given; the last one varies fastest when the grid is expanded. */
export type Grid = readonly GridAxis[];

/**
 * Reads one `--grid key=v1,v2,...` argument. Each item is a value in Spark's syntax or a
 * range `start..end[:step]` (`10..100:10`, `30s..120s:30s`). Repeated values are kept once.
 * Values are not checked against Spark's rules here: `validateGrid` does that per point,
 * with Spark's own messages.
 */
export function parseGridArg(arg: string): GridAxis {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new SweepInputError((w) => `${w.grid} ${arg}: expected key=value,value,... e.g. ${w.grid} spark.dynamicAllocation.maxExecutors=20,50,100`);
  const key = arg.slice(0, eq).trim();
  const kind = sweepableKey(key);
  const items = arg
    .slice(eq + 1)
    .split(",")
    .map((s) => s.trim());
  if (items.some((s) => s === "")) throw new SweepInputError((w) => `${w.grid} ${arg}: empty value (values are separated by single commas)`);
  const values: string[] = [];
  for (const item of items) {
    if (!isRange(item)) {
      values.push(item);
      continue;
    }
    const r = expandRange(item, kind);
    if (!r.ok) throw new SweepInputError((w) => `${w.grid} ${key}: ${r.message}`);
    values.push(...r.values);
  }
  const unique = [...new Set(values)];
  if (unique.length > MAX_AXIS_VALUES) throw new SweepInputError((w) => `${w.grid} ${key}: ${unique.length} values; at most ${MAX_AXIS_VALUES} per key`);
  return { key, values: unique };
}

/** Reads every `--grid` argument; a key may appear once. No argument is a grid of one point. */
export function parseGrid(args: readonly string[]): Grid {
  const axes = args.map(parseGridArg);
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.key)) throw new SweepInputError((w) => `${w.grid} ${a.key} is given twice: list all its values in one ${w.grid}`);
    seen.add(a.key);
  }
  return axes;
}
