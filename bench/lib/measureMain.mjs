// The two ways a measure module (bench/measures/*.mjs) runs:
// - alone, `node bench/measures/startup.mjs`: prints its details, then its figures;
// - under bench/run.js, which sets BENCH_FIGURES_FILE: also writes its figures there as JSON,
//   for the run's summary table.
// Each module ends with `await runIfMain(import.meta.url, measure)`; importing it runs nothing.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { alignColumns, figureColumns } from "./figure.mjs";

/**
 * @param {string} moduleUrl import.meta.url of the measure module
 * @param {(ctx: { log: (line: string) => void }) => Promise<ReturnType<typeof import("./figure.mjs").figure>[]>} measure
 */
export async function runIfMain(moduleUrl, measure) {
  if (process.argv[1] === undefined || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  const figures = await measure({ log: (line) => console.log(line) });
  console.log(alignColumns(figures.map(figureColumns)).map((l) => `  ${l}`).join("\n"));
  const out = process.env.BENCH_FIGURES_FILE;
  if (out) writeFileSync(out, JSON.stringify(figures));
}
