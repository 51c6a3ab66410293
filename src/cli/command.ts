import type { ArgumentsCamelCase, Argv } from "yargs";
import type { CliIO } from "./io.js";

/**
 * The arguments a command's handler gets, typed from the options its builder declares (yargs
 * infers them), so an option and the handler that reads it cannot drift apart.
 */
export type ArgsOf<B extends (y: Argv) => Argv<unknown>> = ReturnType<B> extends Argv<infer T> ? ArgumentsCamelCase<T> : never;

/** One subcommand: its options and its work, kept together so each is typed by the other. */
export interface CliCommand {
  /** Adds the command to `parser`; its handler reports its exit code through `setCode`. */
  register(parser: Argv, usage: string, describe: string, io: CliIO, setCode: (code: number) => void): Argv;
}

export function defineCommand<A>(options: (y: Argv) => Argv<A>, handler: (io: CliIO, args: ArgumentsCamelCase<A>) => Promise<number>): CliCommand {
  return {
    register: (parser, usage, describe, io, setCode) =>
      parser.command(usage, describe, options, async (argv) => {
        setCode(await handler(io, argv));
      }),
  };
}
