/**
 * `youngGenerationCap`: `dra-sim replay` stops V8 growing its young generation once it has
 * reached two semi-spaces of REPLAY_SEMI_SPACE_MIB, and leaves a young generation sized by a
 * flag given to node alone.
 */
import { describe, expect, it } from "vitest";
import { REPLAY_SEMI_SPACE_MIB, youngGenerationCap } from "../../src/cli/youngGenerationCap.js";

const MIB = 2 ** 20;

function probe(givenFlags: string[] = []) {
  const state = { newSpaceBytes: 2 * MIB, set: [] as string[] };
  return { state, probe: { newSpaceBytes: () => state.newSpaceBytes, setFlag: (f: string) => void state.set.push(f), givenFlags } };
}

describe("youngGenerationCap", () => {
  it("sets the growth factor to 1 once the young generation holds two semi-spaces of the size, and only once", () => {
    const { state, probe: p } = probe(["--max-inlined-bytecode-size=100"]);
    const cap = youngGenerationCap(8, p);
    cap();
    state.newSpaceBytes = 16 * MIB - 1;
    cap();
    expect(state.set).toEqual([]);
    state.newSpaceBytes = 16 * MIB;
    cap();
    state.newSpaceBytes = 32 * MIB;
    cap();
    expect(state.set).toEqual(["--semi-space-growth-factor=1"]);
  });

  it.each([["--max-semi-space-size=32"], ["--min_semi_space_size=4"], ["--semi-space-growth-factor=4"]])("leaves the young generation alone when node was given %s", (flag) => {
    const { state, probe: p } = probe([flag]);
    state.newSpaceBytes = 64 * MIB;
    youngGenerationCap(REPLAY_SEMI_SPACE_MIB, p)();
    expect(state.set).toEqual([]);
  });
});
