// V8's settings for a dra-sim process, set by bin/dra-sim.js before any code is hot (and by the
// replay bench's phase breakdown, so its phases are the command's).
//
// A dra-sim process lives for seconds, and TurboFan's compile threads spent more CPU building
// large inlined graphs than the inlining saved: a quarter of the replay bench's CPU was
// compiling. V8 inlines functions of up to 460 bytes of bytecode; at 100 the replay bench's
// command runs 12 % fewer instructions and a 1M-task run takes 9 % less CPU, its main thread no
// slower (README "Performance"). A value given to node (NODE_OPTIONS, --max-inlined-bytecode-size=N) wins.
import { setFlagsFromString } from "node:v8";

export const CLI_V8_FLAGS = ["--max-inlined-bytecode-size=100"];

export function setCliV8Flags() {
  const given = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  for (const flag of CLI_V8_FLAGS) if (!given.includes(flag.slice(0, flag.indexOf("=")))) setFlagsFromString(flag);
}
