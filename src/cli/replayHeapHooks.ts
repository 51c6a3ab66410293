import type { ReplayOptions } from "../replay/replay.js";
import { fullGarbageCollection } from "./fullGarbageCollection.js";
import { REPLAY_SEMI_SPACE_MIB, type YoungGenerationProbe, nodeProbe, youngGenerationCap } from "./youngGenerationCap.js";

export interface ReplayHeapHooks {
  /** The calls `dra-sim replay` has `replayEventLog` make as it goes. */
  readonly hooks: Required<Pick<ReplayOptions, "afterBatch" | "afterExtraction">> & Pick<ReplayOptions, "afterReading">;
  /** Undoes the young generation's cap (`YoungGenerationCap.release`): call it when the command ends. */
  readonly release: () => void;
}

/**
 * For the command's peak RSS (docs/performance-history.md, replay's peak RSS): the young generation
 * stops growing at REPLAY_SEMI_SPACE_MIB (checked after each batch of events and once the
 * workload is extracted), and a full GC clears the reading's dead objects before the scenario
 * is built on top of them and again before the simulation's heap grows. Shared with the replay
 * bench's phases (bench/measures/replay.mjs), so they run as the command does. The cap holds
 * for the whole process until `release`. `probe` and `gc` are V8's unless given (tests);
 * `gc: undefined` is a V8 without one.
 */
export function replayHeapHooks(v8: { readonly probe?: YoungGenerationProbe; readonly gc?: (() => void) | undefined } = {}): ReplayHeapHooks {
  const gc = "gc" in v8 ? v8.gc : fullGarbageCollection();
  const cap = youngGenerationCap(REPLAY_SEMI_SPACE_MIB, v8.probe ?? nodeProbe);
  const hooks = {
    afterBatch: cap.check,
    ...(gc === undefined ? {} : { afterReading: gc }),
    afterExtraction: () => {
      cap.check();
      gc?.();
    },
  };
  return { hooks, release: cap.release };
}
