/** Human-readable durations and numbers for terminal reports. */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "never";
  if (Math.abs(ms) < 1000) return `${ms} ms`;
  if (ms < 0) return `-${formatDuration(-ms)}`;
  // Round once, to the shown precision, so 119 988 ms reads "2 min 0 s", not "1 min 60 s".
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${trim(tenths / 10, 1)} s`;
  const wholeSeconds = Math.round(ms / 1000);
  const hours = Math.floor(wholeSeconds / 3600);
  if (hours > 0) {
    const minutes = Math.floor((wholeSeconds % 3600) / 60);
    return `${hours} h ${String(minutes).padStart(2, "0")} min ${String(wholeSeconds % 60).padStart(2, "0")} s`;
  }
  const minutes = Math.floor(tenths / 600);
  return `${minutes} min ${trim((tenths % 600) / 10, 1)} s`;
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
