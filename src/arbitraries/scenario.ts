import fc from "fast-check";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import { sparkConf, type SparkConfArbitraryOptions } from "./sparkConf.js";
import { executorStartup, workload, type WorkloadArbitraryOptions } from "./workload.js";

export interface ScenarioArbitraryOptions extends SparkConfArbitraryOptions, WorkloadArbitraryOptions {}

/** Whole scenarios: a valid conf, a workload, a start-up delay and a seed. */
export function scenario(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      c: sparkConf(options),
      w: workload(options),
      startup: executorStartup(),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      // A third of the runs on Spark's Kubernetes pod allocator, with its batch settings.
      kubernetes: fc.option(fc.record({ batch: fc.integer({ min: 1, max: 6 }), delayMs: fc.integer({ min: 101, max: 3000 }) }), { freq: 3, nil: undefined }),
    })
    .map(({ c, w, startup, seed, kubernetes }): Scenario => ({
      name: "generated",
      seed,
      sparkVersion: c.sparkVersion,
      conf:
        kubernetes === undefined
          ? c.conf
          : { ...c.conf, "spark.kubernetes.allocation.batch.size": String(kubernetes.batch), "spark.kubernetes.allocation.batch.delay": `${kubernetes.delayMs}ms` },
      cluster: kubernetes === undefined ? { executorStartupMs: startup } : { executorStartupMs: startup, manager: "kubernetes" },
      workload: w,
    }));
}
