import yargs, { type Argv } from "yargs";
import { ScenarioError } from "../scenario/index.js";
import { SparkConfigError } from "../run/runScenario.js";
import { SimulationError } from "../../sim/spark/SparkApplication.js";
import { SIMULATOR_VERSION } from "../../sim/version.js";
import { runCommand, runOptions, type RunArgs } from "./commands/run.js";
import { checkCommand, checkOptions, type CheckArgs } from "./commands/check.js";
import { replayCommand, replayOptions, type ReplayArgs } from "./commands/replay.js";
import { importCommand, importOptions, type ImportArgs } from "./commands/import.js";
import { sweepCommand, sweepOptions, type SweepArgs } from "./commands/sweep.js";
import { explainOptions, type ExplainArgs } from "./commands/explainOptions.js";
import { mergeCommand, mergeOptions, type MergeArgs } from "./commands/merge.js";
import { SweepError, SweepRunError } from "../sweep/index.js";
import { EventLogError } from "../eventlog/index.js";
import { ReplayError } from "../replay/index.js";
import { ExitCode } from "./exitCodes.js";
import { UsageError, type CliIO } from "./io.js";

export type { CliIO } from "./io.js";

const EPILOG = `Exit codes: 0 ok, 1 a termination rule was violated (check), 2 invalid input (usage, scenario, or a Spark config Spark would refuse), 3 internal error.
Docs and scenario format: README.md`;

function buildParser(io: CliIO, setCode: (code: number) => void): Argv {
  return yargs()
    .scriptName("dra-sim")
    .usage("$0 <command> [options]\n\nDiscrete-event simulator of Apache Spark dynamic resource allocation.")
    .version(SIMULATOR_VERSION)
    .exitProcess(false)
    .strict()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .command(
      "run <scenario>",
      "simulate a scenario file and print a summary (run time, peak executors, executor-hours, utilisation, removals by reason)",
      (y) => runOptions(y),
      async (argv) => setCode(await runCommand(io, argv as unknown as RunArgs)),
    )
    .command(
      "check <scenario>",
      "validate the config as Spark would (exit 2 if Spark would refuse it), run the scenario and check the termination rules (exit 1 on a violation, 0 when all held)",
      (y) => checkOptions(y),
      async (argv) => setCode(await checkCommand(io, argv as unknown as CheckArgs)),
    )
    .command(
      "replay <eventlog>",
      "replay a Spark event log: simulate its workload with the logged config (model error against the real run) and with --conf changes, side by side",
      (y) => replayOptions(y),
      async (argv) => setCode(await replayCommand(io, argv as unknown as ReplayArgs)),
    )
    .command(
      "import <eventlog>",
      "extract the workload of a Spark event log as a scenario file that dra-sim run accepts",
      (y) => importOptions(y),
      async (argv) => setCode(await importCommand(io, argv as unknown as ImportArgs)),
    )
    .command(
      "sweep <input>",
      "run a grid of configs over a scenario or an event log: cost vs run time, Pareto front, recommended settings",
      (y) => sweepOptions(y),
      async (argv) => setCode(await sweepCommand(io, argv as unknown as SweepArgs)),
    )
    .command(
      "merge <files..>",
      "combine the CSVs of a sharded sweep into the sweep's table, Pareto front, recommendation and CSV",
      (y) => mergeOptions(y),
      async (argv) => setCode(await mergeCommand(io, argv as unknown as MergeArgs)),
    )
    .command(
      "explain <input>",
      "why an executor was alive or removed at an instant (running tasks, idle since, timeout and deadline, shuffle and cleaner, cached blocks, floors), and why the target had its value",
      (y) => explainOptions(y),
      async (argv) => {
        // Loaded on use: explain's code is not on the start-up path of the other commands.
        const { explainCommand } = await import("./commands/explain.js");
        setCode(await explainCommand(io, argv as unknown as ExplainArgs));
      },
    )
    .demandCommand(1, "give a command, e.g. dra-sim run scenarios/seed-trip-count.yaml")
    .epilog(EPILOG)
    .help();
}

/** Reports a user error the way the CLI promises: what, where, and the fix; no stack trace. */
function reportError(io: CliIO, err: unknown): number {
  if (err instanceof ScenarioError || err instanceof EventLogError || err instanceof ReplayError || err instanceof SweepError || err instanceof UsageError) {
    io.stderr(`error: ${err.message}\n`);
    return ExitCode.InvalidInput;
  }
  if (err instanceof SparkConfigError) {
    io.stderr(`error: Spark would refuse to start with this configuration:\n${err.message.replace(/^/gm, "  ")}\n`);
    return ExitCode.InvalidInput;
  }
  if (err instanceof SweepRunError) {
    io.stderr(`error: ${err.message}\n`);
    return ExitCode.InternalError;
  }
  if (err instanceof SimulationError) {
    io.stderr(`error: the simulation could not finish: ${err.message}\n`);
    return ExitCode.InternalError;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr(`internal error (please report it with the command you ran): ${e.stack ?? e.message}\n`);
  return ExitCode.InternalError;
}

/** yargs reads a lone "-" as a positional; "--json -" means stdout, so join it to its option. */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("-") && !a.includes("=") && a !== "-" && argv[i + 1] === "-") {
      out.push(`${a}=-`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The CLI, callable in-process: returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code: number = ExitCode.Ok;
  let failure: unknown;
  const parser = buildParser(io, (c) => (code = c));
  try {
    await parser.parseAsync(joinDashValues(argv), {}, (err, _args, output) => {
      if (output) (err ? io.stderr : io.stdout)(output.endsWith("\n") ? output : output + "\n");
      if (err) failure = err;
    });
  } catch (err) {
    failure = err;
  }
  if (failure !== undefined) {
    // yargs' own validation errors (unknown option, missing argument) are usage errors.
    if (failure instanceof Error && failure.name === "YError") {
      if (!/Unknown|Missing|Not enough|Invalid values|give a command/.test(failure.message)) return reportError(io, failure);
      return ExitCode.InvalidInput;
    }
    return reportError(io, failure);
  }
  return code;
}
