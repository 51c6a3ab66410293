// V8's settings for a dra-sim process, set by bin/dra-sim.js before any code is hot (and by the
// replay and sweep benches, through bin/v8Flags.js, so their phases and sweeps are the command's).
//
// A dra-sim process lives for seconds, and TurboFan's compile threads spent more CPU building
// large inlined graphs than the inlining saved: a quarter of the replay bench's CPU was
// compiling. V8 inlines functions of up to 460 bytes of bytecode; at 100 the replay bench's
// command runs 12 % fewer instructions and a 1M-task run takes 9 % less CPU, its main thread no
// slower (docs/performance-history.md). A value given to node (NODE_OPTIONS, --max-inlined-bytecode-size=N) wins.
import { setFlagsFromString } from "node:v8";
import { givenFlagNames, v8FlagName } from "./givenV8Flags.js";

export const CLI_V8_FLAGS: readonly string[] = ["--max-inlined-bytecode-size=100"];

/**
 * For `dra-sim sweep` only, on top of CLI_V8_FLAGS (V8's flags are the process's, so its worker
 * threads have them too): every function gets Sparkplug's baseline code on its first call
 * instead of being interpreted until warm. Each thread of a sweep warms the engine up for
 * itself, and on two workers both isolates' compilers share the two cores with the runs: in one
 * isolate running the bench's 24 configs, TurboFan compiles 8 % fewer instructions with it and
 * the rest is no larger (valgrind, which load does not disturb; docs/performance-history.md). Not for
 * every command: code that runs once (the CLI's parsing, --help) would be compiled for nothing.
 */
export const SWEEP_V8_FLAGS: readonly string[] = ["--always-sparkplug"];

/** Flags that a given one also decides: `--no-sparkplug` or `--jitless` leave Sparkplug off. */
const DECIDED_BY: Readonly<Record<string, readonly string[]>> = { "always-sparkplug": ["sparkplug", "jitless"] };

/** The V8 flags for the command `args` run (its first word: `sweep` adds SWEEP_V8_FLAGS). */
export function v8FlagsFor(args: readonly string[] = []): readonly string[] {
  const command = args.find((a) => !a.startsWith("-"));
  return command === "sweep" ? [...CLI_V8_FLAGS, ...SWEEP_V8_FLAGS] : CLI_V8_FLAGS;
}

/**
 * Sets the V8 flags for the command `args` run, but not those node was given (either way) itself.
 * Setting any V8 flag changes the hash V8 checks a code cache against, so Node's own cache of its
 * built-in modules, and the CLI bundle's (bin/loadCli.js), are refused for whatever compiles after:
 * bin/dra-sim.js sets them once the bundle is compiled, and only for a command (not --version).
 */
export function setCliV8Flags(args: readonly string[] = []): void {
  const given = givenFlagNames();
  for (const flag of v8FlagsFor(args)) {
    const name = v8FlagName(flag);
    if (!given.has(name) && !(DECIDED_BY[name] ?? []).some((n) => given.has(n))) setFlagsFromString(flag);
  }
}
