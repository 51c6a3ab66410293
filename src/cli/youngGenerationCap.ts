import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/**
 * The semi-space size (MiB) at which `dra-sim replay` stops V8 growing its young generation:
 * V8's default grows it, by doubling, to 16 MiB semi-spaces (32 MiB of young generation, all
 * of it resident) once enough has survived its collections, which a long log's extraction
 * state always does. At 8 MiB the replay bench's peak RSS is about 14 MiB lower at every log
 * size and its CPU the same (README "Performance", replay's peak RSS).
 */
export const REPLAY_SEMI_SPACE_MIB = 8;

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

const nodeProbe: YoungGenerationProbe = {
  newSpaceBytes: () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0,
  setFlag: setFlagsFromString,
  givenFlags: [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)],
};

/**
 * A check to call as the work goes (after each batch of a log's events): once V8's young
 * generation has grown to two semi-spaces of `semiSpaceMiB`, it sets
 * `--semi-space-growth-factor=1`, which V8 reads each time it grows the young generation, so
 * it grows no further. `--max-semi-space-size` would say the same, but V8 reads it only at
 * start-up; the growth factor set from the start would keep the young generation at 1 MiB
 * (50 % more CPU), so the cap waits until the size is reached. A no-op when node was given
 * a flag that sizes the young generation.
 */
export function youngGenerationCap(semiSpaceMiB: number, probe: YoungGenerationProbe = nodeProbe): () => void {
  const given = probe.givenFlags.some((f) => SIZING_FLAGS.includes(f.replace(/^--/, "").split("=")[0]!.replaceAll("_", "-")));
  let capped = given;
  return () => {
    if (capped || probe.newSpaceBytes() < 2 * semiSpaceMiB * 2 ** 20) return;
    probe.setFlag("--semi-space-growth-factor=1");
    capped = true;
  };
}
