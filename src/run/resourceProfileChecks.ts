import { ResourceProfileManager, type Scenario, type SparkConf } from "../../sim/index.js";
import { ScenarioError, type ScenarioIssue } from "../scenario/ScenarioError.js";

/** Where the stages that name a resource profile are (`workload.jobs[j].stages[s]`). */
function stagesWithProfiles(scenario: Scenario): string[] {
  const out: string[] = [];
  scenario.workload.jobs.forEach((job, j) =>
    job.stages.forEach((stage, s) => {
      if (stage.resourceProfile !== undefined) out.push(`workload.jobs[${j}].stages[${s}].resourceProfile`);
    }),
  );
  return out;
}

/** Spark's checks of each profile against the conf it completes it from (`ResourceProfile`, `ResourceUtils`). */
function profileIssues(scenario: Scenario, conf: SparkConf): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const manager = new ResourceProfileManager(conf, scenario.workload.resourceProfiles ?? []);
  manager.profiles.slice(1).forEach((rp, i) => {
    const path = `workload.resourceProfiles[${i}]`;
    if (rp.executorCores < rp.taskCpus) {
      issues.push({ path, code: "invalid-value", message: `The number of cores per executor (=${rp.executorCores}) has to be >= the number of cpus per task = ${rp.taskCpus} (Spark's check of a resource profile)` });
    } else if (rp.maxTasksPerExecutor < 1) {
      issues.push({ path, code: "invalid-value", message: `an executor of profile "${rp.name}" has ${rp.executorGpus} GPU(s) and each task needs ${rp.taskGpus}: no task fits (give executorGpus at least taskGpus)` });
    }
  });
  return issues;
}

/** What the model cannot run with stages that use profiles: Spark's own refusal, and capacity shared between pools. */
function usageIssues(scenario: Scenario, conf: SparkConf, firstStage: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (!conf.features.stageLevelScheduling) {
    issues.push({ path: firstStage, code: "invalid-value", message: `stage-level scheduling (resource profiles) came with Spark 3.1 (SPARK-27495); this scenario simulates ${conf.sparkVersion.label}: set sparkVersion to 3.1 or later, or leave out the stage's resourceProfile` });
  } else if (!conf.dynamicAllocationEnabled) {
    issues.push({ path: firstStage, code: "invalid-value", message: "ResourceProfiles are only supported on YARN and Kubernetes and Standalone with dynamic allocation enabled (Spark's check): set spark.dynamicAllocation.enabled=true, or leave out the stage's resourceProfile" });
  }
  const shared = "the executors of several resource profiles would share it, which the simulator does not model (see README \"Not modelled\")";
  if (scenario.cluster.nodes !== undefined) issues.push({ path: "cluster.nodes", code: "not-modelled", message: `node capacity with stages that use resource profiles: ${shared}; leave out cluster.nodes (capacity unlimited)` });
  if (scenario.cluster.maxContainers !== undefined) issues.push({ path: "cluster.maxContainers", code: "not-modelled", message: `a container limit with stages that use resource profiles: ${shared}; leave out cluster.maxContainers` });
  if (scenario.cluster.manager === "standalone" && conf.coresMax !== undefined) issues.push({ path: "conf.spark.cores.max", code: "not-modelled", message: `spark.cores.max with stages that use resource profiles: ${shared}; leave it unset` });
  return issues;
}

/**
 * Refuses resource profiles Spark would refuse (an executor that fits no task; stage-level
 * scheduling without dynamic allocation) and what the model does not cover with them (capacity
 * shared between the profiles' pools), as a `ScenarioError` naming the paths.
 */
export function checkResourceProfiles(scenario: Scenario, conf: SparkConf): void {
  if ((scenario.workload.resourceProfiles ?? []).length === 0) return;
  const issues = profileIssues(scenario, conf);
  const stages = stagesWithProfiles(scenario);
  if (stages.length > 0) issues.push(...usageIssues(scenario, conf, stages[0]!));
  if (issues.length > 0) throw new ScenarioError(scenario.name, issues);
}
