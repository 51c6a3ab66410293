import { COL, type Timeline } from "../../sim/result/index.js";

/** Eighths of a cell, bottom-up: a column of height h is h/8 cells of these. */
const BLOCKS = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

export interface ChartOptions {
  /** Plot columns (default 60). */
  readonly width?: number;
  /** Text rows of bars (default 5). */
  readonly height?: number;
  /** Wrap the bars in an ANSI colour (only on a terminal without NO_COLOR). */
  readonly color?: boolean;
  /** Formats the x-axis end labels. */
  readonly formatTime: (ms: number) => string;
}

/**
 * The most of a step function in each of `width` equal time buckets: every row in force
 * somewhere in the bucket counts, so a short peak still shows.
 */
export function bucketMaxima(timeline: Timeline, column: number, width: number): number[] {
  const n = timeline.length;
  if (n === 0) return new Array<number>(width).fill(0);
  const endMs = timeline.get(n - 1, COL.time_ms);
  const out = new Array<number>(width).fill(0);
  const bucketOf = (ms: number): number => (endMs <= 0 ? 0 : Math.min(width - 1, Math.floor((ms / endMs) * width)));
  for (let i = 0; i < n; i++) {
    const v = timeline.get(i, column);
    const from = bucketOf(timeline.get(i, COL.time_ms));
    // In force until the next row (the last row is the end instant itself).
    const until = i + 1 < n ? timeline.get(i + 1, COL.time_ms) : endMs;
    const to = i + 1 < n && until > timeline.get(i, COL.time_ms) ? bucketOf(Math.max(until - 1e-9, 0)) : from;
    for (let b = from; b <= to; b++) if (v > out[b]!) out[b] = v;
  }
  return out;
}

/** A few lines of block characters: running executors over the run, the peak on the axis. */
export function executorChart(timeline: Timeline, options: ChartOptions): string[] {
  const width = options.width ?? 60;
  const height = options.height ?? 5;
  const values = bucketMaxima(timeline, COL.running_executors, width);
  const peak = Math.max(0, ...values);
  const endMs = timeline.length === 0 ? 0 : timeline.get(timeline.length - 1, COL.time_ms);
  const eighths = values.map((v) => (peak === 0 ? 0 : v === 0 ? 0 : Math.max(1, Math.round((v / peak) * height * 8))));
  const label = String(peak);
  const pad = " ".repeat(label.length);
  const [on, off] = options.color === true ? ["\x1b[36m", "\x1b[39m"] : ["", ""];
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const cells = eighths.map((e) => BLOCKS[Math.max(0, Math.min(8, e - row * 8))]).join("");
    lines.push(`${row === height - 1 ? label : pad} ┤${on}${cells}${off}`);
  }
  const start = options.formatTime(0);
  const end = options.formatTime(endMs);
  lines.push(`${" ".repeat(label.length - 1)}0 └${"─".repeat(width)}`);
  lines.push(`${pad}  ${start}${" ".repeat(Math.max(1, width - start.length - end.length))}${end}`);
  return lines;
}
