import type { Scenario, TaskDurationCache } from "../../sim/index.js";

/** What the runs of one seed share in a thread: the scenario with that seed, and its drawn task durations. */
export interface SeedRuns {
  readonly scenario: Scenario;
  readonly durations: TaskDurationCache;
}

/**
 * What stays the same from run to run of one seed, kept for the current seed only: runs come
 * seed by seed (`RunQueue`), so the seed before is never needed again and memory stays at one
 * seed's task durations. The scenario object is made once per seed, not once per run: a new
 * object per run would make V8 see scenarios of many shapes and throw away the engine's
 * optimised code (a measured deoptimisation, bench/measures/sweep.mjs).
 */
export class SeedCache {
  private current: (SeedRuns & { readonly seed: number }) | undefined;

  constructor(private readonly scenario: Scenario) {}

  /** The scenario and duration cache of a run with `seed`. */
  for(seed: number): SeedRuns {
    if (this.current?.seed !== seed) this.current = { seed, scenario: { ...this.scenario, seed }, durations: new Map() };
    return this.current;
  }
}
