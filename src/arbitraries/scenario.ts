import fc from "fast-check";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import { sparkConf, type SparkConfArbitraryOptions } from "./sparkConf.js";
import { executorStartup, workload, type WorkloadArbitraryOptions } from "./workload.js";

export interface ScenarioArbitraryOptions extends SparkConfArbitraryOptions, WorkloadArbitraryOptions {}

/** Whole scenarios: a valid conf, a workload, a start-up delay and a seed. */
export function scenario(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({ c: sparkConf(options), w: workload(options), startup: executorStartup(), seed: fc.integer({ min: 0, max: 1_000_000 }) })
    .map(({ c, w, startup, seed }) => ({
      name: "generated",
      seed,
      sparkVersion: c.sparkVersion,
      conf: c.conf,
      cluster: { executorStartupMs: startup },
      workload: w,
    }));
}
