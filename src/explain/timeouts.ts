import type { ExecutorRemovalReason, SparkConf } from "../../sim/index.js";
import { formatSparkDuration } from "../report/units.js";

type TimeoutReason = Exclude<ExecutorRemovalReason, "application-end">;

/** Removals the allocation manager decided by a timeout (not the application's end or a lost executor). */
export function isTimeoutRemoval(reason: ExecutorRemovalReason | undefined): reason is "idle-timeout" | "cached-idle-timeout" | "shuffle-idle-timeout" {
  return reason === "idle-timeout" || reason === "cached-idle-timeout" || reason === "shuffle-idle-timeout";
}

/** The Spark key and value of the timeout a removal reason names. */
export function timeoutSetting(reason: TimeoutReason, conf: SparkConf): { key: string; ms: number; text: string } {
  const [key, ms] =
    reason === "idle-timeout"
      ? ["spark.dynamicAllocation.executorIdleTimeout", conf.executorIdleTimeoutMs]
      : reason === "cached-idle-timeout"
        ? ["spark.dynamicAllocation.cachedExecutorIdleTimeout", conf.cachedExecutorIdleTimeoutMs]
        : ["spark.dynamicAllocation.shuffleTracking.timeout", conf.shuffleTrackingTimeoutMs];
  return { key, ms, text: `${key} = ${formatSparkDuration(ms)}` };
}
