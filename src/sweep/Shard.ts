import { SweepInputError } from "./SweepError.js";

/** The `index`-th of `count` disjoint slices of a grid (0-based, as Kubernetes' `JOB_COMPLETION_INDEX`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole grid. */
export const WHOLE_GRID: Shard = Object.freeze({ index: 0, count: 1 });

/** Reads a shard `i/n` with 0 <= i < n (the CLI's `--shard`). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new SweepInputError((w) => `${w.shard} ${text}: expected i/n with 0 <= i < n, e.g. ${w.shard} 0/4 (i is 0-based, like JOB_COMPLETION_INDEX)`);
  }
  return { index, count };
}

/**
 * Grid point `gridIndex` belongs to shard `gridIndex mod n`. Dealing points round-robin
 * rather than in blocks spreads the slow and the fast configs (neighbours in the grid cost
 * alike) over every shard, so the shards finish at about the same time.
 */
export function inShard(gridIndex: number, shard: Shard): boolean {
  return gridIndex % shard.count === shard.index;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
