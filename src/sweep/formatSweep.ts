import { safeParseSparkVersion } from "../../sim/index.js";
import { resolveRawConf, SparkConfigError } from "../run/runScenario.js";
import { formatEmrSparkDefaults } from "../scenario/jobRequestConf.js";
import { formatDuration, formatPercent } from "../report/units.js";
import { gridSize } from "./expandGrid.js";
import { formatUsd } from "./formatUsd.js";
import type { Objective } from "./Objective.js";
import { DEFAULT_PRICES, DEFAULT_PRICES_SOURCE } from "./PriceModel.js";
import { formatShard } from "./Shard.js";
import { formatPointValues, type InvalidPoint } from "./SweepError.js";
import type { ConfigResult, Recommendation, SweepAnalysis, SweepMeta, SweepRun } from "./SweepResult.js";

/** A short column header for a key: dynamic allocation keys without their prefix, others without "spark.". */
function shortKey(key: string): string {
  return key.replace(/^spark\.dynamicAllocation\./, "").replace(/^spark\./, "");
}

/** Text columns: the first `left` columns left-aligned, the others right-aligned (numbers). */
function columns(rows: readonly (readonly string[])[], left: number, indent = "  "): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => indent + r.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd());
}

function describeObjective(o: Objective): string {
  switch (o.kind) {
    case "cheapest-within":
      return `the cheapest config within ${Number((o.fraction * 100).toPrecision(12))} % of the fastest run time`;
    case "fastest-under-cost":
      return `the fastest config costing at most ${formatUsd(o.maxCostUsd)} a run`;
    case "sla":
      return `the cheapest config finishing within the SLA of ${formatDuration(o.slaMs)}`;
  }
}

function header(meta: SweepMeta): string[] {
  const points = gridSize(meta.grid);
  const lines = [
    `sweep of "${meta.scenario.name}": ${points} config${points === 1 ? "" : "s"} x ${meta.seeds} seed${meta.seeds === 1 ? "" : "s"} ` +
      `(${meta.seeds > 1 ? `seeds ${meta.scenario.baseSeed}..${meta.scenario.baseSeed + meta.seeds - 1}` : `seed ${meta.scenario.baseSeed}`}, ` +
      `Spark ${meta.scenario.sparkVersion}, spark-dra-sim ${meta.simulatorVersion})`,
  ];
  for (const a of meta.grid) lines.push(`  grid ${a.key} = ${a.values.join(", ")}`);
  const base = Object.entries(meta.baseConf);
  if (base.length > 0) lines.push(`  every config: ${base.map(([k, v]) => `${k}=${v}`).join(" ")}`);
  lines.push(
    // Prices as given, unrounded: they are the model's inputs.
    `  cost: $${meta.prices.vcpuHourUsd} per vCPU-hour + $${meta.prices.gibHourUsd} per GiB-hour of container memory, ` +
      "executors while they run and the driver for the whole run",
  );
  const isDefault = meta.prices.vcpuHourUsd === DEFAULT_PRICES.vcpuHourUsd && meta.prices.gibHourUsd === DEFAULT_PRICES.gibHourUsd;
  if (isDefault) lines.push(`  (default prices: ${DEFAULT_PRICES_SOURCE}; set yours with --price-vcpu-hour and --price-gb-hour)`);
  return lines;
}

function configRow(c: ConfigResult, keys: readonly string[], seeds: number, recommended: number | undefined): string[] {
  const cells = [c.onFront ? "*" : "", `#${c.gridIndex}`, ...keys.map((k) => c.values[k] ?? "")];
  cells.push(formatDuration(c.runTimeMs.median));
  if (seeds > 1) cells.push(formatDuration(c.runTimeMs.p90));
  cells.push(formatUsd(c.costUsd.median));
  if (seeds > 1) cells.push(formatUsd(c.costUsd.p90));
  cells.push(c.vcpuHours.toFixed(2), c.memoryGibHours.toFixed(1), String(c.peakExecutors), formatPercent(c.utilization));
  cells.push(c.gridIndex === recommended ? "<- recommended" : "");
  return cells;
}

/** The configs sorted by cost; `top` limits the rows shown (0: all). */
function formatConfigTable(analysis: SweepAnalysis, meta: SweepMeta, top = 0): string[] {
  const keys = meta.grid.map((a) => a.key);
  const seeds = meta.seeds;
  const head = ["", "", ...keys.map(shortKey), seeds > 1 ? "run time (median)" : "run time"];
  if (seeds > 1) head.push("p90");
  head.push(seeds > 1 ? "cost (median)" : "cost");
  if (seeds > 1) head.push("p90");
  head.push("vCPU-h", "GiB-h", "peak", "util", "");
  const rec = analysis.recommendation.kind === "chosen" ? analysis.recommendation.config.gridIndex : undefined;
  const shown = top > 0 ? analysis.configs.slice(0, top) : analysis.configs;
  const lines = columns([head, ...shown.map((c) => configRow(c, keys, seeds, rec))], 2 + keys.length, "");
  if (shown.length < analysis.configs.length) lines.push(`  ... ${analysis.configs.length - shown.length} more (--top 0 shows them all; --out FILE.csv writes every run)`);
  lines.push(
    `* on the Pareto front of run time against cost: no other config is both as fast and as cheap (${analysis.front.length} of ${analysis.configs.length})`,
  );
  if (seeds > 1) lines.push(`run time and cost are medians over ${seeds} seeds, p90 nearest-rank; the front and the recommendation use the medians`);
  return lines;
}

/** `--conf` lines for spark-submit, joined with shell line continuations. */
function confLines(changes: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(changes);
  if (entries.length === 0) return ["    (the scenario's own settings: nothing to change)"];
  const quote = (s: string): string => (/^[\w.,:/=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return entries.map(([k, v], i) => `    --conf ${quote(`${k}=${v}`)}${i < entries.length - 1 ? " \\" : ""}`);
}

/** Spark's start-up errors for the recommended block on its own, so a block that alone would be refused says so. */
function blockProblems(conf: Readonly<Record<string, string>>, sparkVersion: string): string[] {
  const version = safeParseSparkVersion(sparkVersion);
  if (!version.success) return [];
  try {
    resolveRawConf(conf, version.data);
    return [];
  } catch (e) {
    if (!(e instanceof SparkConfigError)) throw e;
    return [...e.issues, ...e.startupErrors].map((p) => p.message);
  }
}

export function formatRecommendation(r: Recommendation, sparkVersion: string): string[] {
  const lines = [`recommendation: ${describeObjective(r.objective)} (medians over seeds):`];
  if (r.kind === "none") return [...lines, `  none: ${r.reason}`];
  const c = r.config;
  const vsFastest =
    c.gridIndex === r.fastest.gridIndex
      ? "it is the fastest"
      : `the fastest, #${r.fastest.gridIndex}, takes ${formatDuration(r.fastest.runTimeMs.median)} for ${formatUsd(r.fastest.costUsd.median)}`;
  lines.push(
    `  #${c.gridIndex} ${formatPointValues(c.values) || "(no grid values)"}`,
    `  run time ${formatDuration(c.runTimeMs.median)}, cost ${formatUsd(c.costUsd.median)} a run; ${vsFastest}`,
    "",
    "  spark-submit options:",
    ...confLines(r.changes),
    "",
    "  EMR on EKS StartJobRun request: the spark-defaults entry of configurationOverrides.applicationConfiguration",
    "  (the scenario's dynamic allocation settings and prerequisites with the changes; --conf in sparkSubmitParameters wins over these):",
    ...JSON.stringify(formatEmrSparkDefaults(r.conf), null, 2)
      .split("\n")
      .map((l) => `    ${l}`),
  );
  const problems = blockProblems(r.conf, sparkVersion);
  if (problems.length > 0) {
    lines.push(`  note: Spark ${sparkVersion} would refuse this block on its own (${problems.join("; ")}): the job's other settings must supply what it lacks`);
  }
  return lines;
}

function formatSkipped(skipped: readonly InvalidPoint[]): string[] {
  if (skipped.length === 0) return [];
  const lines = ["", `skipped ${skipped.length} grid point${skipped.length === 1 ? "" : "s"} Spark would refuse (--skip-invalid):`];
  for (const s of skipped) lines.push(`  #${s.gridIndex} ${formatPointValues(s.values)}: ${s.messages.join("; ").replace(/\n/g, " ")}`);
  return lines;
}

/**
 * The `dra-sim sweep` and `dra-sim merge` report: a pure function of the runs and their
 * analysis (nothing about timing or workers), so a merge prints what the unsharded run printed.
 */
export function formatSweep(run: SweepRun, analysis: SweepAnalysis | undefined, top = 0): string {
  const lines = header(run.meta);
  lines.push("");
  if (analysis === undefined) {
    lines.push(
      `shard ${formatShard(run.meta.shard)}: ${run.rows.length} run${run.rows.length === 1 ? "" : "s"} of ${new Set(run.rows.map((r) => r.gridIndex)).size} configs; ` +
        "the table, the Pareto front and the recommendation need every shard: write each with --out and run dra-sim merge",
    );
  } else {
    lines.push(...formatConfigTable(analysis, run.meta, top), "", ...formatRecommendation(analysis.recommendation, run.meta.scenario.sparkVersion));
  }
  lines.push(...formatSkipped(run.skipped));
  return lines.join("\n") + "\n";
}
