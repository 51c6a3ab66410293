import type { AllocationDecision } from "../../../sim/spark/ListenerTraceRecorder.js";

/** Where two decision lists first part: the index and each side's decision there (absent past its end). */
export interface Divergence {
  readonly index: number;
  readonly ours: AllocationDecision | undefined;
  readonly spark: AllocationDecision | undefined;
}

/** One decision as one short line: `12300 ms  target 4`, `request 4`, `kill 1,3`. */
export function formatDecision(d: AllocationDecision | undefined): string {
  if (d === undefined) return "(none)";
  const what = d.d === "target" ? `target ${d.target}` : d.d === "request" ? `request ${d.total}` : `kill ${d.ids.join(",")}`;
  return `${d.t} ms  ${what}`;
}

function sameDecision(a: AllocationDecision, b: AllocationDecision): boolean {
  return formatDecision(a) === formatDecision(b);
}

/** The first decision (time, kind, value) where ours and Spark's differ; undefined when they agree throughout. */
export function firstDivergence(ours: readonly AllocationDecision[], spark: readonly AllocationDecision[]): Divergence | undefined {
  const n = Math.max(ours.length, spark.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i];
    const b = spark[i];
    if (a === undefined || b === undefined || !sameDecision(a, b)) return { index: i, ours: a, spark: b };
  }
  return undefined;
}

/**
 * Both lists side by side around a divergence (`context` decisions before it, and after), the
 * divergent row marked with `>>`.
 */
export function formatSideBySide(ours: readonly AllocationDecision[], spark: readonly AllocationDecision[], divergence: Divergence, context = 8): string {
  const width = 34;
  const from = Math.max(0, divergence.index - context);
  const to = Math.min(Math.max(ours.length, spark.length), divergence.index + context + 1);
  const lines = [`   ${"#".padStart(4)}  ${"ours (dra-sim)".padEnd(width)}  Spark`];
  if (from > 0) lines.push(`   ${"...".padStart(4)}`);
  for (let i = from; i < to; i++) {
    const mark = i === divergence.index ? ">>" : "  ";
    lines.push(`${mark} ${String(i).padStart(4)}  ${formatDecision(ours[i]).padEnd(width)}  ${formatDecision(spark[i])}`);
  }
  if (to < Math.max(ours.length, spark.length)) lines.push(`   ${"...".padStart(4)}`);
  return lines.join("\n");
}

/** A short name for the kind of divergence, to count them by kind: `target: ours 3 / Spark 4`. */
export function divergenceKind(d: Divergence): string {
  const kind = (x: AllocationDecision | undefined) => (x === undefined ? "none" : x.d);
  return kind(d.ours) === kind(d.spark) ? `${kind(d.ours)} differs` : `ours ${kind(d.ours)} / Spark ${kind(d.spark)}`;
}
