// One figure of `npm run bench`: a measured value beside its floor (the least any
// implementation could cost) or its baseline (what it is compared with), the ratio of the two,
// and the target the issue sets for it, met or not. Measure modules (bench/measures/*.mjs)
// return these; bench/run.js collects and tabulates them.
import { TARGETS } from "./targets.mjs";

/**
 * @typedef {object} FigureSpec
 * @property {string} id         stable key, e.g. "startup.version"; names a target in targets.mjs when one applies
 * @property {string} name       what was measured, e.g. "dra-sim --version (CPU)"
 * @property {number} value      the measurement, in `unit`
 * @property {string} unit       "ms", "us/task", "s", ...
 * @property {number} [floor]    the floor or baseline, in `unit`
 * @property {string} [floorName] what the floor is, e.g. "node -e 0"
 * @property {number} [ratio]    defaults to value / floor; give it when the issue states the ratio the other way (a speed-up)
 * @property {string} [ratioName] printed after the ratio, e.g. "x faster" for a speed-up; default "x"
 * @property {import("./targets.mjs").Target} [target] defaults to TARGETS[id]
 * @property {string} [note]     one short line: where the rest goes, what the floor alone does
 */

/** @param {FigureSpec} spec */
export function figure(spec) {
  const ratio = spec.ratio ?? (spec.floor === undefined ? undefined : spec.value / spec.floor);
  const target = spec.target ?? TARGETS[spec.id];
  return { ratioName: "x", ...spec, ratio, target, met: target === undefined ? undefined : isMet(target, spec.value, ratio) };
}

/** Whether `target` holds for a value and its ratio (a missing ratio never meets a ratio target). */
export function isMet(target, value, ratio) {
  const x = target.of === "value" ? value : ratio;
  if (x === undefined || !Number.isFinite(x)) return false;
  return target.op === "<=" ? x <= target.limit : x >= target.limit;
}

/** A number with as many digits as it deserves: 1234 -> "1,234", 12.3 -> "12.3", 1.234 -> "1.23". */
export function num(x) {
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString("en-US");
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** "<= 100 ms", "ratio <= 2.0". */
export function formatTarget(target) {
  if (target === undefined) return "";
  const limit = target.of === "ratio" ? target.limit.toFixed(1) : `${target.limit}${target.unit ? ` ${target.unit}` : ""}`;
  return `${target.of === "ratio" ? "ratio " : ""}${target.op} ${limit}`;
}

export function formatVerdict(f) {
  return f.met === undefined ? "" : f.met ? "met" : "NOT met";
}

/** The columns of a figure's line: name, value, floor, ratio, target, verdict. */
export function figureColumns(f) {
  return [
    f.name,
    `${num(f.value)} ${f.unit}`,
    f.floor === undefined ? "" : `${f.floorName ?? "floor"}: ${num(f.floor)} ${f.unit}`,
    f.ratio === undefined ? "" : `${f.ratio.toFixed(2)}${f.ratioName}`,
    formatTarget(f.target),
    formatVerdict(f),
  ];
}

/** Rows of columns as aligned text lines (every column padded to its widest cell). */
export function alignColumns(rows) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd());
}
