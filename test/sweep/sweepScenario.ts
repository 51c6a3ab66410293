import type { Scenario } from "../../sim/scenario/Scenario.js";
import { draConf, job, scenario, stage } from "../helpers/builders.js";

/** A small workload with random task and start-up times, so seeds give different runs. */
export function randomWorkload(seed = 11): Scenario {
  return {
    ...scenario({
      seed,
      conf: draConf({
        "spark.dynamicAllocation.shuffleTracking.timeout": "30s",
        "spark.executor.cores": "2",
        "spark.executor.memory": "4g",
        "spark.driver.cores": "2",
        "spark.driver.memory": "4g",
      }),
      startupMs: { distribution: "lognormal", medianMs: 5_000, p95Ms: 15_000 },
      jobs: [
        job([stage(0, 300, { distribution: "lognormal", medianMs: 2_000, p95Ms: 9_000 }, { shuffleId: 0 }), stage(1, 60, { distribution: "exponential", meanMs: 1_500 }, { parents: [0] })]),
        job([stage(2, 120, { distribution: "uniform", minMs: 500, maxMs: 4_000 })], { afterPreviousMs: 40_000 }),
      ],
    }),
    name: "random-workload",
  };
}
