import { stringify } from "csv-stringify/sync";
import { RUN_METRIC_KEYS, type RunMetrics } from "./runMetrics.js";
import type { SweepAnalysis, SweepRun } from "./SweepResult.js";

/**
 * The first line of a sweep written to stdout (`--out -`, e.g. a pod's log for `kubectl logs`)
 * starts with this, followed by the metadata as one line of JSON. Files are plain CSV: their
 * metadata is in the sidecar file `sweepMetaPath(file)`.
 */
export const SWEEP_CSV_MARKER = "#dra-sim-sweep ";

/** The sidecar file holding the metadata of the sweep CSV at `csvPath`: `FILE.csv.meta.json`. */
export function sweepMetaPath(csvPath: string): string {
  return `${csvPath}.meta.json`;
}

/** The sidecar's content: the metadata as indented JSON. */
export function sweepMetaJson(run: SweepRun): string {
  return JSON.stringify(run.meta, null, 2) + "\n";
}

/** CSV column of each run metric. */
export const METRIC_COLUMNS: Readonly<Record<keyof RunMetrics, string>> = {
  makespanMs: "run_time_ms",
  driverReadyMs: "driver_ready_ms",
  executorSeconds: "executor_seconds",
  coreSeconds: "executor_core_seconds",
  memoryGibSeconds: "executor_memory_gib_seconds",
  peakExecutors: "peak_executors",
  executorsRequested: "executors_requested",
  executorsAdded: "executors_added",
  executorsRemoved: "executors_removed",
  requestsCancelled: "requests_cancelled",
  utilization: "utilization",
  busyTaskSlotSeconds: "busy_task_slot_seconds",
  allocatedTaskSlotSeconds: "allocated_task_slot_seconds",
  tasks: "tasks",
};

/** Columns derived from the others and the prices: written for readers, recomputed by `merge`. */
const DERIVED_COLUMNS = ["cost_usd", "vcpu_hours", "memory_gib_hours"] as const;

/** Columns that depend on the whole grid: empty in a shard's file, filled in a complete one. */
const ANALYSIS_COLUMNS = ["pareto", "recommended"] as const;

export function sweepCsvColumns(gridKeys: readonly string[]): string[] {
  return [
    "grid_index",
    "seed_index",
    "seed",
    ...gridKeys,
    "status",
    ...DERIVED_COLUMNS,
    ...ANALYSIS_COLUMNS,
    "driver_cores",
    "driver_memory_mib",
    ...RUN_METRIC_KEYS.map((k) => METRIC_COLUMNS[k]),
    "error",
  ];
}

/**
 * A sweep as a stream (stdout): the metadata line, then `sweepCsvTable`.
 */
export function sweepCsv(run: SweepRun, analysis?: SweepAnalysis): string {
  return `${SWEEP_CSV_MARKER}${JSON.stringify(run.meta)}\n${sweepCsvTable(run, analysis)}`;
}

/**
 * A sweep as a plain CSV (what a file holds, its metadata beside it): the header, then one row per run (grid index, then seed)
 * and one per skipped point. Numbers are written in JavaScript's shortest round-trip form, so
 * reading them back gives the very same values (a merge reproduces an unsharded run exactly).
 */
export function sweepCsvTable(run: SweepRun, analysis?: SweepAnalysis): string {
  const keys = run.meta.grid.map((a) => a.key);
  const columns = sweepCsvColumns(keys);
  const front = new Set(analysis?.front ?? []);
  const rec = analysis?.recommendation.kind === "chosen" ? analysis.recommendation.config.gridIndex : undefined;
  const mark = (on: boolean): string => (analysis === undefined ? "" : String(on));

  type Line = { index: number; seedIndex: number; cells: string[] };
  const lines: Line[] = [];
  for (const r of run.rows) {
    lines.push({
      index: r.gridIndex,
      seedIndex: r.seedIndex,
      cells: [
        String(r.gridIndex),
        String(r.seedIndex),
        String(r.seed),
        ...keys.map((k) => r.values[k] ?? ""),
        "ok",
        String(r.cost.costUsd),
        String(r.cost.vcpuHours),
        String(r.cost.memoryGibHours),
        mark(front.has(r.gridIndex)),
        mark(rec === r.gridIndex),
        String(r.driver.cores),
        String(r.driver.containerMemoryMiB),
        ...RUN_METRIC_KEYS.map((k) => String(r.metrics[k])),
        "",
      ],
    });
  }
  for (const s of run.skipped) {
    lines.push({
      index: s.gridIndex,
      seedIndex: -1,
      cells: [
        String(s.gridIndex),
        "",
        "",
        ...keys.map((k) => s.values[k] ?? ""),
        "skipped",
        ...DERIVED_COLUMNS.map(() => ""),
        mark(false),
        mark(false),
        "",
        "",
        ...RUN_METRIC_KEYS.map(() => ""),
        s.messages.join("\n"),
      ],
    });
  }
  lines.sort((a, b) => a.index - b.index || a.seedIndex - b.seedIndex);
  return stringify(
    lines.map((l) => l.cells),
    { header: true, columns, eof: true },
  );
}
