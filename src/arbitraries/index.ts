/**
 * fast-check arbitraries for property tests of Spark confs and workloads: the package entry
 * point `spark-dra-sim/arbitraries` (`import * as arbitraries from "spark-dra-sim/arbitraries"`).
 * fast-check is an optional peer dependency: only this entry imports it.
 */
export { sparkConf, type GeneratedConf, type SparkConfArbitraryOptions } from "./sparkConf.js";
export { workload, durationSpec, executorStartup, type WorkloadArbitraryOptions } from "./workload.js";
export { scenario, type ScenarioArbitraryOptions } from "./scenario.js";
export { executorLosses } from "./executorLosses.js";
export { decommission, type GeneratedDecommission } from "./decommission.js";
export { resourceProfiles, withResourceProfiles, type ProfileDraft } from "./resourceProfiles.js";
