import type { Scenario, SparkConf } from "../../sim/index.js";
import { simulateRun } from "./runPoint.js";
import type { RunQueue } from "./RunQueue.js";
import type { RunResults } from "./RunResults.js";
import { SeedCache } from "./SeedCache.js";

/** What a thread needs of one run: its seed and its resolved conf (`validateGrid`). */
export interface ClaimableRun {
  readonly seed: number;
  readonly conf: SparkConf;
}

/** Called when run `run` is done: its metrics are in the results, or `error` says what the engine threw. */
export type RunDone = (run: number, error?: string) => void;

/**
 * The loop every thread of a sweep runs: claim a run, run it, write its metrics into the
 * shared results, report it done, until the queue is empty. Yields to the event loop between
 * runs, so that in the main thread other threads' reports, the progress bar and Ctrl-C get
 * through.
 */
export async function runClaimed(scenario: Scenario, runs: readonly ClaimableRun[], queue: RunQueue, results: RunResults, onDone: RunDone): Promise<void> {
  const seeds = new SeedCache(scenario);
  for (let i = queue.claim(); i !== undefined; i = queue.claim()) {
    const run = runs[i]!;
    let error: string | undefined;
    try {
      const { scenario: seeded, durations } = seeds.for(run.seed);
      results.write(i, simulateRun(seeded, run.conf, durations));
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    onDone(i, error);
    await new Promise<void>((r) => setImmediate(r));
  }
}
