import type { DriverResources } from "./driverResources.js";
import type { Grid } from "./parseGrid.js";
import type { PriceModel } from "./PriceModel.js";
import type { RunCost } from "./runCost.js";
import type { RunMetrics } from "./runPoint.js";
import type { Shard } from "./Shard.js";
import type { InvalidPoint } from "./SweepError.js";
import type { GridWarning } from "./validateGrid.js";
import type { Objective } from "./Objective.js";

export const SWEEP_FORMAT = "dra-sim-sweep/1";

/**
 * Everything a sweep's output needs besides its rows: what was swept and how it is priced
 * and judged. It heads every CSV (sharded or not), so `merge` can rebuild the report.
 */
export interface SweepMeta {
  readonly format: typeof SWEEP_FORMAT;
  readonly simulatorVersion: string;
  /** Hash of what decides the runs (simulator version, scenario, grid, base conf, seeds): shards of one sweep share it. */
  readonly sweepId: string;
  readonly scenario: {
    readonly name: string;
    /** Seeds run are baseSeed + 0 .. seeds - 1. */
    readonly baseSeed: number;
    readonly sparkVersion: string;
    /** Hash of the whole scenario (workload, cluster, conf). */
    readonly fingerprint: string;
  };
  readonly grid: Grid;
  /** `--conf`: applied to every grid point, under the grid values. */
  readonly baseConf: Readonly<Record<string, string>>;
  /** The scenario's own `spark.dynamicAllocation.*` settings and their prerequisites (shuffle service, ...), so a recommended spark-defaults block is complete. */
  readonly dynamicAllocationConf: Readonly<Record<string, string>>;
  readonly seeds: number;
  readonly skipInvalid: boolean;
  readonly prices: PriceModel;
  readonly objective: Objective;
  readonly shard: Shard;
}

/** One run: a grid point with one seed. */
export interface SweepRow {
  readonly gridIndex: number;
  readonly seedIndex: number;
  readonly seed: number;
  readonly values: Readonly<Record<string, string>>;
  readonly driver: DriverResources;
  readonly metrics: RunMetrics;
  readonly cost: RunCost;
}

/** A sweep's runs: rows sorted by (grid index, seed index), whatever ran them. */
export interface SweepRun {
  readonly meta: SweepMeta;
  readonly rows: readonly SweepRow[];
  /** Points Spark would refuse, skipped with `--skip-invalid` (only those of this shard). */
  readonly skipped: readonly InvalidPoint[];
  readonly warnings: readonly GridWarning[];
}

/** A quantity over a config's seeds. */
export interface SeedStats {
  readonly median: number;
  /** Nearest-rank 90th percentile: a value one of the runs had. */
  readonly p90: number;
}

/** One grid point over its seeds. The recommendation and the front use the medians. */
export interface ConfigResult {
  readonly gridIndex: number;
  readonly values: Readonly<Record<string, string>>;
  readonly runs: number;
  readonly runTimeMs: SeedStats;
  readonly costUsd: SeedStats;
  readonly vcpuHours: number;
  readonly memoryGibHours: number;
  readonly peakExecutors: number;
  readonly utilization: number;
  readonly onFront: boolean;
}

export type Recommendation =
  | {
      readonly kind: "chosen";
      readonly objective: Objective;
      readonly config: ConfigResult;
      /** The fastest config (by median run time), for comparison. */
      readonly fastest: ConfigResult;
      /** Properties to set: the scenario's dynamic allocation settings, `--conf`, then the point's values. */
      readonly conf: Readonly<Record<string, string>>;
      /** Only what the sweep set (`--conf` and the grid values): the `--conf` lines to paste. */
      readonly changes: Readonly<Record<string, string>>;
    }
  | { readonly kind: "none"; readonly objective: Objective; readonly reason: string };

export interface SweepAnalysis {
  /** Sorted by median cost, then median run time, then grid index. */
  readonly configs: readonly ConfigResult[];
  /** Grid indices on the Pareto front of (median run time, median cost), fastest first. */
  readonly front: readonly number[];
  readonly recommendation: Recommendation;
}

/** `sweep`'s result: the runs, and their analysis when they cover the whole grid (not a shard of it). */
export interface SweepResult extends SweepRun {
  readonly analysis: SweepAnalysis | undefined;
}
