import { iterateEvents, type SimulationResult } from "../../sim/result/index.js";

/** The `--events` lines: one JSON object per event, in time order, each event made as its line is (no array of them all). */
export function* eventLines(result: SimulationResult): IterableIterator<string> {
  for (const e of iterateEvents(result)) yield JSON.stringify(e) + "\n";
}
