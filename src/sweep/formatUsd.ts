/** Dollars with the precision a bill of that size shows: "$0.0421", "$1.234", "$123.45". */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return "n/a";
  const a = Math.abs(usd);
  const digits = a >= 100 ? 2 : a >= 1 ? 3 : 4;
  return `${usd < 0 ? "-" : ""}$${a.toFixed(digits)}`;
}
