import type { SimulationResult, Summary } from "../../sim/result/index.js";
import { clusterManagerOf } from "./formatSummary.js";

/** The `--json` document: the summary plus the effective config and warnings. */
export function summaryJson(summary: Summary, result: SimulationResult): Record<string, unknown> {
  const c = result.conf;
  return {
    formatVersion: result.formatVersion,
    ...summary,
    /** The cluster manager simulated: generic, kubernetes or yarn. */
    clusterManager: clusterManagerOf(result),
    executorHours: summary.executorSeconds / 3600,
    coreHours: summary.coreSeconds / 3600,
    config: {
      dynamicAllocationEnabled: c.dynamicAllocationEnabled,
      minExecutors: c.minExecutors,
      initialExecutors: c.initialExecutors,
      maxExecutors: c.maxExecutors,
      executorCores: c.executorCores,
      taskCpus: c.taskCpus,
      executorMemoryMiB: c.executorMemoryMiB,
      executorIdleTimeoutMs: finiteOrNull(c.executorIdleTimeoutMs),
      cachedExecutorIdleTimeoutMs: finiteOrNull(c.cachedExecutorIdleTimeoutMs),
      shuffleTrackingActive: c.shuffleTrackingActive,
      shuffleTrackingTimeoutMs: finiteOrNull(c.shuffleTrackingTimeoutMs),
      shuffleServiceEnabled: c.shuffleServiceEnabled,
      schedulerBacklogTimeoutMs: c.schedulerBacklogTimeoutMs,
      sustainedSchedulerBacklogTimeoutMs: c.sustainedSchedulerBacklogTimeoutMs,
      executorAllocationRatio: c.executorAllocationRatio,
    },
    sparkConf: c.raw,
    warnings: result.warnings,
  };
}

/** JSON has no Infinity: "never" is null. */
function finiteOrNull(ms: number): number | null {
  return Number.isFinite(ms) ? ms : null;
}
