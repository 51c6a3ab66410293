/**
 * The V8 flags node was given, read as V8 reads them: shared by the CLI's own V8 flags
 * (`setCliV8Flags`, cliV8Flags.ts) and `youngGenerationCap`, so that a flag one of them leaves to the user the other does too.
 */

/**
 * A flag's name without its one or two leading dashes, `no-` or value, with `_` read as `-`:
 * V8 takes `-max-semi-space-size=64`, `--max_semi_space_size=64` and `--no-sparkplug` alike.
 */
export function v8FlagName(flag: string): string {
  return flag.replace(/^--?(no[-_])?/, "").split("=")[0]!.replaceAll("_", "-");
}

/** The flags node was started with: `process.execArgv` and those in `NODE_OPTIONS`. */
export function givenNodeFlags(): string[] {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].filter((a) => a !== "");
}

/** The names (`v8FlagName`) of the flags among `args`: the words beginning with a dash. */
export function givenFlagNames(args: readonly string[] = givenNodeFlags()): Set<string> {
  return new Set(args.filter((a) => a.startsWith("-")).map(v8FlagName));
}
