import type { Argv } from "yargs";
import { zipEntryOption } from "./eventLogOptions.js";
import { workloadOptions } from "./workloadOptions.js";
import { listArg } from "../io.js";
import type { ArgsOf } from "../command.js";
import { UsageError } from "../UsageError.js";

/** `explain`'s options, apart from the command so the CLI loads the explain code only when it runs. */
export function explainOptions<T>(y: Argv<T>) {
  return zipEntryOption(
    workloadOptions(
      y
        .positional("input", { type: "string", demandOption: true, describe: "scenario file (.yaml, .yml, .json) or Spark event log (its workload is simulated with the logged config)" })
        .option("executor", { type: "string", coerce: listArg, describe: "executor id to explain (repeatable)" })
        .option("target", { type: "boolean", default: false, describe: "explain the allocation manager's target at --at" })
        .option("at", { type: "string", describe: "instant from application start: ms, Spark's syntax (90s, 2min) or a clock (1:30); default for --executor: its removal" })
        .option("json", { type: "boolean", default: false, describe: "print the explanation as JSON" }),
      {
        conf: "Spark property key=value overriding the conf (repeatable)",
        jobRequest: "EMR on EKS StartJobRun request setting the conf (scenario input)",
        seed: "override the seed",
        sparkVersion: "override the Spark version (e.g. 3.4.1)",
        clusterManager: "override cluster.manager",
      },
    )
      .option("executor-startup-ms", { type: "number", describe: "event-log input: executor start-up time in ms (default: measured from the log)" })
      .option("logged-submit-times", { type: "boolean", default: false, describe: "event-log input: submit jobs at their logged times" })
      .check((args) => {
        if (args.executor === undefined && !args.target) {
          throw new UsageError("give --executor ID and/or --target --at TIME (e.g. dra-sim explain scenarios/seed-trip-count.yaml --executor 7 --at 2min)");
        }
        if (args.target && args.at === undefined) throw new UsageError("--target needs --at TIME: the instant whose target to explain");
        return true;
      }),
  );
}

export type ExplainArgs = ArgsOf<typeof explainOptions>;
