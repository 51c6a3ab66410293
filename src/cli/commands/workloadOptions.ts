import type { Argv } from "yargs";
import { CLUSTER_MANAGER_KINDS } from "../../../sim/scenario/Scenario.js";
import { listArg } from "../io.js";

/** `--cluster-manager`, with the command's own description. */
export function clusterManagerOption(describe: string) {
  return { choices: CLUSTER_MANAGER_KINDS, describe };
}

/** The --help text of each workload option, where a command words it its own way. */
export interface WorkloadOptionTexts {
  readonly conf?: string;
  readonly jobRequest?: string;
  readonly seed?: string;
  readonly sparkVersion?: string;
  readonly clusterManager?: string;
}

/** `--conf key=value` (repeatable), always a list: yargs gives one as a string, repeats as an array. */
export function confOption<T>(y: Argv<T>, describe = "Spark property key=value overriding the scenario's conf (repeatable), e.g. --conf spark.dynamicAllocation.maxExecutors=50") {
  return y.option("conf", { type: "string", coerce: listArg, describe });
}

/** What run, check and explain override in the workload besides its conf: job request, seed, Spark version, cluster manager. */
export function overrideOptions<T>(y: Argv<T>, texts: WorkloadOptionTexts = {}) {
  return y
    .option("job-request", {
      type: "string",
      describe:
        texts.jobRequest ?? "EMR on EKS StartJobRun request (JSON) whose spark-defaults and sparkSubmitParameters set the conf (the scenario's conf and --conf win)",
    })
    .option("seed", { type: "number", describe: texts.seed ?? "override the scenario's seed" })
    .option("spark-version", { type: "string", describe: texts.sparkVersion ?? "override the scenario's Spark version (e.g. 3.4.1)" })
    .option(
      "cluster-manager",
      clusterManagerOption(
        texts.clusterManager ??
          "override cluster.manager: kubernetes runs Spark's pod allocator (batch.size pods per batch.delay; pending pods kept for executorIdleTimeout); yarn runs Spark's YarnAllocator (AM heartbeat, allocated containers always launch); standalone runs Spark's standalone Master (executors on workers, spread out or consolidated)",
      ),
    );
}

/**
 * The options run, check and explain share: what they change in the workload before it runs
 * (conf, job request, seed, Spark version, cluster manager). Declared once; a command only
 * words their help its own way. (run lists its outputs between --conf and the rest, so it
 * calls the two halves itself.)
 */
export function workloadOptions<T>(y: Argv<T>, texts: WorkloadOptionTexts = {}) {
  return overrideOptions(confOption(y, texts.conf), texts);
}
