import type { Scenario, SparkConf } from "../../sim/index.js";
import { runPoint, type RunMetrics } from "./runPoint.js";
import { type RunQueue, SeedDurationCache } from "./RunQueue.js";

/** What a thread needs of one run: its seed and its resolved conf (`validateGrid`). */
export interface ClaimableRun {
  readonly seed: number;
  readonly conf: SparkConf;
}

/** A finished run: its metrics, or the message of what the engine threw. */
export type RunOutcome = { readonly metrics: RunMetrics } | { readonly error: string };

/**
 * The loop every thread of a sweep runs: claim a run, run it, hand over the outcome, until
 * the queue is empty. Yields to the event loop between runs, so that in the main thread other
 * threads' results, the progress bar and Ctrl-C get through.
 */
export async function runClaimed(scenario: Scenario, runs: readonly ClaimableRun[], queue: RunQueue, onOutcome: (run: number, outcome: RunOutcome) => void): Promise<void> {
  const durations = new SeedDurationCache();
  for (let i = queue.claim(); i !== undefined; i = queue.claim()) {
    const run = runs[i]!;
    let outcome: RunOutcome;
    try {
      outcome = { metrics: runPoint(scenario, run.conf, run.seed, durations.for(run.seed)) };
    } catch (e) {
      outcome = { error: e instanceof Error ? e.message : String(e) };
    }
    onOutcome(i, outcome);
    await new Promise<void>((r) => setImmediate(r));
  }
}
