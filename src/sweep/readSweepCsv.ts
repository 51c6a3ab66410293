import { gridSize } from "./expandGrid.js";
import { safeParseCsv } from "./parseCsv.js";
import type { PriceModel } from "./PriceModel.js";
import { runCost } from "./runCost.js";
import { RUN_METRIC_KEYS, type RunMetrics } from "./runMetrics.js";
import { SweepInputError, type InvalidPoint } from "./SweepError.js";
import { METRIC_COLUMNS, SWEEP_CSV_MARKER, sweepCsvColumns } from "./sweepCsv.js";
import { normalizeMeta } from "./sweepMeta.js";
import { SWEEP_FORMAT, type SweepMeta, type SweepRow, type SweepRun } from "./SweepResult.js";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks the shape of the metadata JSON enough that nothing downstream meets a missing field. */
function readMeta(json: string, source: string): SweepMeta {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new SweepInputError(`${source}: the metadata is not JSON (${(e as Error).message})`);
  }
  const bad = (what: string): never => {
    throw new SweepInputError(`${source}: the metadata has no valid ${what}; is this file written by dra-sim sweep?`);
  };
  if (!isRecord(value)) return bad("object");
  if (value["format"] !== SWEEP_FORMAT) {
    throw new SweepInputError(`${source}: format ${JSON.stringify(value["format"])} is not ${SWEEP_FORMAT} (written by another version of dra-sim?)`);
  }
  const sc = value["scenario"];
  if (!isRecord(sc) || typeof sc["name"] !== "string" || typeof sc["baseSeed"] !== "number" || typeof sc["sparkVersion"] !== "string" || typeof sc["fingerprint"] !== "string") bad("scenario");
  const grid = value["grid"];
  if (!Array.isArray(grid) || !grid.every((a) => isRecord(a) && typeof a["key"] === "string" && Array.isArray(a["values"]) && (a["values"] as unknown[]).every((v) => typeof v === "string"))) bad("grid");
  const strings = (v: unknown): boolean => isRecord(v) && Object.values(v).every((x) => typeof x === "string");
  if (!strings(value["baseConf"])) bad("baseConf");
  if (!strings(value["dynamicAllocationConf"])) bad("dynamicAllocationConf");
  if (typeof value["seeds"] !== "number" || !Number.isSafeInteger(value["seeds"]) || value["seeds"] < 1) bad("seeds");
  const prices = value["prices"];
  if (!isRecord(prices) || typeof prices["vcpuHourUsd"] !== "number" || typeof prices["gibHourUsd"] !== "number") bad("prices");
  const shard = value["shard"];
  if (!isRecord(shard) || !Number.isSafeInteger(shard["index"]) || !Number.isSafeInteger(shard["count"])) bad("shard");
  if (typeof value["sweepId"] !== "string" || typeof value["simulatorVersion"] !== "string" || typeof value["skipInvalid"] !== "boolean") bad("sweepId");
  return normalizeMeta(value as unknown as SweepMeta);
}

export interface ReadSweepCsvOptions {
  /** Price the runs with these instead of the metadata's prices (costs are recomputed either way). */
  readonly prices?: PriceModel;
  /** The sidecar's text and name, for a plain CSV file (one without the metadata line of stdout). */
  readonly meta?: { readonly text: string; readonly source: string };
}

/**
 * Reads a sweep back into the runs it holds: a plain CSV written by `sweepCsvTable` with its
 * metadata in `options.meta` (the sidecar file), or the stdout form of `sweepCsv`. Costs are recomputed from
 * the resources with `runCost`, so they match the original exactly, or follow new prices.
 * Lines before the metadata line are ignored (e.g. log lines around `kubectl logs` output).
 * @throws SweepInputError naming the file and line of anything it cannot read.
 */
export function readSweepCsv(text: string, source: string, options: ReadSweepCsvOptions = {}): SweepRun & { readonly ignoredLines: number } {
  const lines = text.split("\n");
  const marker = lines.findIndex((l) => l.startsWith(SWEEP_CSV_MARKER));
  let metaFromFile: SweepMeta;
  if (marker >= 0) {
    metaFromFile = readMeta(lines[marker]!.slice(SWEEP_CSV_MARKER.length).trimEnd(), `${source}:${marker + 1}`);
  } else if (options.meta !== undefined) {
    metaFromFile = readMeta(options.meta.text, options.meta.source);
  } else {
    throw new SweepInputError(`${source}: no sweep metadata (neither a sidecar file nor a "${SWEEP_CSV_MARKER.trim()}" line): not a CSV written by dra-sim sweep`);
  }
  // The table starts after the metadata line (stdout form) or at the top (a plain file).
  const start = marker + 1;
  const meta: SweepMeta = options.prices === undefined ? metaFromFile : { ...metaFromFile, prices: options.prices };
  const parsed = safeParseCsv(lines.slice(start).join("\n"), start + 1);
  if (!parsed.success) throw new SweepInputError(`${source}:${parsed.error.line}: ${parsed.error.message}`);
  const [header, ...records] = parsed.data;
  const keys = meta.grid.map((a) => a.key);
  const expected = sweepCsvColumns(keys);
  if (header === undefined || header.fields.join(",") !== expected.join(",")) {
    throw new SweepInputError(`${source}:${start + 1}: the header is not the one the metadata's grid gives:\n  expected ${expected.join(",")}`);
  }
  const col = new Map(expected.map((c, i) => [c, i]));
  const total = gridSize(meta.grid);

  const rows: SweepRow[] = [];
  const skipped: InvalidPoint[] = [];
  for (const rec of records) {
    if (rec.fields.length === 1 && rec.fields[0] === "") continue;
    const at = (c: string): string => rec.fields[col.get(c)!] ?? "";
    const fail = (what: string): never => {
      throw new SweepInputError(`${source}:${rec.line}: ${what}`);
    };
    if (rec.fields.length !== expected.length) fail(`${rec.fields.length} fields, expected ${expected.length}`);
    const num = (c: string): number => {
      const t = at(c);
      const v = t === "" ? NaN : Number(t);
      return Number.isFinite(v) ? v : fail(`${c} "${t}" is not a number`);
    };
    const gridIndex = num("grid_index");
    if (!Number.isSafeInteger(gridIndex) || gridIndex < 0 || gridIndex >= total) fail(`grid_index ${gridIndex} is outside the grid of ${total} points`);
    const values = Object.fromEntries(keys.map((k) => [k, at(k)]));
    const status = at("status");
    if (status === "skipped") {
      skipped.push({ gridIndex, values, messages: at("error").split("\n") });
      continue;
    }
    if (status !== "ok") fail(`status "${status}" is neither ok nor skipped`);
    const metrics = Object.fromEntries(RUN_METRIC_KEYS.map((k) => [k, num(METRIC_COLUMNS[k])])) as unknown as RunMetrics;
    const driver = { cores: num("driver_cores"), containerMemoryMiB: num("driver_memory_mib") };
    rows.push({ gridIndex, seedIndex: num("seed_index"), seed: num("seed"), values, driver, metrics, cost: runCost(metrics, driver, meta.prices) });
  }
  rows.sort((a, b) => a.gridIndex - b.gridIndex || a.seedIndex - b.seedIndex);
  skipped.sort((a, b) => a.gridIndex - b.gridIndex);
  return { meta, rows, skipped, warnings: [], ignoredLines: Math.max(marker, 0) };
}
