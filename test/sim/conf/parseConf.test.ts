import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseConf, safeParseConf } from "../../../sim/conf/parseConf.js";
import { SparkConfigError } from "../../../sim/conf/SparkConfigError.js";
import { CONF_ENTRIES } from "../../../sim/conf/registry.js";
import { parseSparkVersion, type SparkVersion } from "../../../sim/conf/SparkVersion.js";
import { sparkConf } from "../../helpers/builders.js";

const v = (text: string): SparkVersion => {
  const r = parseSparkVersion(text);
  return r;
};
const conf = sparkConf;
const DRA = { "spark.dynamicAllocation.enabled": "true" };

describe("parseConf: Spark's defaults, units and derived values", () => {
  it("applies Spark's defaults (idle 60 s, cached and shuffle timeouts never, backlog 1 s, max Int.MaxValue)", () => {
    const c = conf(DRA);
    expect(c).toMatchObject({
      minExecutors: 0,
      maxExecutors: 2147483647,
      initialExecutors: 0,
      executorIdleTimeoutMs: 60_000,
      cachedExecutorIdleTimeoutMs: Infinity,
      shuffleTrackingTimeoutMs: Infinity,
      schedulerBacklogTimeoutMs: 1000,
      sustainedSchedulerBacklogTimeoutMs: 1000,
      executorAllocationRatio: 1,
      executorCores: 1,
      tasksPerExecutor: 1,
      executorMemoryMiB: 1024,
      cleanerPeriodicGcIntervalMs: 1_800_000,
    });
  });

  it("shuffle tracking defaults to true from 3.4 and to false before (3.4 migration guide)", () => {
    expect(conf(DRA, "3.3").shuffleTrackingEnabledSetting).toBe(false);
    expect(conf(DRA, "3.4").shuffleTrackingEnabledSetting).toBe(true);
    expect(conf(DRA, "4.0").shuffleTrackingEnabledSetting).toBe(true);
  });

  it("tracking is inactive when the external shuffle service is on (ExecutorMonitor's rule)", () => {
    expect(conf({ ...DRA, "spark.shuffle.service.enabled": "true" }).shuffleTrackingActive).toBe(false);
  });

  it("initial = max(min, initial, spark.executor.instances)", () => {
    expect(conf({ ...DRA, "spark.dynamicAllocation.minExecutors": "5", "spark.dynamicAllocation.initialExecutors": "3" }).initialExecutors).toBe(5);
    expect(conf({ ...DRA, "spark.dynamicAllocation.initialExecutors": "3", "spark.executor.instances": "4" }).initialExecutors).toBe(4);
    expect(conf({ ...DRA, "spark.dynamicAllocation.minExecutors": "2" }).initialExecutors).toBe(2);
  });

  it("sustained backlog falls back to the backlog timeout; seconds keys truncate", () => {
    const c = conf({ ...DRA, "spark.dynamicAllocation.schedulerBacklogTimeout": "2500ms" });
    expect(c.schedulerBacklogTimeoutMs).toBe(2000);
    expect(c.sustainedSchedulerBacklogTimeoutMs).toBe(2000);
    expect(conf({ ...DRA, "spark.dynamicAllocation.executorIdleTimeout": "500ms" }).executorIdleTimeoutMs).toBe(0);
    expect(conf({ ...DRA, "spark.dynamicAllocation.shuffleTracking.timeout": "1500" }).shuffleTrackingTimeoutMs).toBe(1500);
  });

  it("tasks per executor = floor(cores / task cpus); container memory adds max(384 MiB, 10%)", () => {
    expect(conf({ "spark.executor.cores": "7", "spark.task.cpus": "2" }).tasksPerExecutor).toBe(3);
    expect(conf({ "spark.executor.memory": "20g" }).executorContainerMemoryMiB).toBe(20_480 + 2048);
    expect(conf({ "spark.executor.memory": "1g" }).executorContainerMemoryMiB).toBe(1024 + 384);
    expect(conf({ "spark.executor.memory": "4g", "spark.executor.memoryOverhead": "1g" }).executorContainerMemoryMiB).toBe(5120);
  });

  it("reports values Spark cannot read with Spark's exception, and checkValue failures with its wording", () => {
    const r = safeParseConf({ ...DRA, "spark.dynamicAllocation.maxExecutors": "lots", "spark.dynamicAllocation.executorIdleTimeout": "-5s" }, v("3.5"));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toEqual([
      { key: "spark.dynamicAllocation.maxExecutors", value: "lots", exception: "java.lang.IllegalArgumentException", message: "spark.dynamicAllocation.maxExecutors should be int, but was lots" },
      { key: "spark.dynamicAllocation.executorIdleTimeout", value: "-5s", exception: "java.lang.IllegalArgumentException", message: "'-5' in spark.dynamicAllocation.executorIdleTimeout is invalid. Timeout must be >= 0." },
    ]);
  });

  it("does not read dynamic allocation keys when it is off, as Spark does (their problems become warnings)", () => {
    const r = safeParseConf({ "spark.dynamicAllocation.maxExecutors": "lots" }, v("3.5"));
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.warnings.join("\n")).toContain("spark.dynamicAllocation.maxExecutors=lots is not valid");
  });

  it("an ignored unreadable key that falls back to another takes that key's value (not undefined, which made initialExecutors NaN)", () => {
    const r = parseConf(
      { "spark.dynamicAllocation.minExecutors": "2", "spark.dynamicAllocation.initialExecutors": "many", "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout": "soon" },
      v("3.5"),
    );
    expect(r.conf).toMatchObject({ initialExecutorsSetting: 2, initialExecutors: 2, sustainedSchedulerBacklogTimeoutMs: 1000 });
    expect(r.warnings.join("\n")).toContain("spark.dynamicAllocation.initialExecutors=many is not valid");
  });

  it("warns about a misspelt dynamic allocation key, suggesting the right one", () => {
    const r = parseConf({ ...DRA, "spark.dynamicAllocation.maxExecutor": "10" }, v("3.5"));
    expect(r.warnings.join("\n")).toContain("did you mean spark.dynamicAllocation.maxExecutors?");
  });
});

describe("keys the model reads but cannot act on", () => {
  it("warns that spark.shuffle.service.fetch.rdd.enabled changes nothing (cached blocks are memory-only)", () => {
    const r = parseConf({ "spark.shuffle.service.enabled": "true", "spark.shuffle.service.fetch.rdd.enabled": "true" }, v("3.5"));
    expect(r.warnings.join("\n")).toContain("spark.shuffle.service.fetch.rdd.enabled=true: cached blocks are modelled as memory-only");
  });
});

describe("near misses of keys the model reads", () => {
  it("warn for spark.executor.* and spark.shuffle.* typos too", () => {
    const r = parseConf({ "spark.executor.instance": "4", "spark.shuffle.service.enable": "true", "spark.executor.extraJavaOptions": "-Xss4m" }, v("3.5"));
    const text = r.warnings.join("\n");
    expect(text).toContain("spark.executor.instance is not a key Spark knows here; did you mean spark.executor.instances?");
    expect(text).toContain("did you mean spark.shuffle.service.enabled?");
    expect(text).not.toContain("extraJavaOptions");
  });
});

describe("safeParseConf / parseConf", () => {
  it("safeParseConf never throws, whatever the keys and values; parseConf throws its SparkConfigError exactly when it fails", () => {
    const keys = fc.oneof(fc.constantFrom(...CONF_ENTRIES.map((e) => e.key)), fc.string());
    const values = fc.oneof(fc.string(), fc.constantFrom("true", "false", "0", "-1", "10", "2147483648", "1.5", "60s", "-5s", "1g", "512m", ""));
    fc.assert(
      fc.property(fc.dictionary(keys, values, { maxKeys: 8 }), fc.constantFrom("3.0", "3.4.0", "3.5", "4.1"), (raw, version) => {
        const r = safeParseConf(raw, v(version));
        if (r.success) expect(parseConf(raw, v(version))).toEqual(r.data);
        else {
          expect(r.error).toBeInstanceOf(SparkConfigError);
          expect(r.error.issues.length).toBeGreaterThan(0);
          expect(() => parseConf(raw, v(version))).toThrow(SparkConfigError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
