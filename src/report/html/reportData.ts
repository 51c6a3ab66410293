import { COL, type SimulationResult, type Summary } from "../../../sim/result/index.js";
import type { ReplayResult } from "../../replay/replay.js";
import { formatReplay } from "../../replay/formatReplay.js";
import type { SweepAnalysis, SweepRun } from "../../sweep/SweepResult.js";
import { formatSweep } from "../../sweep/formatSweep.js";
import { describeConf, formatSummary, withoutWarnings } from "../formatSummary.js";
import { configRows, type ConfigRow } from "./configRows.js";
import { runView, type RunView } from "./runView.js";

export const REPORT_FORMAT = "dra-sim-report/1";

export type ReportKind = "run" | "check" | "replay" | "sweep" | "merge";

/** A step series of executor counts: times and values. */
export interface Series {
  readonly name: string;
  readonly t: readonly number[];
  readonly v: readonly number[];
}

export interface ReplayView {
  readonly actual: Series;
  readonly simulated: readonly Series[];
  readonly error: ReplayResult["modelError"];
  /** The --conf changes: key, logged (or Spark's default), changed. */
  readonly changes: ReadonlyArray<readonly [key: string, logged: string, changed: string]>;
}

export interface SweepPoint {
  readonly gridIndex: number;
  readonly values: Readonly<Record<string, string>>;
  readonly runTimeMs: number;
  readonly runTimeP90Ms: number;
  readonly costUsd: number;
  readonly costP90Usd: number;
  /** Each seed's run: [run time ms, cost USD]. */
  readonly seeds: ReadonlyArray<readonly [number, number]>;
  readonly onFront: boolean;
}

export interface SweepView {
  readonly keys: readonly string[];
  readonly points: readonly SweepPoint[];
  /** Grid indices of the Pareto front, fastest first. */
  readonly front: readonly number[];
  readonly recommended: number | undefined;
  readonly recommendation: string;
}

/** Everything the page shows, as data (embedded as JSON; the page draws it). */
export interface ReportData {
  readonly format: typeof REPORT_FORMAT;
  readonly kind: ReportKind;
  readonly title: string;
  readonly generator: string;
  /** The terminal summary of the command, as text. */
  readonly summaryText: string;
  readonly configLine: string;
  readonly config: readonly ConfigRow[];
  readonly warnings: readonly string[];
  readonly runs: readonly RunView[];
  readonly replay: ReplayView | undefined;
  readonly sweep: SweepView | undefined;
}

const generator = (r: { simulatorVersion: string }) => `spark-dra-sim ${r.simulatorVersion}`;

/** `run` and `check`: one run's views (lanes when the result carries the model trace). */
export function runReportData(kind: "run" | "check", summary: Summary, result: SimulationResult, extraText = ""): ReportData {
  return {
    format: REPORT_FORMAT,
    kind,
    title: `${kind === "check" ? "dra-sim check" : "dra-sim run"}: ${result.scenarioName}`,
    generator: generator(result),
    summaryText: formatSummary(summary, withoutWarnings(result), { chart: false }) + extraText,
    configLine: describeConf(result.conf),
    config: configRows(result.conf),
    warnings: [...result.warnings],
    runs: [runView("run", result)],
    replay: undefined,
    sweep: undefined,
  };
}

function runningSeries(name: string, result: SimulationResult): Series {
  const tl = result.timeline;
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < tl.length; i++) {
    const value = tl.get(i, COL.running_executors);
    if (i > 0 && i < tl.length - 1 && value === v[v.length - 1]) continue;
    t.push(tl.get(i, COL.time_ms));
    v.push(value);
  }
  return { name, t, v };
}

/** `replay`: the actual and simulated executor counts, the model error, and the --conf side by side. */
export function replayReportData(r: ReplayResult): ReportData {
  const runs = [runView("simulated (logged conf)", r.baseline.result)];
  if (r.changed !== undefined) runs.push(runView("simulated with --conf changes", r.changed.result));
  const observed = r.observed.timeline;
  const actual: Series = {
    name: "actual (event log)",
    t: [...observed.map((p) => p.timeMs), r.observed.runTimeMs],
    v: [...observed.map((p) => p.runningExecutors), observed.at(-1)?.runningExecutors ?? 0],
  };
  const simulated = [runningSeries("simulated (logged conf)", r.baseline.result)];
  if (r.changed !== undefined) simulated.push(runningSeries("simulated with --conf changes", r.changed.result));
  const loggedRaw = r.baseline.result.conf.raw;
  const defaults = new Map(configRows(r.changed?.result.conf ?? r.baseline.result.conf).map((c) => [c.key, c.sparkDefault]));
  return {
    format: REPORT_FORMAT,
    kind: "replay",
    title: `dra-sim replay: ${r.notes.appName}`,
    generator: generator(r.baseline.result),
    summaryText: formatReplay(r),
    configLine: describeConf(r.baseline.result.conf),
    config: configRows(r.baseline.result.conf),
    warnings: [...r.baseline.result.warnings],
    runs,
    replay: {
      actual,
      simulated,
      error: r.modelError,
      changes: Object.entries(r.changes).map(([k, v]) => [k, loggedRaw[k] ?? `${defaults.get(k) ?? ""} (default)`, v] as const),
    },
    sweep: undefined,
  };
}

/** `sweep` and `merge`: cost against run time, seeds as spread, the front and the recommendation. */
export function sweepReportData(kind: "sweep" | "merge", run: SweepRun, analysis: SweepAnalysis | undefined): ReportData {
  const keys = run.meta.grid.map((a) => a.key);
  const seedsByPoint = new Map<number, Array<readonly [number, number]>>();
  for (const row of run.rows) {
    let list = seedsByPoint.get(row.gridIndex);
    if (list === undefined) seedsByPoint.set(row.gridIndex, (list = []));
    list.push([row.metrics.makespanMs, row.cost.costUsd]);
  }
  const points: SweepPoint[] = (analysis?.configs ?? []).map((c) => ({
    gridIndex: c.gridIndex,
    values: c.values,
    runTimeMs: c.runTimeMs.median,
    runTimeP90Ms: c.runTimeMs.p90,
    costUsd: c.costUsd.median,
    costP90Usd: c.costUsd.p90,
    seeds: seedsByPoint.get(c.gridIndex) ?? [],
    onFront: c.onFront,
  }));
  const rec = analysis?.recommendation;
  const text = formatSweep(run, analysis);
  const recStart = text.indexOf("recommendation:");
  return {
    format: REPORT_FORMAT,
    kind,
    title: `dra-sim ${kind}: ${run.meta.scenario.name}`,
    generator: `spark-dra-sim ${run.meta.simulatorVersion}`,
    summaryText: text,
    configLine: `${run.rows.length} runs of ${points.length} configs, Spark ${run.meta.scenario.sparkVersion}`,
    config: Object.entries(run.meta.baseConf).map(([key, value]) => ({ key, value, sparkDefault: "", differs: true, known: true })),
    warnings: run.warnings.map((w) => `${w.message} (${w.points} config${w.points === 1 ? "" : "s"})`),
    runs: [],
    replay: undefined,
    sweep: {
      keys,
      points,
      front: analysis?.front ?? [],
      recommended: rec?.kind === "chosen" ? rec.config.gridIndex : undefined,
      recommendation: recStart >= 0 ? text.slice(recStart) : rec?.kind === "none" ? rec.reason : "",
    },
  };
}
