import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * V8's full garbage collection as a function, or undefined where V8 does not give it. Node
 * exposes `gc` only with `--expose-gc`; a context created while that flag is set has it (the
 * flag is unset again at once, so nothing else sees a `gc`).
 *
 * For `dra-sim replay`, twice: once the log is read, before the scenario is built and checked
 * on top of the reading's dead objects (some 5 MiB of them in the old generation on the bench's
 * 300 MiB log), and between extraction and simulating, before the simulation's heap grows on
 * top of the extraction's (docs/performance-history.md, replay's peak RSS; bench/README.md). Each costs
 * 10-25 ms of CPU (about 1 % of that replay).
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
