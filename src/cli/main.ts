import type { Argv } from "yargs";
import { SIMULATOR_VERSION } from "../../sim/version.js";
import { ExitCode } from "./exitCodes.js";
import type { CliIO } from "./io.js";
import { checkParsedArgs } from "./parsedArgs.js";

export type { CliIO } from "./io.js";

const EPILOG = `Exit codes: 0 ok, 1 a termination rule was violated (check), 2 invalid input (usage, scenario, or a Spark config Spark would refuse), 3 internal error.
Docs and scenario format: README.md`;

/** A command's options and work, loaded only when that command runs. */
interface CommandModule {
  readonly options: (y: Argv) => Argv<unknown>;
  readonly handler: (io: CliIO, args: never) => Promise<number>;
}

interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly describe: string;
  readonly load: () => Promise<CommandModule>;
}

/**
 * The commands. Each one's modules (and their heavy dependencies: yaml, the event-log codecs,
 * worker threads, csv-parse) are imported only when it runs, so `--version`, `--help` and every
 * other command do not pay for them.
 */
const COMMANDS: readonly CommandSpec[] = [
  {
    name: "run",
    usage: "run <scenario>",
    describe: "simulate a scenario file and print a summary (run time, peak executors, executor-hours, utilisation, removals by reason)",
    load: async () => import("./commands/run.js").then((m) => ({ options: m.runOptions, handler: m.runCommand })),
  },
  {
    name: "check",
    usage: "check <scenario>",
    describe: "validate the config as Spark would (exit 2 if Spark would refuse it), run the scenario and check the termination rules (exit 1 on a violation, 0 when all held)",
    load: async () => import("./commands/check.js").then((m) => ({ options: m.checkOptions, handler: m.checkCommand })),
  },
  {
    name: "replay",
    usage: "replay <eventlog>",
    describe: "replay a Spark event log: simulate its workload with the logged config (model error against the real run) and with --conf changes, side by side",
    load: async () => import("./commands/replay.js").then((m) => ({ options: m.replayOptions, handler: m.replayCommand })),
  },
  {
    name: "import",
    usage: "import <eventlog>",
    describe: "extract the workload of a Spark event log as a scenario file that dra-sim run accepts",
    load: async () => import("./commands/import.js").then((m) => ({ options: m.importOptions, handler: m.importCommand })),
  },
  {
    name: "sweep",
    usage: "sweep <input>",
    describe: "run a grid of configs over a scenario or an event log: cost vs run time, Pareto front, recommended settings",
    load: async () => import("./commands/sweep.js").then((m) => ({ options: m.sweepOptions, handler: m.sweepCommand })),
  },
  {
    name: "merge",
    usage: "merge <files..>",
    describe: "combine the CSVs of a sharded sweep into the sweep's table, Pareto front, recommendation and CSV",
    load: async () => import("./commands/merge.js").then((m) => ({ options: m.mergeOptions, handler: m.mergeCommand })),
  },
  {
    name: "explain",
    usage: "explain <input>",
    describe: "why an executor was alive or removed at an instant (running tasks, idle since, timeout and deadline, shuffle and cleaner, cached blocks, floors), and why the target had its value",
    load: async () => import("./commands/explain.js").then((m) => ({ options: m.explainOptions, handler: m.explainCommand })),
  },
];

/** The command named on the command line (the first argument that is a command's name), if any. */
function namedCommand(argv: readonly string[]): CommandSpec | undefined {
  for (const a of argv) {
    const spec = COMMANDS.find((c) => c.name === a);
    if (spec !== undefined) return spec;
  }
  return undefined;
}

async function buildParser(io: CliIO, setCode: (code: number) => void, named: CommandSpec | undefined, raw: readonly string[]): Promise<Argv> {
  // yargs only calls the builder of the command that runs, so only that command's module is loaded.
  const [{ default: yargs }, loaded] = await Promise.all([import("yargs"), named?.load()]);
  let parser = yargs()
    .scriptName("dra-sim")
    .usage("$0 <command> [options]\n\nDiscrete-event simulator of Apache Spark dynamic resource allocation.")
    .version(SIMULATOR_VERSION)
    .exitProcess(false)
    .strict()
    .wrap(Math.min(100, process.stdout.columns ?? 100));
  for (const spec of COMMANDS) {
    parser = parser.command(
      spec.usage,
      spec.describe,
      (y) => (spec === named && loaded !== undefined ? loaded.options(y) : y),
      async (argv) => {
        const m = spec === named && loaded !== undefined ? loaded : await spec.load();
        setCode(await m.handler(io, argv as never));
      },
    );
  }
  return parser
    .middleware((argv) => checkParsedArgs(argv, raw))
    .demandCommand(1, "give a command, e.g. dra-sim run scenarios/seed-trip-count.yaml")
    .recommendCommands()
    // A usage error prints the message and where help is, not 30 lines of help.
    .showHelpOnFail(false, "(dra-sim --help lists the commands; dra-sim <command> --help their options)")
    .epilog(EPILOG)
    .help()
    .alias("h", "help");
}

/** Reports a user error the way the CLI promises: what, where, and the fix; no stack trace. */
async function reportError(io: CliIO, err: unknown): Promise<number> {
  // The error classes are loaded only when something failed.
  const [{ ScenarioError }, { EventLogError }, { ReplayError }, { SweepError, SweepRunError }, { UsageError }, { SparkConfigError }, { SimulationError }] =
    await Promise.all([
      import("../scenario/ScenarioError.js"),
      import("../eventlog/EventLogError.js"),
      import("../replay/ReplayError.js"),
      import("../sweep/SweepError.js"),
      import("./UsageError.js"),
      import("../run/runScenario.js"),
      import("../../sim/spark/SimulationError.js"),
    ]);
  const { ModelLimitError } = await import("../run/modelLimits.js");
  if (err instanceof ScenarioError || err instanceof EventLogError || err instanceof ReplayError || err instanceof SweepError || err instanceof UsageError || err instanceof ModelLimitError) {
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
    // Too long a workload, or no executor asked for, is the input's; a stall is the model's.
    return err.kind === "stalled" ? ExitCode.InternalError : ExitCode.InvalidInput;
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
  // `--version` alone needs nothing but the version: answer before loading yargs.
  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout(`${SIMULATOR_VERSION}\n`);
    return ExitCode.Ok;
  }
  let code: number = ExitCode.Ok;
  let failure: unknown;
  try {
    const args = joinDashValues(argv);
    const parser = await buildParser(io, (c) => (code = c), namedCommand(argv), args);
    await parser.parseAsync(args, {}, (err, _args, output) => {
      // yargs says only "Did you mean run?" for a mistyped command: say what was not known.
      if (err && output.startsWith("Did you mean")) output = `Unknown command: ${args.find((a) => !a.startsWith("-")) ?? ""}. ${output}`;
      if (output) (err ? io.stderr : io.stdout)(output.endsWith("\n") ? output : output + "\n");
      if (err) failure = err;
    });
  } catch (err) {
    failure = err;
  }
  if (failure !== undefined) {
    // yargs' own validation errors (unknown option, missing argument) are usage errors.
    if (failure instanceof Error && failure.name === "YError") {
      if (!/Unknown|Missing|Not enough|Invalid values|give a command|Did you mean/.test(failure.message)) return await reportError(io, failure);
      return ExitCode.InvalidInput;
    }
    return await reportError(io, failure);
  }
  return code;
}
