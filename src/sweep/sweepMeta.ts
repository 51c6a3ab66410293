import { createHash } from "node:crypto";
import { type Scenario, SIMULATOR_VERSION } from "../../sim/index.js";
import { plainLists } from "../scenario/plainJson.js";
import { normalizeObjective, type Objective } from "./Objective.js";
import type { Grid } from "./parseGrid.js";
import type { PriceModel } from "./PriceModel.js";
import type { Shard } from "./Shard.js";
import { SWEEP_FORMAT, type SweepMeta } from "./SweepResult.js";

function hash(value: unknown): string {
  // A replayed workload's durations are Float64Arrays: hashed as the lists they hold.
  return createHash("sha256").update(JSON.stringify(value, plainLists)).digest("hex").slice(0, 16);
}

const DRA_PREFIX = "spark.dynamicAllocation.";

/**
 * Keys outside `spark.dynamicAllocation.*` that dynamic allocation needs to start or that
 * change what it does: without them a recommended block could be one Spark refuses (no
 * shuffle service, no tracking) or one that runs differently from what was simulated.
 */
const ALLOCATION_PREREQUISITES = new Set([
  "spark.shuffle.service.enabled",
  "spark.shuffle.service.fetch.rdd.enabled",
  "spark.decommission.enabled",
  "spark.storage.decommission.shuffleBlocks.enabled",
  "spark.executor.instances",
]);

/** The scenario's dynamic allocation keys and their prerequisites, sorted. */
export function dynamicAllocationConf(conf: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(conf)
      .filter(([k]) => k.startsWith(DRA_PREFIX) || ALLOCATION_PREREQUISITES.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

export interface SweepMetaInput {
  readonly scenario: Scenario;
  readonly grid: Grid;
  readonly baseConf: Readonly<Record<string, string>>;
  readonly seeds: number;
  readonly skipInvalid: boolean;
  readonly prices: PriceModel;
  readonly objective: Objective;
  readonly shard: Shard;
}

/**
 * Builds the metadata with its keys in one fixed order (the CSV writes it as JSON, and a
 * merged file must be byte-identical to an unsharded one).
 */
export function sweepMeta(input: SweepMetaInput): SweepMeta {
  const fingerprint = hash(input.scenario);
  const meta = normalizeMeta({
    format: SWEEP_FORMAT,
    simulatorVersion: SIMULATOR_VERSION,
    sweepId: "",
    scenario: { name: input.scenario.name, baseSeed: input.scenario.seed, sparkVersion: input.scenario.sparkVersion, fingerprint },
    grid: input.grid,
    baseConf: input.baseConf,
    dynamicAllocationConf: dynamicAllocationConf(input.scenario.conf),
    seeds: input.seeds,
    skipInvalid: input.skipInvalid,
    prices: input.prices,
    objective: input.objective,
    shard: input.shard,
  });
  // The id hashes the grid and base conf as normalized (copied, keys in order), filled in at its place.
  return { ...meta, sweepId: hash({ simulatorVersion: SIMULATOR_VERSION, fingerprint, grid: meta.grid, baseConf: meta.baseConf, seeds: input.seeds }) };
}

/** The same metadata with keys in the canonical order (for metadata read back from a CSV). */
export function normalizeMeta(m: SweepMeta): SweepMeta {
  return {
    format: m.format,
    simulatorVersion: m.simulatorVersion,
    sweepId: m.sweepId,
    scenario: { name: m.scenario.name, baseSeed: m.scenario.baseSeed, sparkVersion: m.scenario.sparkVersion, fingerprint: m.scenario.fingerprint },
    grid: m.grid.map((a) => ({ key: a.key, values: [...a.values] })),
    baseConf: { ...m.baseConf },
    dynamicAllocationConf: { ...m.dynamicAllocationConf },
    seeds: m.seeds,
    skipInvalid: m.skipInvalid,
    prices: { vcpuHourUsd: m.prices.vcpuHourUsd, gibHourUsd: m.prices.gibHourUsd },
    objective: normalizeObjective(m.objective, "sweep metadata"),
    shard: { index: m.shard.index, count: m.shard.count },
  };
}
