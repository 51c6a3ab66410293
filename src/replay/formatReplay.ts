import { describeConf } from "../report/formatSummary.js";
import { formatDuration, formatNumber, formatPercent } from "../report/units.js";
import { type EventLogReadReport, describeCompleteness, listWarnings } from "../eventlog/index.js";
import type { ExtractionNotes, TaskTime } from "./ExtractionNotes.js";
import type { Compared, ModelError } from "./modelError.js";
import type { ReplayResult } from "./replay.js";

/** Columns padded to their widest cell; the first column left-aligned, the rest too (text). */
function table(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join("").trimEnd());
}

function signedDuration(ms: number): string {
  return `${ms < 0 ? "-" : "+"}${formatDuration(Math.abs(ms))}`;
}

function signedNumber(value: number, digits: number): string {
  return `${value < 0 ? "-" : "+"}${formatNumber(Math.abs(value), digits)}`;
}

function relative(c: Compared): string {
  return c.relative === undefined ? "" : ` (${c.relative >= 0 ? "+" : ""}${(c.relative * 100).toFixed(1)} %)`;
}

/**
 * The model-error block: how far the simulation of the logged workload under the logged
 * config is from the run as logged. Any effect of a change smaller than this is noise.
 */
export function formatModelError(error: ModelError, notes: ExtractionNotes): string[] {
  const title = "model error (logged workload simulated with the logged config, against the run as logged):";
  if (error.kind === "no-executors") return [title, `  n/a: ${error.reason}`];
  const rows = [
    ["", "as it ran", "simulated", "difference"],
    ["run time", formatDuration(error.runTimeMs.actual), formatDuration(error.runTimeMs.simulated), signedDuration(error.runTimeMs.difference) + relative(error.runTimeMs)],
    [
      "executor-seconds",
      formatNumber(error.executorSeconds.actual, 1),
      formatNumber(error.executorSeconds.simulated, 1),
      signedNumber(error.executorSeconds.difference, 1) + relative(error.executorSeconds),
    ],
    ["peak executors", String(error.peakExecutors.actual), String(error.peakExecutors.simulated), signedNumber(error.peakExecutors.difference, 0)],
  ];
  const lines = [title, ...table(rows)];
  lines.push(
    `  timeline error ${Number.isFinite(error.timelineError) ? formatPercent(error.timelineError) : "n/a"}` +
      "  (mean |simulated - actual| running executors over the longer run, relative to the actual mean)",
  );
  if (notes.driverTimeAfterLastJobMs >= 1000) {
    lines.push(`  the logged ${formatDuration(notes.driverTimeAfterLastJobMs)} of driver time after the last job is kept (workload.endAfterLastJobMs)`);
  }
  return lines;
}

/** Observed vs simulated side by side, so a change is read net of the model error. */
export function formatComparison(result: ReplayResult): string[] {
  const o = result.observed;
  const runs = [result.baseline, ...(result.changed === undefined ? [] : [result.changed])];
  const header = ["", "as it ran (observed)", "simulated, logged config", ...(result.changed === undefined ? [] : ["simulated, with changes"])];
  const observedRemoved = o.removals["idle-release"] + o.removals.failure;
  const rows: string[][] = [
    header,
    ["run time", formatDuration(o.runTimeMs), ...runs.map((r) => formatDuration(r.summary.makespanMs))],
    ["executor-seconds", o.hadExecutors ? formatNumber(o.executorSeconds, 1) : "n/a", ...runs.map((r) => formatNumber(r.summary.executorSeconds, 1))],
    ["core-hours", o.hadExecutors ? formatNumber(o.coreSeconds / 3600) : "n/a", ...runs.map((r) => formatNumber(r.summary.coreSeconds / 3600))],
    ["peak executors", o.hadExecutors ? String(o.peakExecutors) : "n/a", ...runs.map((r) => String(r.summary.peakExecutors))],
    ["executors added", o.hadExecutors ? String(o.executors.length) : "n/a", ...runs.map((r) => String(r.summary.executorsAdded))],
    [
      "executors removed before the end",
      o.hadExecutors ? String(observedRemoved) : "n/a",
      ...runs.map((r) => String(r.summary.executorsRemoved - r.summary.removalsByReason["application-end"])),
    ],
    ["utilisation", "n/a", ...runs.map((r) => formatPercent(r.summary.utilization))],
  ];
  const lines = table(rows);
  const keys = Object.keys(result.changes).sort();
  if (keys.length > 0) lines.push(`  changes: ${keys.map((k) => `${k}=${result.changes[k]}`).join(", ")}`);
  return lines;
}

function taskTime(t: TaskTime, what: string): string {
  return `${t.count} ${what}${t.count === 0 ? "" : ` (${formatDuration(t.taskMs)} of task time)`}`;
}

/** The modelling decisions and what was left out, one bullet each. */
export function formatExtractionNotes(notes: ExtractionNotes): string[] {
  const c = notes.counts;
  const d = notes.dropped;
  const bullets = [
    `workload jobs / stages / tasks: ${c.jobs} / ${c.stages} / ${c.tasks} (from ${c.stageAttempts} stage attempts and ${c.taskEnds} task ends); ` +
      `shuffle map stages ${c.shuffleStages}, caching stages ${c.cachingStages}, unpersists ${c.unpersists}`,
    `Spark ${notes.loggedSparkVersion ?? "version unknown"} simulated with the ${notes.modelSparkVersion} model`,
    ...notes.cluster.lines,
    ...notes.cluster.warnings.map((w) => `WARNING: ${w}`),
    `driver ready in the logged run at ${formatDuration(notes.driverReadyObservedMs)} (job 0 keeps its distance from that moment)`,
    `task attempts left out ${droppedWhy(notes)}: ${taskTime(d.failed, "failed")}, ${taskTime(d.killed, "killed")}, ` +
      `${taskTime(d.duplicate, "duplicate successes")}; ${d.speculative.count} of them speculative; ${d.resubmitted} resubmitted map outputs`,
    ...(notes.driverTimeInsideJobsMs >= 1000
      ? [`${formatDuration(notes.driverTimeInsideJobsMs)} between job starts and their first stage (driver planning inside jobs) runs as stage time earlier in the model`]
      : []),
    ...notes.messages,
  ];
  return ["extraction notes:", ...bullets.map((b) => `  - ${b}`)];
}

/** Event-log warnings shown in the replay report; `--json` has them all. */
export const REPORT_LOG_WARNINGS = 5;

/**
 * The reader's warnings (part, line and what was skipped): the first `limit`, then how many
 * more. Empty for a log without warnings.
 */
export function formatLogWarnings(report: EventLogReadReport, limit: number, more: string): string[] {
  if (report.warningCount === 0) return [];
  const { shown, more: rest } = listWarnings(report, limit);
  return [...shown.map((w) => `  warning: ${w}`), ...(rest > 0 ? [`  ... and ${rest} more warning${rest === 1 ? "" : "s"}${more}`] : [])];
}

/** Where the warnings not shown are: `--json` has every one the reader kept. */
function inJson(report: EventLogReadReport): string {
  return report.warningCount > report.warnings.length ? ` (the first ${report.warnings.length} are in --json)` : " (all in --json)";
}

/** The `dra-sim replay` report: a pure function of the replay result. */
export function formatReplay(result: ReplayResult): string {
  const n = result.notes;
  const lines = [
    `replay of "${n.appName}"${n.appId === undefined ? "" : ` (${n.appId})`} from ${result.eventLog}`,
    `log ${describeCompleteness(result.report)}`,
    ...formatLogWarnings(result.report, REPORT_LOG_WARNINGS, inJson(result.report)),
    `logged config: ${describeConf(result.baseline.result.conf)}`,
    ...(result.changed === undefined ? [] : [`with changes:  ${describeConf(result.changed.result.conf)}`]),
    "",
    ...formatModelError(result.modelError, n),
    "",
    ...formatComparison(result),
    "",
    ...formatExtractionNotes(n),
  ];
  const warnings = [...new Set([...result.baseline.warnings, ...(result.changed?.warnings ?? [])])];
  if (warnings.length > 0) lines.push("", "warnings:", ...warnings.map((w) => `  - ${w}`));
  return lines.join("\n") + "\n";
}

/**
 * Why the dropped attempts are not in the workload, and what the simulation makes of them. A
 * log with spark.speculation off keeps the wording it had before speculation was modelled (its
 * replay makes no copies), so those reports are byte-identical.
 */
function droppedWhy(notes: ExtractionNotes): string {
  if (notes.speculationReplayed !== true) {
    return notes.lossesReplayed
      ? "of task durations (the executor losses are replayed, so failed attempts happen in the simulation; no speculation)"
      : "(the model has no failures or speculation)";
  }
  const failures = notes.lossesReplayed ? "the executor losses are replayed, so failed attempts happen in the simulation" : "no failures but replayed executor losses";
  return `of task durations (${failures}; spark.speculation is on in the logged config, so the simulation makes its own copies)`;
}
