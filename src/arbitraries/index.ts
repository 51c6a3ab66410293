/** fast-check arbitraries for property tests of Spark confs and workloads (`import { arbitraries } from "spark-dra-sim"`). */
export { sparkConf, type GeneratedConf, type SparkConfArbitraryOptions } from "./sparkConf.js";
export { workload, durationSpec, executorStartup, type WorkloadArbitraryOptions } from "./workload.js";
export { scenario, type ScenarioArbitraryOptions } from "./scenario.js";
export { executorLosses } from "./executorLosses.js";
