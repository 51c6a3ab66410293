import type { SimulationResult } from "../../sim/result/index.js";

/** The `--events` lines: one JSON object per event, in time order. */
export function* eventLines(result: SimulationResult): IterableIterator<string> {
  for (const e of result.events) yield JSON.stringify(e) + "\n";
}
