import { entry, type ConfigEntry, type ConfValue } from "./ConfigEntry.js";
import type { VersionFeatures } from "./SparkVersion.js";
import { BOOLEAN, INT, MILLISECONDS, PATH, SECONDS } from "./syntax.js";

/**
 * The keys of executor decommissioning (`internal/config/package.scala`, 3.1+): scale-down
 * decommissions instead of killing, blocks migrate to peers or the fallback storage, and the
 * driver force-kills a straggler. Spread into the registry's `config`; declared here so the
 * feature's keys read as one group.
 */
export const DECOMMISSION_ENTRIES = {
  DECOMMISSION_ENABLED: entry({
    key: "spark.decommission.enabled",
    syntax: BOOLEAN,
    default: false,
    since: "3.1.0",
    doc: "Scale-down decommissions executors (tasks finish, blocks migrate) instead of killing them; a notice before an executor loss decommissions it (3.1+).",
  }),
  STORAGE_DECOMMISSION_ENABLED: entry({
    key: "spark.storage.decommission.enabled",
    syntax: BOOLEAN,
    default: false,
    since: "3.1.0",
    doc: "A decommissioning executor migrates its blocks (BlockManagerDecommissioner) before it exits.",
  }),
  STORAGE_DECOMMISSION_SHUFFLE_BLOCKS_ENABLED: entry({
    key: "spark.storage.decommission.shuffleBlocks.enabled",
    syntax: BOOLEAN,
    default: (f) => f.storageDecommissionBlocksDefault,
    since: "3.1.0",
    doc: "Migrate shuffle blocks when decommissioning (default true from 3.4).",
  }),
  STORAGE_DECOMMISSION_RDD_BLOCKS_ENABLED: entry({
    key: "spark.storage.decommission.rddBlocks.enabled",
    syntax: BOOLEAN,
    default: (f) => f.storageDecommissionBlocksDefault,
    since: "3.1.0",
    doc: "Migrate cached RDD blocks when decommissioning (default true from 3.4).",
  }),
  STORAGE_DECOMMISSION_SHUFFLE_MAX_THREADS: entry({
    key: "spark.storage.decommission.shuffleBlocks.maxThreads",
    syntax: INT,
    default: 8,
    check: { valid: (v) => v > 0, message: "The maximum number of threads should be positive" },
    since: "3.1.0",
    doc: "Shuffle blocks migrate in parallel to at most this many peers at once.",
  }),
  STORAGE_DECOMMISSION_REPLICATION_REATTEMPT_INTERVAL: entry({
    key: "spark.storage.decommission.replicationReattemptInterval",
    syntax: MILLISECONDS,
    default: 30_000,
    check: { valid: (v) => v > 0, message: "Time interval between two consecutive attempts of blocks migration should be positive." },
    since: "3.1.0",
    doc: "Internal: the migration rounds' period; an executor exits after a round that finds every block migrated.",
  }),
  STORAGE_DECOMMISSION_FALLBACK_STORAGE_PATH: entry<boolean | undefined>({
    key: "spark.storage.decommission.fallbackStorage.path",
    syntax: PATH,
    default: undefined,
    since: "3.1.0",
    doc: "Shuffle blocks also migrate to this storage (an object store), where they outlive every executor; only whether it is set is read.",
  }),
  EXECUTOR_DECOMMISSION_KILL_INTERVAL: entry<number | undefined>({
    key: "spark.executor.decommission.killInterval",
    syntax: SECONDS,
    default: undefined,
    since: "3.1.0",
    doc: "The time an outside service gives a decommissioned executor before killing it; Spark reads it only to pick tasks to speculate.",
  }),
  EXECUTOR_DECOMMISSION_FORCE_KILL_TIMEOUT: entry<number | undefined>({
    key: "spark.executor.decommission.forceKillTimeout",
    syntax: SECONDS,
    default: undefined,
    since: "3.2.0",
    doc: "The driver kills a decommissioning executor still alive this long after its decommission (3.2+); unset: never.",
  }),
} as const;

/** What the model does with decommissioning: `SparkConf.decommission`, read once. */
export interface DecommissionSettings {
  /** `spark.decommission.enabled` on a version that has it (3.1+). */
  readonly enabled: boolean;
  /** Blocks migrate (`spark.storage.decommission.enabled`), shuffle and RDD blocks each by their key. */
  readonly storageEnabled: boolean;
  readonly shuffleBlocksEnabled: boolean;
  readonly rddBlocksEnabled: boolean;
  readonly shuffleMaxThreads: number;
  readonly replicationReattemptIntervalMs: number;
  /** `spark.storage.decommission.fallbackStorage.path` is set. */
  readonly fallbackStorage: boolean;
  readonly killIntervalMs: number | undefined;
  /** Undefined when unset, or before 3.2 (the key did not exist). */
  readonly forceKillTimeoutMs: number | undefined;
}

/** An entry's value as `parseConf` reads it. */
type Get = <T extends ConfValue>(entry: ConfigEntry<T>) => T;

/** The decommission settings from the conf's entries, as the version has them. */
export function decommissionSettings(get: Get, features: VersionFeatures): DecommissionSettings {
  const e = DECOMMISSION_ENTRIES;
  return {
    enabled: features.executorDecommission && get(e.DECOMMISSION_ENABLED),
    storageEnabled: get(e.STORAGE_DECOMMISSION_ENABLED),
    shuffleBlocksEnabled: get(e.STORAGE_DECOMMISSION_SHUFFLE_BLOCKS_ENABLED),
    rddBlocksEnabled: get(e.STORAGE_DECOMMISSION_RDD_BLOCKS_ENABLED),
    shuffleMaxThreads: get(e.STORAGE_DECOMMISSION_SHUFFLE_MAX_THREADS),
    replicationReattemptIntervalMs: get(e.STORAGE_DECOMMISSION_REPLICATION_REATTEMPT_INTERVAL),
    fallbackStorage: get(e.STORAGE_DECOMMISSION_FALLBACK_STORAGE_PATH) === true,
    killIntervalMs: get(e.EXECUTOR_DECOMMISSION_KILL_INTERVAL),
    forceKillTimeoutMs: features.decommissionForceKillTimeout ? get(e.EXECUTOR_DECOMMISSION_FORCE_KILL_TIMEOUT) : undefined,
  };
}
