/**
 * How an error of `sweep()` names what the caller gave it: the library speaks of its options
 * (`seeds`, `workers`, `baseConf`); the CLI restates the same errors with its flags
 * (`--seeds`, `--workers`, `--conf`) when it reports them.
 */
export interface SweepWords {
  readonly seeds: string;
  readonly workers: string;
  readonly grid: string;
  readonly baseConf: string;
  readonly shard: string;
  readonly objective: string;
  readonly sla: string;
  readonly vcpuHourPrice: string;
  readonly gibHourPrice: string;
  /** The fix for grid points Spark would refuse: run the others. */
  readonly skipInvalid: string;
  /** The fix for a missing worker build: run in this thread. */
  readonly oneWorker: string;
  /** How to put a Spark property under every grid point. */
  readonly setConf: (setting: string) => string;
  /** How to run on Spark's Kubernetes pod allocator. */
  readonly kubernetes: string;
}

/** The library's own words: `SweepOptions` and `Scenario` field names. */
export const API_WORDS: SweepWords = {
  seeds: "seeds",
  workers: "workers",
  grid: "grid",
  baseConf: "baseConf",
  shard: "shard",
  objective: "objective",
  sla: "sla",
  vcpuHourPrice: "prices.vcpuHourUsd",
  gibHourPrice: "prices.gibHourUsd",
  skipInvalid: "set skipInvalid",
  oneWorker: "set workers to 1",
  setConf: (setting) => `put ${setting} in baseConf`,
  kubernetes: "set the scenario's cluster.manager to kubernetes",
};

/** A message that names what the caller gave in the caller's words. */
export type SweepPhrase = (words: SweepWords) => string;
