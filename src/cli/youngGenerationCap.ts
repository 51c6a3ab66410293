import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { givenFlagNames, givenNodeFlags } from "./givenV8Flags.js";

/**
 * The semi-space size (MiB) at which `dra-sim replay` stops V8 growing its young generation:
 * on Node 20 (V8 11.3), V8's default grows it, by doubling, to 16 MiB semi-spaces (32 MiB of
 * young generation, all of it resident) once enough has survived its collections, which a long
 * log's extraction state always does. At 8 MiB the replay bench's peak RSS is about 14 MiB
 * lower at every log size and its CPU the same (docs/performance-history.md, replay's peak RSS).
 */
export const REPLAY_SEMI_SPACE_MIB = 8;

/**
 * V8's `--semi-space-growth-factor` when none is given: 2 on Node 20 (`node --v8-options`;
 * test/cli/youngGenerationCap.test.ts checks it against the node running the tests).
 */
export const V8_SEMI_SPACE_GROWTH_FACTOR = 2;

/** The V8 flags that size the young generation: one given to node is left to decide. */
const SIZING_FLAGS = ["max-semi-space-size", "min-semi-space-size", "semi-space-growth-factor"];

export interface YoungGenerationProbe {
  /** Bytes V8 has committed to its young generation's two semi-spaces (`new_space`). */
  readonly newSpaceBytes: () => number;
  /** Sets a V8 flag at run time (`v8.setFlagsFromString`). */
  readonly setFlag: (flag: string) => void;
  /** The flags node was started with (`process.execArgv` and `NODE_OPTIONS`). */
  readonly givenFlags: readonly string[];
}

export const nodeProbe: YoungGenerationProbe = {
  newSpaceBytes: () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0,
  setFlag: setFlagsFromString,
  givenFlags: givenNodeFlags(),
};

export interface YoungGenerationCap {
  /** The check to call as the work goes (after each batch of a log's events). */
  readonly check: () => void;
  /**
   * Undoes the cap, for what runs next in the same process (a program embedding the CLI's
   * `main`, the tests): sets the growth factor back to V8's default if `check` set it; `check`
   * does nothing after it.
   */
  readonly release: () => void;
}

/**
 * Once V8's young generation has grown to two semi-spaces of `semiSpaceMiB`, `check` sets
 * `--semi-space-growth-factor=1`, which Node 20's V8 reads each time it grows the young
 * generation, so it grows no further. `--max-semi-space-size` would say the same, but V8 reads
 * it only at start-up; the growth factor set from the start would keep the young generation at
 * 1 MiB (50 % more CPU), so the cap waits until the size is reached. Does nothing, and neither does
 * `release`, when node was given a flag that sizes the young generation.
 */
export function youngGenerationCap(semiSpaceMiB: number, probe: YoungGenerationProbe = nodeProbe): YoungGenerationCap {
  const given = givenFlagNames(probe.givenFlags);
  let state: "waiting" | "capped" | "off" = SIZING_FLAGS.some((f) => given.has(f)) ? "off" : "waiting";
  return {
    check: () => {
      if (state !== "waiting" || probe.newSpaceBytes() < 2 * semiSpaceMiB * 2 ** 20) return;
      probe.setFlag("--semi-space-growth-factor=1");
      state = "capped";
    },
    release: () => {
      if (state === "capped") probe.setFlag(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`);
      state = "off";
    },
  };
}
