import type { Grid } from "./parseGrid.js";
import { SweepInputError } from "./SweepError.js";

/** One configuration of the grid: its position and the value of every grid key. */
export interface GridPoint {
  /** Position in the expanded grid (0-based); rows, shards and outputs are keyed by it. */
  readonly gridIndex: number;
  /** Grid key to value, in axis order. */
  readonly values: Readonly<Record<string, string>>;
}

/** More points than this is a mistake rather than a sweep. */
const MAX_GRID_POINTS = 1_000_000;

export function gridSize(grid: Grid): number {
  return grid.reduce((n, axis) => n * axis.values.length, 1);
}

/**
 * Every combination of the axes' values, as nested loops in the order given: the first axis
 * varies slowest, the last fastest. A grid without axes is one point (the base conf).
 */
export function expandGrid(grid: Grid): GridPoint[] {
  const total = gridSize(grid);
  if (total > MAX_GRID_POINTS) throw new SweepInputError(`the grid has ${total} points; at most ${MAX_GRID_POINTS}`);
  const points: GridPoint[] = [];
  for (let gridIndex = 0; gridIndex < total; gridIndex++) {
    const values: Record<string, string> = {};
    let rest = gridIndex;
    // Mixed-radix digits, read from the last (fastest) axis backwards.
    const digits: number[] = new Array<number>(grid.length);
    for (let a = grid.length - 1; a >= 0; a--) {
      const n = grid[a]!.values.length;
      digits[a] = rest % n;
      rest = Math.floor(rest / n);
    }
    grid.forEach((axis, a) => (values[axis.key] = axis.values[digits[a]!]!));
    points.push({ gridIndex, values });
  }
  return points;
}
