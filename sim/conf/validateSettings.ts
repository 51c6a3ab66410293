import { config } from "./registry.js";
import type { SparkConf } from "./SparkConf.js";

/** A setting that makes Spark refuse to start, with Spark's own exception text. */
export interface SparkStartupError {
  /** Where Spark throws it. */
  readonly origin: "ExecutorAllocationManager.validateSettings" | "SchedulerBackendUtils" | "ResourceProfile" | "TaskSchedulerImpl.start";
  readonly exception: "org.apache.spark.SparkException" | "java.lang.IllegalArgumentException";
  readonly message: string;
  /** The keys (and their values as given or defaulted) that cause it. */
  readonly keys: readonly string[];
}

const MIN = config.DYN_ALLOCATION_MIN_EXECUTORS.key;
const MAX = config.DYN_ALLOCATION_MAX_EXECUTORS.key;

/**
 * Every check Spark runs at start-up that the conf fails, in Spark's order; Spark itself stops
 * at the first. Covers `ExecutorAllocationManager.validateSettings` (spec §9, version wording),
 * the YARN/Kubernetes `min <= initial <= max` requirement (§3) and the task-cpus check.
 */
export function validateSettings(conf: SparkConf): SparkStartupError[] {
  const errors: SparkStartupError[] = [];
  const profile = resourceProfileError(conf);
  if (profile !== undefined) errors.push(profile);
  const speculation = speculationIntervalError(conf);
  if (speculation !== undefined) errors.push(speculation);
  if (!conf.dynamicAllocationEnabled) return errors;
  for (const { message, keys } of allocationManagerErrors(conf)) {
    errors.push({ origin: "ExecutorAllocationManager.validateSettings", exception: "org.apache.spark.SparkException", message, keys });
  }
  const initial = initialTargetError(conf);
  if (initial !== undefined) errors.push(initial);
  return errors;
}

/** `ResourceProfile`: an executor must fit at least one task. */
function resourceProfileError(conf: SparkConf): SparkStartupError | undefined {
  if (conf.executorCores >= conf.taskCpus && conf.taskCpus >= 1) return undefined;
  return {
    origin: "ResourceProfile",
    exception: "org.apache.spark.SparkException",
    message:
      conf.taskCpus < 1
        ? `spark.task.cpus must be at least 1 (was ${conf.taskCpus}).`
        : `The number of cores per executor (=${conf.executorCores}) has to be >= the number of cpus per task = ${conf.taskCpus}.`,
    keys: [config.EXECUTOR_CORES.key, config.CPUS_PER_TASK.key],
  };
}

/** `TaskSchedulerImpl.start` schedules the speculation check with `scheduleWithFixedDelay`, which refuses a delay <= 0. */
function speculationIntervalError(conf: SparkConf): SparkStartupError | undefined {
  if (!conf.speculation || conf.speculationSettings.intervalMs > 0) return undefined;
  return {
    origin: "TaskSchedulerImpl.start",
    exception: "java.lang.IllegalArgumentException",
    message: `spark.speculation.interval must be > 0 with spark.speculation=true (was ${conf.speculationSettings.intervalMs} ms): ScheduledExecutorService.scheduleWithFixedDelay refuses it`,
    keys: [config.SPECULATION_INTERVAL.key],
  };
}

interface Failed {
  readonly message: string;
  readonly keys: string[];
}

/** `ExecutorAllocationManager.validateSettings`: every requirement the conf fails, in its order. */
function allocationManagerErrors(conf: SparkConf): Failed[] {
  const failed: Failed[] = [];
  const fail = (message: string, ...keys: string[]): void => void failed.push({ message, keys });
  const { minExecutors: min, maxExecutors: max } = conf;
  if (min < 0 || max < 0) fail(`${MIN} and ${MAX} must be positive!`, MIN, MAX);
  if (max === 0) fail(`${MAX} cannot be 0!`, MAX);
  if (min > max) fail(`${MIN} (${min}) must be less than or equal to ${MAX} (${max})!`, MIN, MAX);
  const backlog = config.DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT.key;
  if (conf.schedulerBacklogTimeoutMs <= 0) fail(`${backlog} must be > 0!`, backlog);
  const sustained = config.DYN_ALLOCATION_SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT.key;
  // The doubled "s" is in Spark's own message.
  if (conf.sustainedSchedulerBacklogTimeoutMs <= 0) fail(`s${sustained} must be > 0!`, sustained);
  const shuffle = shuffleRequirementMessage(conf);
  if (shuffle !== undefined) fail(shuffle, config.SHUFFLE_SERVICE_ENABLED.key, config.DYN_ALLOCATION_SHUFFLE_TRACKING_ENABLED.key);
  const ratio = conf.executorAllocationRatio;
  const ratioKey = config.DYN_ALLOCATION_EXECUTOR_ALLOCATION_RATIO.key;
  if (ratio > 1.0 || ratio <= 0.0) fail(`${ratioKey} must be > 0 and <= 1.0`, ratioKey);
  return failed;
}

/** Dynamic allocation needs somewhere for shuffle data to outlive executors; Spark's wording by version. */
function shuffleRequirementMessage(conf: SparkConf): string | undefined {
  const f = conf.features;
  const shuffleDecommission =
    f.decommissionSatisfiesShuffleRequirement && conf.decommissionEnabled && conf.storageDecommissionShuffleBlocksEnabled;
  if (conf.shuffleServiceEnabled || conf.shuffleTrackingEnabledSetting || shuffleDecommission || conf.testing) return undefined;
  return f.fourConditionShuffleMessage
    ? "Dynamic allocation of executors requires one of the following conditions: 1) enabling external shuffle service through spark.shuffle.service.enabled. 2) enabling shuffle tracking through spark.dynamicAllocation.shuffleTracking.enabled. 3) enabling shuffle blocks decommission through spark.decommission.enabled and spark.storage.decommission.shuffleBlocks.enabled. 4) (Experimental) configuring spark.shuffle.sort.io.plugin.class to use a custom ShuffleDataIO who's ShuffleDriverComponents supports reliable storage."
    : "Dynamic allocation of executors requires the external shuffle service. You may enable this through spark.shuffle.service.enabled.";
}

/** `SchedulerBackendUtils.getInitialTargetExecutorNumber` (YARN and Kubernetes backends). */
function initialTargetError(conf: SparkConf): SparkStartupError | undefined {
  const { minExecutors: min, maxExecutors: max, initialExecutors: initial } = conf;
  if (min <= initial && initial <= max) return undefined;
  return {
    origin: "SchedulerBackendUtils",
    exception: "java.lang.IllegalArgumentException",
    message: `requirement failed: initial executor number ${initial} must between min executor number ${min} and max executor number ${max}`,
    keys: [MIN, config.DYN_ALLOCATION_INITIAL_EXECUTORS.key, config.EXECUTOR_INSTANCES.key, MAX],
  };
}
