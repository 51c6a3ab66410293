import { gridSize } from "./expandGrid.js";
import { formatObjective, type Objective } from "./Objective.js";
import type { PriceModel } from "./PriceModel.js";
import { runCost } from "./runCost.js";
import { formatShard, inShard, WHOLE_GRID } from "./Shard.js";
import { SweepInputError, type InvalidPoint } from "./SweepError.js";
import { normalizeMeta } from "./sweepMeta.js";
import type { SweepRow, SweepRun } from "./SweepResult.js";

export interface MergeOptions {
  /** Judge with this objective instead of the one the shards were run with. */
  readonly objective?: Objective;
  /** Price with these instead of the shards' prices. */
  readonly prices?: PriceModel;
}

/**
 * Combines the files of every shard of one sweep into the run an unsharded sweep gives: the
 * same metadata (shard 0/1), rows and skipped points, so `analyzeSweep` and `sweepCsv` give
 * the same report and the same CSV. Checks that the files belong together (same sweep id,
 * prices and objective, unless overridden), that each shard is there once, and that every
 * grid point is there with all its seeds or as skipped.
 * @param sources the file names, for messages, in the order of `parts`.
 */
export function mergeSweeps(parts: readonly SweepRun[], sources: readonly string[], options: MergeOptions = {}): SweepRun {
  const first = parts[0];
  if (first === undefined) throw new SweepInputError("merge needs at least one CSV file");
  const name = (i: number): string => sources[i] ?? `file ${i + 1}`;
  const n = first.meta.shard.count;
  const byShard = new Map<number, number>();
  parts.forEach((p, i) => {
    const m = p.meta;
    if (m.sweepId !== first.meta.sweepId) {
      throw new SweepInputError(
        `${name(i)} is from another sweep than ${name(0)} (sweep id ${m.sweepId}, not ${first.meta.sweepId}): the scenario, grid, --conf, --seeds or simulator version differ`,
      );
    }
    if (m.shard.count !== n) throw new SweepInputError(`${name(i)} is shard ${formatShard(m.shard)} but ${name(0)} is shard ${formatShard(first.meta.shard)}: use one --shard i/n count`);
    const dup = byShard.get(m.shard.index);
    if (dup !== undefined) throw new SweepInputError(`${name(i)} and ${name(dup)} are both shard ${formatShard(m.shard)}`);
    byShard.set(m.shard.index, i);
    if (m.skipInvalid !== first.meta.skipInvalid) throw new SweepInputError(`${name(i)} and ${name(0)} differ in --skip-invalid: run every shard with the same options`);
    if (options.prices === undefined && (m.prices.vcpuHourUsd !== first.meta.prices.vcpuHourUsd || m.prices.gibHourUsd !== first.meta.prices.gibHourUsd)) {
      throw new SweepInputError(`${name(i)} was priced differently from ${name(0)}: pass --price-vcpu-hour and --price-gb-hour to merge to price them all alike`);
    }
    if (options.objective === undefined && formatObjective(m.objective) !== formatObjective(first.meta.objective)) {
      throw new SweepInputError(`${name(i)} has objective ${formatObjective(m.objective)}, ${name(0)} ${formatObjective(first.meta.objective)}: pass --objective (or --sla) to merge`);
    }
  });
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !byShard.has(i));
  if (missing.length > 0) throw new SweepInputError(`shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${n}`).join(", ")} missing: merge needs every shard's file`);

  const prices = options.prices ?? first.meta.prices;
  const rows: SweepRow[] = [];
  const skipped: InvalidPoint[] = [];
  parts.forEach((p, i) => {
    for (const r of p.rows) {
      if (!inShard(r.gridIndex, p.meta.shard)) throw new SweepInputError(`${name(i)}: grid point #${r.gridIndex} is not in shard ${formatShard(p.meta.shard)}`);
      rows.push(options.prices === undefined ? r : { ...r, cost: runCost(r.metrics, r.driver, prices) });
    }
    for (const s of p.skipped) {
      if (!inShard(s.gridIndex, p.meta.shard)) throw new SweepInputError(`${name(i)}: grid point #${s.gridIndex} is not in shard ${formatShard(p.meta.shard)}`);
      skipped.push(s);
    }
  });
  rows.sort((a, b) => a.gridIndex - b.gridIndex || a.seedIndex - b.seedIndex);
  skipped.sort((a, b) => a.gridIndex - b.gridIndex);

  // Every point: all seeds once, or skipped. A truncated file shows up here.
  const seeds = first.meta.seeds;
  const seen = new Map<number, number>();
  for (const r of rows) {
    const k = seen.get(r.gridIndex) ?? 0;
    if (r.seedIndex !== k) throw new SweepInputError(`grid point #${r.gridIndex} has seed index ${r.seedIndex} where ${k} was expected (a file repeated or cut short?)`);
    seen.set(r.gridIndex, k + 1);
  }
  const skippedSet = new Set(skipped.map((s) => s.gridIndex));
  for (let g = 0; g < gridSize(first.meta.grid); g++) {
    const k = seen.get(g) ?? 0;
    if (skippedSet.has(g) ? k !== 0 : k !== seeds) {
      const file = name(byShard.get(g % n)!);
      throw new SweepInputError(`${file}: grid point #${g} has ${k} of ${seeds} runs${skippedSet.has(g) ? " and is also marked skipped" : ""} (was the file cut short?)`);
    }
  }
  const meta = normalizeMeta({ ...first.meta, shard: WHOLE_GRID, prices, objective: options.objective ?? first.meta.objective });
  return { meta, rows, skipped, warnings: [] };
}
