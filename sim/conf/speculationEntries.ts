import { entry } from "./ConfigEntry.js";
import { BOOLEAN, DOUBLE, MILLISECONDS } from "./syntax.js";

/**
 * The `spark.speculation*` keys (Spark's `internal/config/package.scala`), as Spark's own
 * `ConfigEntry.findEntry` reports them in the 3.3.4, 3.4.0, 3.5.7 and 4.1.1 jars. Keys newer
 * than a version (minTaskRuntime before 3.2, the efficiency keys before 3.4) are read but
 * change nothing there: `SparkConf` resolves them to what that version hard-codes.
 */
export const SPECULATION_ENTRIES = {
  SPECULATION_ENABLED: entry({
    key: "spark.speculation",
    syntax: BOOLEAN,
    default: false,
    since: "0.6.0",
    doc: "Speculative execution: a task running much longer than its stage's median gets a copy on another executor; the first to finish wins.",
  }),
  SPECULATION_INTERVAL: entry({
    key: "spark.speculation.interval",
    syntax: MILLISECONDS,
    default: 100,
    since: "0.6.0",
    doc: "How often the driver looks for tasks to speculate (TaskSchedulerImpl.checkSpeculatableTasks).",
  }),
  SPECULATION_MULTIPLIER: entry({
    key: "spark.speculation.multiplier",
    syntax: DOUBLE,
    default: (f) => f.speculationMultiplierDefault,
    since: "0.6.0",
    doc: "A task is speculatable once it has run this many times the median successful duration of its task set (1.5; 3 from 4.0).",
  }),
  SPECULATION_QUANTILE: entry({
    key: "spark.speculation.quantile",
    syntax: DOUBLE,
    default: (f) => f.speculationQuantileDefault,
    since: "0.6.0",
    doc: "Fraction of a task set's tasks that must have succeeded before speculation is considered (0.75; 0.9 from 4.0).",
  }),
  SPECULATION_MIN_THRESHOLD: entry({
    key: "spark.speculation.minTaskRuntime",
    syntax: MILLISECONDS,
    default: 100,
    since: "3.2.0",
    doc: "Minimum run time before a task is considered for speculation (before 3.2 a fixed 100 ms).",
  }),
  SPECULATION_TASK_DURATION_THRESHOLD: entry<number | undefined>({
    key: "spark.speculation.task.duration.threshold",
    syntax: MILLISECONDS,
    default: undefined,
    since: "3.0.0",
    doc: "Speculate a task of a task set no larger than one executor's slots once it runs this long, before the quantile is reached.",
  }),
  SPECULATION_EFFICIENCY_TASK_PROCESS_RATE_MULTIPLIER: entry({
    key: "spark.speculation.efficiency.processRateMultiplier",
    syntax: DOUBLE,
    default: 0.75,
    check: { valid: (v: number) => v > 0 && v <= 1, message: "multiplier must be in (0.0, 1.0]" },
    since: "3.4.0",
    doc: "Efficiency (3.4+): a task is inefficient when its record rate is below this fraction of the stage's average.",
  }),
  SPECULATION_EFFICIENCY_TASK_DURATION_FACTOR: entry({
    key: "spark.speculation.efficiency.longRunTaskFactor",
    syntax: DOUBLE,
    default: 2.0,
    check: { valid: (v: number) => v >= 1, message: "Duration factor must be >= 1.0" },
    since: "3.4.0",
    doc: "Efficiency (3.4+): a task running this many times the speculation threshold is speculated whatever its rate.",
  }),
  SPECULATION_EFFICIENCY_ENABLE: entry({
    key: "spark.speculation.efficiency.enabled",
    syntax: BOOLEAN,
    default: true,
    since: "3.4.0",
    doc: "Efficiency (3.4+): speculate only tasks that are inefficient (by record rate or by duration).",
  }),
} as const;
