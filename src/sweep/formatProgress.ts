import { formatDuration } from "../report/units.js";

/**
 * One progress line for a terminal: bar, runs done / total, rate and time left (estimated
 * from the rate so far; blank until a run has finished).
 */
export function formatProgress(done: number, total: number, elapsedMs: number, barWidth = 24): string {
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * barWidth);
  const bar = `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}]`;
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const left = done > 0 && rate > 0 ? `, ~${formatDuration(Math.round(((total - done) / rate) * 1000))} left` : "";
  return `${bar} ${done}/${total} runs, ${rate.toFixed(rate >= 10 ? 0 : 1)} runs/s${left}`;
}
