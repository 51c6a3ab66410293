import type { Argv } from "yargs";
import { clusterManagerOption } from "./run.js";
import { zipEntryOption } from "./replay.js";
import type { WorkloadArgs } from "./sweep.js";

/** `explain`'s options, apart from the command so the CLI loads the explain code only when it runs. */
export interface ExplainArgs extends WorkloadArgs {
  executor: string | string[] | undefined;
  target: boolean;
  at: string | undefined;
  conf: string | string[] | undefined;
  json: boolean;
}

export function explainOptions<T>(y: Argv<T>) {
  return zipEntryOption(
    y
      .positional("input", { type: "string", demandOption: true, describe: "scenario file (.yaml, .yml, .json) or Spark event log (its workload is simulated with the logged config)" })
      .option("executor", { type: "string", describe: "executor id to explain (repeatable)" })
      .option("target", { type: "boolean", default: false, describe: "explain the allocation manager's target at --at" })
      .option("at", { type: "string", describe: "instant from application start: ms, Spark's syntax (90s, 2min) or a clock (1:30); default for --executor: its removal" })
      .option("json", { type: "boolean", default: false, describe: "print the explanation as JSON" })
      .option("conf", { type: "string", describe: "Spark property key=value overriding the conf (repeatable)" })
      .option("job-request", { type: "string", describe: "EMR on EKS StartJobRun request setting the conf (scenario input)" })
      .option("seed", { type: "number", describe: "override the seed" })
      .option("spark-version", { type: "string", describe: "override the Spark version (e.g. 3.4.1)" })
      .option("cluster-manager", clusterManagerOption("override cluster.manager"))
      .option("executor-startup-ms", { type: "number", describe: "event-log input: executor start-up time in ms (default: measured from the log)" })
      .option("logged-submit-times", { type: "boolean", default: false, describe: "event-log input: submit jobs at their logged times" }),
  );
}

