import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * V8's full garbage collection as a function, or undefined where V8 does not give it. Node
 * exposes `gc` only with `--expose-gc`; a context created while that flag is set has it (the
 * flag is unset again at once, so nothing else sees a `gc`).
 *
 * For `dra-sim replay`, between reading the log and simulating it: reading leaves some 12 MiB
 * of dead objects in the old generation (on the bench's 300 MiB log), which V8 would otherwise
 * collect only as the simulation fills the heap on top of them, and the command's peak RSS
 * came then. The collection costs ~25 ms of CPU (1.5 % of that replay) and lowers the peak by
 * 2-9 MiB (108-120 -> 106-111 MiB), and steadies it from run to run (README "Performance",
 * bench/README.md).
 */
export function fullGarbageCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return exposed as () => void;
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}
