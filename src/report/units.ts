/** Human-readable durations and numbers for terminal reports. */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "never";
  if (ms < 1000) return `${ms} ms`;
  const totalSeconds = ms / 1000;
  if (totalSeconds < 60) return `${trim(totalSeconds, 1)} s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours === 0) return `${minutes} min ${trim(seconds, 1)} s`;
  return `${hours} h ${String(minutes).padStart(2, "0")} min ${String(Math.round(seconds)).padStart(2, "0")} s`;
}

/** A Spark-style duration for config echoes: "60s", "500ms", "30min", "never". */
export function formatSparkDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "never";
  if (ms % 60000 === 0 && ms >= 60000) return `${ms / 60000}min`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export function trim(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
