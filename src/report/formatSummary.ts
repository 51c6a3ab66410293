import { type ClusterManagerKind, REMOVAL_REASONS, type SimulationResult, type SparkConf, type Summary } from "../../sim/index.js";
import { executorChart } from "./executorChart.js";
import { formatClock } from "./clock.js";
import { formatDuration, formatNumber, formatPercent, formatSparkDuration } from "./units.js";

/** One line describing the allocation policy the run used. */
export function describeConf(conf: SparkConf): string {
  const slots = `${conf.executorCores} core${conf.executorCores === 1 ? "" : "s"}/executor (${conf.tasksPerExecutor} task slot${conf.tasksPerExecutor === 1 ? "" : "s"})`;
  if (!conf.dynamicAllocationEnabled) {
    const n = conf.executorInstances ?? 2;
    return `dynamic allocation off: ${n} static executor${n === 1 ? "" : "s"}, ${slots}`;
  }
  const max = conf.maxExecutors === 2147483647 ? "unbounded" : String(conf.maxExecutors);
  const tracking = conf.shuffleServiceEnabled
    ? "external shuffle service"
    : conf.shuffleTrackingActive
      ? `shuffle tracking (timeout ${formatSparkDuration(conf.shuffleTrackingTimeoutMs)})`
      : "no shuffle tracking";
  return [
    `dynamic allocation on: min ${conf.minExecutors} / initial ${conf.initialExecutors} / max ${max}`,
    slots,
    `idle ${formatSparkDuration(conf.executorIdleTimeoutMs)}, cached ${formatSparkDuration(conf.cachedExecutorIdleTimeoutMs)}`,
    tracking,
    `backlog ${formatSparkDuration(conf.schedulerBacklogTimeoutMs)} / ${formatSparkDuration(conf.sustainedSchedulerBacklogTimeoutMs)}`,
  ].join(", ");
}

export interface SummaryOptions {
  /** The text chart of running executors (default on). */
  readonly chart?: boolean;
  /** ANSI colour in the chart (the CLI's choice: a terminal without NO_COLOR). */
  readonly color?: boolean;
}

/** What each cluster manager is in Spark, for the summary's "cluster manager" row. */
const MANAGER_DESCRIPTIONS: Readonly<Record<ClusterManagerKind, string>> = {
  generic: "generic (no Kubernetes or YARN allocator model)",
  kubernetes: "kubernetes (Spark's ExecutorPodsAllocator)",
  yarn: "yarn (Spark's YarnAllocator)",
  standalone: "standalone (Spark's standalone Master)",
};

/** The cluster manager the run simulated (the scenario's `cluster.manager`, `generic` when absent). */
export function clusterManagerOf(result: Pick<SimulationResult, "scenario">): ClusterManagerKind {
  return result.scenario.cluster.manager ?? "generic";
}

/** What `formatSummary` reads of a result. */
export type SummaryInput = Pick<SimulationResult, "scenario" | "conf" | "timeline" | "warnings">;

/**
 * The fields of `result` the summary reads, without its warnings (printed apart). Not
 * `{ ...result, warnings: [] }`: a spread calls the `events` getter, which builds every event.
 */
export function withoutWarnings(result: SimulationResult): SummaryInput {
  return { scenario: result.scenario, conf: result.conf, timeline: result.timeline, warnings: [] };
}

/** The `dra-sim run` report: a pure function of the summary and result. */
export function formatSummary(summary: Summary, result: SummaryInput, options: SummaryOptions = {}): string {
  const rows: Array<[string, string]> = [
    ["cluster manager", MANAGER_DESCRIPTIONS[clusterManagerOf(result)]],
    ["run time", formatDuration(summary.makespanMs)],
    ["driver ready at", formatDuration(summary.driverReadyMs)],
    ["peak executors", String(summary.peakExecutors)],
    ["executor-hours", formatNumber(summary.executorSeconds / 3600)],
    ["core-hours", formatNumber(summary.coreSeconds / 3600)],
    ["memory GiB-hours", formatNumber(summary.memoryGibSeconds / 3600)],
    ["utilisation", `${formatPercent(summary.utilization)}  (busy task-slot time / allocated task-slot time)`],
    ["executors added", `${summary.executorsAdded}  (requested ${summary.executorsRequested}, cancelled before start ${summary.requestsCancelled})`],
    ["executors removed", String(summary.executorsRemoved)],
  ];
  for (const reason of REMOVAL_REASONS) {
    const n = summary.removalsByReason[reason];
    if (n !== undefined) rows.push([`  by ${reason}`, String(n)]);
  }
  rows.push(["jobs / stages / tasks", `${summary.jobs} / ${summary.stageAttempts} / ${summary.tasks}`]);
  if (summary.tasksFailed !== undefined) rows.push(["tasks failed", `${summary.tasksFailed}  (running on a lost executor; retried)`]);
  if (summary.jobsFailed !== undefined) rows.push(["jobs failed", `${summary.jobsFailed}  (a task failed spark.task.maxFailures times: the application stopped)`]);
  rows.push(...decommissionRows(summary));
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const lines = [
    `scenario "${summary.scenarioName}"  (seed ${summary.seed}, Spark ${summary.sparkVersion}, spark-dra-sim ${summary.simulatorVersion})`,
    describeConf(result.conf),
    "",
    ...rows.map(([k, v]) => `${k.padEnd(width)}${v}`),
  ];
  if (options.chart !== false && result.timeline.length > 0) {
    lines.push("", "running executors", ...executorChart(result.timeline, { color: options.color === true, formatTime: formatClock }));
  }
  if (result.warnings.length > 0) {
    lines.push("", "warnings:", ...result.warnings.map((w) => `  - ${w}`));
  }
  return lines.join("\n") + "\n";
}

/** The decommission rows: what was decommissioned and migrated, and SPARK-33763's counters. */
function decommissionRows(summary: Summary): Array<[string, string]> {
  const d = summary.decommission;
  if (d === undefined) return [];
  const fallback = d.shuffleBlocksToFallbackStorage > 0 ? `, ${d.shuffleBlocksToFallbackStorage} to the fallback storage` : "";
  return [
    ["decommissioned", `${d.executorsDecommissioned}  (${d.executorsDecommissioned - d.decommissionedByNotice} by scale-down, ${d.decommissionedByNotice} by a loss notice)`],
    ["blocks migrated", `${d.shuffleBlocksMigrated} shuffle${fallback}, ${d.rddBlocksMigrated} cached RDD`],
    [
      "removal metrics",
      `gracefully decommissioned ${d.gracefullyDecommissioned}, decommission unfinished ${d.decommissionUnfinished}, driver killed ${d.driverKilled}, exited unexpectedly ${d.exitedUnexpectedly}  (SPARK-33763)`,
    ],
  ];
}
