import { ParseError, unwrap, type SafeParseResult } from "../errors.js";

/**
 * Spark versions the model distinguishes, and the behaviour switches that depend on them
 * (spec §12). A version without a patch number ("3.4") means the newest patch of that line.
 * Parsed once from text (`parseSparkVersion`) into this value, which carries its switches.
 */
export interface SparkVersion {
  readonly major: number;
  readonly minor: number;
  /** Undefined when the user gave only "major.minor". */
  readonly patch: number | undefined;
  /** The release line, "3.5". */
  readonly line: SparkVersionLine;
  /** As given, normalised ("3.5", "3.4.1"). */
  readonly label: string;
  /** The behaviour switches of this version. */
  readonly features: VersionFeatures;
}

export const SUPPORTED_VERSION_LINES = ["3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "4.0", "4.1"] as const;
export type SparkVersionLine = (typeof SUPPORTED_VERSION_LINES)[number];

/** A release line (its newest patch: "3.4") or one release of it ("3.4.1") as a version value. */
export function sparkVersionOf(line: SparkVersionLine, patch?: number): SparkVersion {
  const dot = line.indexOf(".");
  const numbers = { major: Number(line.slice(0, dot)), minor: Number(line.slice(dot + 1)), patch };
  return { ...numbers, line, label: patch === undefined ? line : `${line}.${patch}`, features: versionFeatures(numbers) };
}

export const DEFAULT_SPARK_VERSION = "3.5";

const VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

/** Reads "3.5" or "3.4.1"; the error says why when it is not a version or not a modelled one. */
export function safeParseSparkVersion(text: string): SafeParseResult<SparkVersion, ParseError> {
  const m = VERSION_RE.exec(text.trim());
  if (m === null) {
    return { success: false, error: new ParseError(`"${text}" is not a Spark version; write it as major.minor or major.minor.patch, e.g. "3.5" or "3.4.1"`) };
  }
  const line = SUPPORTED_VERSION_LINES.find((l) => l === `${Number(m[1])}.${Number(m[2])}`);
  if (line === undefined) {
    return {
      success: false,
      error: new ParseError(
        `Spark ${text} is not modelled; supported release lines are ${SUPPORTED_VERSION_LINES.join(", ")} (shuffle tracking, which this model is about, appeared in 3.0)`,
      ),
    };
  }
  return { success: true, data: sparkVersionOf(line, m[3] === undefined ? undefined : Number(m[3])) };
}

/** `safeParseSparkVersion`, throwing its `ParseError`. */
export function parseSparkVersion(text: string): SparkVersion {
  return unwrap(safeParseSparkVersion(text));
}

/**
 * Patch releases of each modelled line, first and newest, as published (Apache Spark's release
 * archive; PyPI's `pyspark` versions, read 2026-12-06). 3.1.0 was never released (the 3.1 line
 * starts at 3.1.1). A patch outside the range is refused where a user writes a version (scenario
 * files, `--spark-version`); versions read from real event logs are taken as they are.
 */
export const RELEASED_PATCHES: Readonly<Record<SparkVersionLine, readonly [number, number]>> = {
  "3.0": [0, 3],
  "3.1": [1, 3],
  "3.2": [0, 4],
  "3.3": [0, 4],
  "3.4": [0, 4],
  "3.5": [0, 9],
  "4.0": [0, 5],
  "4.1": [0, 4],
};

/** Why a version written by a user names no Spark release ("3.5.99", "3.1.0"), or undefined when it does. */
export function unreleasedPatchError(v: SparkVersion): string | undefined {
  if (v.patch === undefined) return undefined;
  const line = v.line;
  const [first, newest] = RELEASED_PATCHES[line];
  if (v.patch >= first && v.patch <= newest) return undefined;
  return `Spark ${v.label} was never released; the ${line} releases are ${line}.${first} to ${line}.${newest} (write "${line}" for the newest)`;
}

/** The numbers of a version, all the behaviour switches depend on. */
type VersionNumbers = Pick<SparkVersion, "major" | "minor" | "patch">;

function atLeast(v: VersionNumbers, major: number, minor: number, patch = 0): boolean {
  if (v.major !== major) return v.major > major;
  if (v.minor !== minor) return v.minor > minor;
  // "3.4" means the newest 3.4 patch, which is at least any 3.4.x.
  return v.patch === undefined ? true : v.patch >= patch;
}

/** The behaviour switches, each with the Spark change that introduced it. */
export interface VersionFeatures {
  /**
   * SPARK-43398 (3.3.3, 3.4.1, 3.5.0): idle deadline is max(idle, cached, shuffle) instead of
   * min(cached, shuffle). Backported to the 3.3 line, so 3.4.0 is the only newer release without it.
   */
  readonly timeoutIsMaxOfApplicable: boolean;
  /** 3.4.0 migration guide: shuffleTracking.enabled defaults to true. */
  readonly shuffleTrackingDefault: boolean;
  /** 3.1 (SPARK-29148 era): addTime is advanced only when a target actually grew. */
  readonly addTimeOnlyOnIncrease: boolean;
  /** SPARK-44727 (3.5): the four-condition shuffle-service error message. */
  readonly fourConditionShuffleMessage: boolean;
  /** SPARK-27495 (3.1): stage-level scheduling (`rdd.withResources`, a target per resource profile). */
  readonly stageLevelScheduling: boolean;
  /** 3.1: decommissioning with shuffle-block migration satisfies the shuffle-data requirement. */
  readonly decommissionSatisfiesShuffleRequirement: boolean;
  /** 3.4 migration guide: storage decommission rdd/shuffle block migration default to true. */
  readonly storageDecommissionBlocksDefault: boolean;
  /** SPARK-20624 (3.1): scale-down decommissions executors when spark.decommission.enabled is on. */
  readonly executorDecommission: boolean;
  /** SPARK-34104 (3.2): spark.executor.decommission.forceKillTimeout exists. */
  readonly decommissionForceKillTimeout: boolean;
  /** Before 3.1 (SPARK-33262, SPARK-33099): the pod allocator's 3.0 batch and deletion rules. */
  readonly kubernetesAllocatorSpark30: boolean;
  /** SPARK-36052 (3.2): spark.kubernetes.allocation.maxPendingPods exists. */
  readonly kubernetesMaxPendingPods: boolean;
  /** SPARK-50996 (4.0): spark.kubernetes.allocation.batch.size defaults to 10, not 5. */
  readonly kubernetesBatchSizeDefault: number;
  /** SPARK-49447 (4.0): spark.kubernetes.allocation.batch.delay must be > 100 ms, not > 0. */
  readonly kubernetesBatchDelayMinExclusiveMs: number;
  /** 4.0: spark.speculation.multiplier defaults to 3 and spark.speculation.quantile to 0.9 (1.5 and 0.75 before; read from the 3.5.7 and 4.1.1 jars). */
  readonly speculationMultiplierDefault: number;
  readonly speculationQuantileDefault: number;
  /** SPARK-33741 (3.2): spark.speculation.minTaskRuntime exists; before, MIN_TIME_TO_SPECULATION is a fixed 100 ms. */
  readonly speculationMinTaskRuntimeKey: boolean;
  /** SPARK-32170 (3.4): the spark.speculation.efficiency.* rules. */
  readonly speculationEfficiency: boolean;
  /**
   * 3.4: successful durations in a `PercentileHeap` (the median is sorted[floor(n / 2)]); before,
   * a `MedianHeap` (the mean of the two middle values when n is even).
   */
  readonly speculationPercentileHeap: boolean;
  /**
   * SPARK-41192 (3.4.0, not in 3.3.x): the allocation listener keeps pending speculative tasks as
   * a set of indices, dropped when the original succeeds; before, a counter that only a
   * speculative task's end or the stage's completion lowers.
   */
  readonly pendingSpeculativeTaskIndices: boolean;
  /** SPARK-18886 (3.1): the delay-scheduling timer resets only when an offer round launched without a delay rejection. */
  readonly delaySchedulingResetOnNoRejects: boolean;
}

export function versionFeatures(v: VersionNumbers): VersionFeatures {
  return {
    timeoutIsMaxOfApplicable: atLeast(v, 3, 4, 1) || (v.major === 3 && v.minor === 3 && atLeast(v, 3, 3, 3)),
    shuffleTrackingDefault: atLeast(v, 3, 4),
    addTimeOnlyOnIncrease: atLeast(v, 3, 1),
    fourConditionShuffleMessage: atLeast(v, 3, 5),
    stageLevelScheduling: atLeast(v, 3, 1),
    decommissionSatisfiesShuffleRequirement: atLeast(v, 3, 1),
    storageDecommissionBlocksDefault: atLeast(v, 3, 4),
    executorDecommission: atLeast(v, 3, 1),
    decommissionForceKillTimeout: atLeast(v, 3, 2),
    kubernetesAllocatorSpark30: !atLeast(v, 3, 1),
    kubernetesMaxPendingPods: atLeast(v, 3, 2),
    kubernetesBatchSizeDefault: atLeast(v, 4, 0) ? 10 : 5,
    kubernetesBatchDelayMinExclusiveMs: atLeast(v, 4, 0) ? 100 : 0,
    speculationMultiplierDefault: atLeast(v, 4, 0) ? 3 : 1.5,
    speculationQuantileDefault: atLeast(v, 4, 0) ? 0.9 : 0.75,
    speculationMinTaskRuntimeKey: atLeast(v, 3, 2),
    speculationEfficiency: atLeast(v, 3, 4),
    speculationPercentileHeap: atLeast(v, 3, 4),
    pendingSpeculativeTaskIndices: atLeast(v, 3, 4),
    delaySchedulingResetOnNoRejects: atLeast(v, 3, 1),
  };
}
