import { availableParallelism } from "node:os";
import type { Scenario } from "../../sim/index.js";
import { analyzeSweep } from "./analyzeSweep.js";
import { expandGrid } from "./expandGrid.js";
import { DEFAULT_OBJECTIVE, type Objective } from "./Objective.js";
import type { Grid } from "./parseGrid.js";
import { DEFAULT_PRICES, type PriceModel } from "./PriceModel.js";
import { runCost } from "./runCost.js";
import { runTasks, type RunTask } from "./runTasks.js";
import { inShard, WHOLE_GRID, type Shard } from "./Shard.js";
import { SweepConfigError, SweepInputError } from "./SweepError.js";
import { sweepMeta } from "./sweepMeta.js";
import type { SweepResult, SweepRow } from "./SweepResult.js";
import { sweepableKey } from "./sweepableKeys.js";
import { validateGrid, type ValidPoint } from "./validateGrid.js";

export interface SweepOptions {
  /** Spark properties applied to every grid point, under the grid's values (the CLI's `--conf`). */
  readonly baseConf?: Readonly<Record<string, string>>;
  /** Runs per config, with seeds `scenario.seed + 0 .. seeds - 1`. Default 1. */
  readonly seeds?: number;
  /**
   * Parallel runs: the calling thread's and, past 1, those of `workers - 1` `worker_threads`
   * (which need the compiled `dist/`); each thread claims one run at a time until none is
   * left. Default `os.availableParallelism()`.
   */
  readonly workers?: number;
  readonly prices?: PriceModel;
  /** What the recommendation optimises. Default: cheapest within 10 % of the fastest run time. */
  readonly objective?: Objective;
  /** Run only this slice of the grid (default: all of it). */
  readonly shard?: Shard;
  /** Skip grid points Spark would refuse instead of throwing `SweepConfigError`. Default false. */
  readonly skipInvalid?: boolean;
  /** Called after each run finishes, with runs done and runs in total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** `SweepOptions` with every default filled in and checked. */
interface SweepParameters {
  readonly baseConf: Readonly<Record<string, string>>;
  readonly seeds: number;
  readonly workers: number;
  readonly prices: PriceModel;
  readonly objective: Objective;
  readonly shard: Shard;
  readonly skipInvalid: boolean;
  readonly onProgress: (done: number, total: number) => void;
}

function wholeNumber(name: "seeds" | "workers", value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new SweepInputError((w) => `${w[name]} ${value}: must be a whole number >= ${min}`);
  return value;
}

function resolveSweepOptions(options: SweepOptions = {}): SweepParameters {
  const prices = options.prices ?? DEFAULT_PRICES;
  for (const [name, v] of [["vcpuHourPrice", prices.vcpuHourUsd], ["gibHourPrice", prices.gibHourUsd]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new SweepInputError((w) => `${w[name]} ${v}: must be a price in US dollars >= 0`);
  }
  const shard = options.shard ?? WHOLE_GRID;
  if (!Number.isSafeInteger(shard.count) || shard.count < 1 || !Number.isSafeInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new SweepInputError((w) => `${w.shard} ${shard.index}/${shard.count}: expected i/n with 0 <= i < n`);
  }
  return {
    baseConf: { ...(options.baseConf ?? {}) },
    seeds: wholeNumber("seeds", options.seeds ?? 1, 1),
    workers: wholeNumber("workers", options.workers ?? availableParallelism(), 1),
    prices,
    objective: options.objective ?? DEFAULT_OBJECTIVE,
    shard,
    skipInvalid: options.skipInvalid ?? false,
    onProgress: options.onProgress ?? (() => {}),
  };
}

/**
 * A grid axis whose values cannot change any run would give identical rows and a
 * meaningless recommendation: dynamic allocation keys while it is off everywhere, Kubernetes
 * allocation keys on the generic cluster manager.
 */
function rejectAxesWithoutEffect(scenario: Scenario, grid: Grid, valid: readonly ValidPoint[]): void {
  const draKeys = grid.map((a) => a.key).filter((k) => k.startsWith("spark.dynamicAllocation.") && k !== "spark.dynamicAllocation.enabled");
  if (draKeys.length > 0 && valid.length > 0 && valid.every((pt) => !pt.dynamicAllocationEnabled)) {
    throw new SweepInputError(
      (w) =>
        `dynamic allocation is off in every config (spark.dynamicAllocation.enabled is not true), so ${draKeys.join(", ")} change nothing: ${w.setConf("spark.dynamicAllocation.enabled=true")} to sweep them`,
    );
  }
  const k8sKeys = grid.map((a) => a.key).filter((k) => k.startsWith("spark.kubernetes.allocation."));
  if (k8sKeys.length > 0 && scenario.cluster.manager !== "kubernetes") {
    throw new SweepInputError((w) => `${k8sKeys.join(", ")} only act on Spark's Kubernetes pod allocator: ${w.kubernetes}`);
  }
}

/** One run of a sweep: a valid grid point with one of its seeds. */
export interface SweepRun {
  readonly pt: ValidPoint;
  readonly seedIndex: number;
  readonly seed: number;
}

/**
 * Every run of the shard, grid point by grid point, seed by seed (the tasks and then the rows,
 * in this order). A point's runs share its conf, resolved once by `validateGrid`: that is what
 * the workers receive, never the point's raw settings to read again per seed.
 */
export function shardRuns(valid: readonly ValidPoint[], shard: Shard, seeds: number, baseSeed: number): SweepRun[] {
  return valid
    .filter((pt) => inShard(pt.gridIndex, shard))
    .flatMap((pt) => Array.from({ length: seeds }, (_, seedIndex) => ({ pt, seedIndex, seed: baseSeed + seedIndex })));
}

/**
 * Runs every config of `grid` over one workload and prices each run.
 *
 * 1. Expands the grid (first axis slowest) and reads every point's conf the way Spark would
 *    at start-up, plus the driver's size. If Spark would refuse any point, throws one
 *    `SweepConfigError` listing them all before anything runs (or, with `skipInvalid`, lists
 *    them in `skipped`). The whole grid is checked even for a shard, so all shards agree.
 * 2. Runs each point of the shard with seeds `scenario.seed + 0 .. seeds - 1` on `workers`
 *    threads (`runTasks`: the runs are claimed seed by seed, one at a time). A run's seed is
 *    fixed by its seed index, never by scheduling, and rows come back sorted by (grid index,
 *    seed index): the result does not depend on the worker count.
 * 3. Prices each run (`runCost`: executors for the time they ran, the driver for the whole
 *    run) and, when the shard is the whole grid, analyses the configs: medians and p90s over
 *    seeds, the Pareto front of median run time against median cost, and the recommendation
 *    for the objective (on the medians).
 *
 * @throws SweepInputError for a bad grid key, option or shard; SweepConfigError as above;
 *   SweepRunError when a run cannot finish (a simulator bug), naming the point and seed.
 */
export async function sweep(scenario: Scenario, grid: Grid, options: SweepOptions = {}): Promise<SweepResult> {
  const p = resolveSweepOptions(options);
  for (const axis of grid) {
    sweepableKey(axis.key);
    if (axis.values.length === 0) throw new SweepInputError((w) => `${w.grid} ${axis.key}: no values`);
  }
  if (!Number.isSafeInteger(scenario.seed + p.seeds)) throw new SweepInputError((w) => `${w.seeds} ${p.seeds}: seed ${scenario.seed} + ${p.seeds} is too large`);

  for (const axis of grid) {
    // Two values for one key, one silently winning, would mislabel every row.
    if (p.baseConf[axis.key] !== undefined) {
      const given = p.baseConf[axis.key];
      throw new SweepInputError((w) => `${w.grid} ${axis.key} and ${w.baseConf} ${axis.key}=${given}: give the key in one of them (the grid's values would win)`);
    }
  }
  const points = expandGrid(grid);
  const validation = validateGrid(scenario, points, p.baseConf);
  rejectAxesWithoutEffect(scenario, grid, validation.valid);
  if (validation.invalid.length > 0 && !p.skipInvalid) throw new SweepConfigError(validation.invalid, points.length);

  const runs = shardRuns(validation.valid, p.shard, p.seeds, scenario.seed);
  const tasks: RunTask[] = runs.map(({ pt, seed }) => ({ gridIndex: pt.gridIndex, values: pt.values, seed, conf: pt.conf }));
  p.onProgress(0, tasks.length);
  const metrics = await runTasks(scenario, tasks, p.workers, (done) => p.onProgress(done, tasks.length));

  const rows: SweepRow[] = runs.map(({ pt, seedIndex, seed }, t) => {
    const m = metrics[t]!;
    return { gridIndex: pt.gridIndex, seedIndex, seed, values: pt.values, driver: pt.driver, metrics: m, cost: runCost(m, pt.driver, p.prices) };
  });
  const meta = sweepMeta({ scenario, grid, baseConf: p.baseConf, seeds: p.seeds, skipInvalid: p.skipInvalid, prices: p.prices, objective: p.objective, shard: p.shard });
  const run = {
    meta,
    rows,
    skipped: validation.invalid.filter((pt) => inShard(pt.gridIndex, p.shard)),
    warnings: validation.warnings,
  };
  return { ...run, analysis: p.shard.count === 1 ? analyzeSweep(run, p.objective) : undefined };
}
