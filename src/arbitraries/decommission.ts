import fc from "fast-check";
import type { DecommissionSpec } from "../../sim/index.js";

/** Decommission settings for a generated scenario: Spark keys, and the cluster's block migration times. */
export interface GeneratedDecommission {
  readonly conf: Readonly<Record<string, string>>;
  readonly cluster: DecommissionSpec;
}

/**
 * `spark.decommission.enabled` with storage decommissioning on or off, shuffle and RDD block
 * migration each on or off, a short or default migration round, sometimes a force-kill timeout
 * or a fallback storage, and per-block migration times from instant to slower than a round.
 */
export function decommission(): fc.Arbitrary<GeneratedDecommission> {
  return fc
    .record({
      storage: fc.integer({ min: 0, max: 3 }).map((x) => x > 0),
      shuffle: fc.option(fc.boolean(), { nil: undefined }),
      rdd: fc.option(fc.boolean(), { nil: undefined }),
      intervalS: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      forceKillS: fc.option(fc.integer({ min: 0, max: 120 }), { freq: 3, nil: undefined }),
      fallback: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
      shuffleBlockMs: fc.integer({ min: 0, max: 40_000 }),
      rddBlockMs: fc.integer({ min: 0, max: 10_000 }),
    })
    .map((g): GeneratedDecommission => {
      const conf: Record<string, string> = { "spark.decommission.enabled": "true", "spark.storage.decommission.enabled": String(g.storage) };
      if (g.shuffle !== undefined) conf["spark.storage.decommission.shuffleBlocks.enabled"] = String(g.shuffle);
      if (g.rdd !== undefined) conf["spark.storage.decommission.rddBlocks.enabled"] = String(g.rdd);
      if (g.intervalS !== undefined) conf["spark.storage.decommission.replicationReattemptInterval"] = `${g.intervalS}s`;
      if (g.forceKillS !== undefined) conf["spark.executor.decommission.forceKillTimeout"] = `${g.forceKillS}s`;
      if (g.fallback) conf["spark.storage.decommission.fallbackStorage.path"] = "s3a://bucket/fallback/";
      return { conf, cluster: { shuffleBlockMigrationMs: g.shuffleBlockMs, rddBlockMigrationMs: g.rddBlockMs } };
    });
}
