import fc from "fast-check";

/** A Spark version and a conf Spark would accept (its start-up checks pass). */
export interface GeneratedConf {
  readonly sparkVersion: string;
  readonly conf: Readonly<Record<string, string>>;
}

export interface SparkConfArbitraryOptions {
  /** Spark versions to draw from (default: every modelled line, plus 3.4.0 for the older timeout rule). */
  readonly versions?: readonly string[];
  /** Share of confs with dynamic allocation off (static executors), 0..1 (default 0.1). */
  readonly staticShare?: number;
  /** Largest maxExecutors (default 12: small enough to be fast, large enough for ramps). */
  readonly maxExecutorsUpTo?: number;
}

const seconds = (n: number) => `${n}s`;

/**
 * Spark confs within Spark's valid ranges: min <= initial <= max, ratio in (0, 1], timeouts
 * >= 0 (some infinite), backlog timeouts >= 1 s, task cpus <= executor cores, and never both
 * shuffle tracking and the shuffle service off (Spark refuses to start then).
 */
export function sparkConf(options: SparkConfArbitraryOptions = {}): fc.Arbitrary<GeneratedConf> {
  const versions = options.versions ?? ["3.0", "3.1", "3.2", "3.3", "3.4.0", "3.4", "3.5", "4.0", "4.1"];
  const maxUpTo = options.maxExecutorsUpTo ?? 12;
  const staticShare = options.staticShare ?? 0.1;
  return fc
    .record({
      sparkVersion: fc.constantFrom(...versions),
      // Picks are integers: fc.double favours extreme values, which would skew every share.
      dynamic: fc.integer({ min: 0, max: 999 }).map((x) => x >= staticShare * 1000),
      min: fc.integer({ min: 0, max: 3 }),
      extra: fc.integer({ min: 0, max: maxUpTo }),
      initialPick: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
      instancesPick: fc.option(fc.integer({ min: 0, max: 999 }), { freq: 4, nil: undefined }),
      ratio: fc.constantFrom("1", "1", "1", "0.5", "0.34"),
      idle: fc.integer({ min: 0, max: 120 }),
      cached: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
      shuffleTimeoutMs: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
      backlog: fc.integer({ min: 1, max: 5 }),
      sustained: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      cores: fc.integer({ min: 1, max: 8 }),
      taskCpusPick: fc.option(fc.integer({ min: 0, max: 999 }), { freq: 3, nil: undefined }),
      tracking: fc.boolean(),
      shuffleService: fc.boolean(),
      gcSeconds: fc.integer({ min: 30, max: 1800 }),
      referenceTracking: fc.integer({ min: 0, max: 9 }).map((x) => x > 0),
      localityWait: fc.option(fc.constantFrom("0", "1s", "3s", "10s", "30s"), { freq: 2, nil: undefined }),
      legacyLocalityReset: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
    })
    .map((g): GeneratedConf => {
      const max = Math.max(1, g.min + g.extra);
      /** An integer in [min, max] from a pick in 0..999. */
      const within = (pick: number) => g.min + Math.floor((pick / 1000) * (max - g.min + 1));
      const conf: Record<string, string> = {
        "spark.dynamicAllocation.enabled": String(g.dynamic),
        "spark.dynamicAllocation.minExecutors": String(g.min),
        "spark.dynamicAllocation.maxExecutors": String(max),
        "spark.dynamicAllocation.executorAllocationRatio": g.ratio,
        "spark.dynamicAllocation.executorIdleTimeout": seconds(g.idle),
        "spark.dynamicAllocation.schedulerBacklogTimeout": seconds(g.backlog),
        // Never both off: Spark refuses to start without one of them.
        "spark.dynamicAllocation.shuffleTracking.enabled": String(g.tracking || !g.shuffleService),
        "spark.shuffle.service.enabled": String(g.shuffleService),
        "spark.executor.cores": String(g.cores),
        "spark.cleaner.periodicGC.interval": seconds(g.gcSeconds),
        "spark.cleaner.referenceTracking": String(g.referenceTracking),
      };
      if (g.initialPick !== undefined) conf["spark.dynamicAllocation.initialExecutors"] = String(within(g.initialPick));
      if (g.instancesPick !== undefined) conf["spark.executor.instances"] = String(g.dynamic ? within(g.instancesPick) : 1 + Math.floor((g.instancesPick / 1000) * max));
      if (g.cached !== undefined) conf["spark.dynamicAllocation.cachedExecutorIdleTimeout"] = seconds(g.cached);
      if (g.shuffleTimeoutMs !== undefined) conf["spark.dynamicAllocation.shuffleTracking.timeout"] = `${g.shuffleTimeoutMs}ms`;
      if (g.sustained !== undefined) conf["spark.dynamicAllocation.sustainedSchedulerBacklogTimeout"] = seconds(g.sustained);
      if (g.localityWait !== undefined) conf["spark.locality.wait"] = g.localityWait;
      if (g.legacyLocalityReset) conf["spark.locality.wait.legacyResetOnTaskLaunch"] = "true";
      if (g.taskCpusPick !== undefined) conf["spark.task.cpus"] = String(1 + Math.floor((g.taskCpusPick / 1000) * g.cores));
      return { sparkVersion: g.sparkVersion, conf };
    });
}
