import type { SparkConf } from "../../sim/spark/conf/SparkConf.js";
import type { ExecutorRemovalReason } from "../../sim/spark/SparkListener.js";
import { formatSparkDuration } from "../report/units.js";

type TimeoutReason = Exclude<ExecutorRemovalReason, "application-end">;

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
