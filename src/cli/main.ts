import type { Argv } from "yargs";
import type { CliCommand } from "./command.js";
import { SIMULATOR_VERSION } from "../../sim/result/index.js";
import { ExitCode } from "./exitCodes.js";
import type { CliIO } from "./io.js";
import { checkParsedArgs } from "./parsedArgs.js";
import { CommandLineError } from "./UsageError.js";
import { reportError } from "./reportError.js";

export type { CliIO } from "./io.js";

const EPILOG = `Exit codes: 0 ok, 1 a termination rule was violated (check), 2 invalid input (usage, scenario, or a Spark config Spark would refuse), 3 internal error.
Docs and scenario format: README.md`;

interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly describe: string;
  readonly load: () => Promise<CliCommand>;
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
    load: async () => import("./commands/run.js").then((m) => m.command),
  },
  {
    name: "check",
    usage: "check <scenario>",
    describe: "validate the config as Spark would (exit 2 if Spark would refuse it), run the scenario and check the termination rules (exit 1 on a violation, 0 when all held)",
    load: async () => import("./commands/check.js").then((m) => m.command),
  },
  {
    name: "replay",
    usage: "replay <eventlog>",
    describe: "replay a Spark event log: simulate its workload with the logged config (model error against the real run) and with --conf changes, side by side",
    load: async () => import("./commands/replay.js").then((m) => m.command),
  },
  {
    name: "import",
    usage: "import <eventlog>",
    describe: "extract the workload of a Spark event log as a scenario file that dra-sim run accepts",
    load: async () => import("./commands/import.js").then((m) => m.command),
  },
  {
    name: "sweep",
    usage: "sweep <input>",
    describe: "run a grid of configs over a scenario or an event log: cost vs run time, Pareto front, recommended settings",
    load: async () => import("./commands/sweep.js").then((m) => m.command),
  },
  {
    name: "merge",
    usage: "merge <files..>",
    describe: "combine the CSVs of a sharded sweep into the sweep's table, Pareto front, recommendation and CSV",
    load: async () => import("./commands/merge.js").then((m) => m.command),
  },
  {
    name: "explain",
    usage: "explain <input>",
    describe: "why an executor was alive or removed at an instant (running tasks, idle since, timeout and deadline, shuffle and cleaner, cached blocks, floors), and why the target had its value",
    load: async () => import("./commands/explain.js").then((m) => m.command),
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

/** What the caller of `main` may add to a command's run. */
export interface MainOptions {
  /**
   * Called once the command line is parsed and checked, before the command's handler runs: bin/dra-sim.js
   * sets the CLI's V8 flags there (src/cli/cliV8Flags.ts), not before, since setting one makes
   * V8 refuse Node's code cache of the built-in modules that parsing loads (yargs' among them).
   */
  readonly beforeCommand?: () => void;
}

async function buildParser(io: CliIO, setCode: (code: number) => void, named: CommandSpec | undefined, raw: readonly string[], options: MainOptions): Promise<Argv> {
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
    if (spec === named && loaded !== undefined) {
      parser = loaded.register(parser, spec.usage, spec.describe, io, setCode);
    } else {
      // yargs runs the command named on the command line, whose module is the one loaded.
      parser = parser.command(spec.usage, spec.describe, (y) => y, () => {
        throw new Error(`dra-sim ${spec.name} ran without its options loaded`);
      });
    }
  }
  skipHelpCaching(parser);
  return parser
    .middleware((argv) => {
      checkParsedArgs(argv, raw);
      options.beforeCommand?.();
    })
    .demandCommand(1, "give a command, e.g. dra-sim run scenarios/seed-trip-count.yaml")
    .recommendCommands()
    // What yargs refuses (msg) is a usage error; what a check threw (err) is thrown on as it is.
    .fail((msg, err) => {
      if (err) throw err;
      // yargs says only "Did you mean run?" for a mistyped command: say what was not known.
      throw new CommandLineError(msg.startsWith("Did you mean") ? `Unknown command: ${raw.find((a) => !a.startsWith("-")) ?? ""}. ${msg}` : msg);
    })
    .epilog(EPILOG)
    .help()
    .alias("h", "help");
}

/** The part of yargs' internals `skipHelpCaching` reaches (yargs 18: lib/yargs-factory.js, lib/usage.js). */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders the running command's whole help right after starting its handler
 * (lib/command.js: usage.cacheHelpMessage(), kept for a later showHelp() from the handler),
 * about 13 ms of every command's start-up. No handler here shows help: the render is skipped.
 * `--help` and the help shown on a usage error are rendered when asked, as before.
 */
function skipHelpCaching(parser: Argv): void {
  const usage = (parser as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage !== undefined) usage.cacheHelpMessage = () => {};
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
export async function main(argv: readonly string[], io: CliIO, options: MainOptions = {}): Promise<number> {
  // `--version` alone needs nothing but the version: answer before loading yargs.
  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout(`${SIMULATOR_VERSION}\n`);
    return ExitCode.Ok;
  }
  let code: number = ExitCode.Ok;
  let failure: unknown;
  try {
    const args = joinDashValues(argv);
    const parser = await buildParser(io, (c) => (code = c), namedCommand(argv), args, options);
    await parser.parseAsync(args, {}, (err, _args, output) => {
      if (output) (err ? io.stderr : io.stdout)(output.endsWith("\n") ? output : output + "\n");
      if (err) failure = err;
    });
  } catch (err) {
    failure = err;
  }
  if (failure !== undefined) return reportError(io, failure);
  return code;
}
