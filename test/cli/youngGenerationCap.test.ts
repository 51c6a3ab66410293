/**
 * `youngGenerationCap`: `dra-sim replay` stops V8 growing its young generation once it has
 * reached two semi-spaces of REPLAY_SEMI_SPACE_MIB, and leaves a young generation sized by a
 * flag given to node alone.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPLAY_SEMI_SPACE_MIB, V8_SEMI_SPACE_GROWTH_FACTOR, youngGenerationCap } from "../../src/cli/youngGenerationCap.js";

const MIB = 2 ** 20;

function probe(givenFlags: string[] = []) {
  const state = { newSpaceBytes: 2 * MIB, set: [] as string[] };
  return { state, probe: { newSpaceBytes: () => state.newSpaceBytes, setFlag: (f: string) => void state.set.push(f), givenFlags } };
}

describe("youngGenerationCap", () => {
  it("sets the growth factor to 1 once the young generation holds two semi-spaces of the size, and only once", () => {
    const { state, probe: p } = probe(["--max-inlined-bytecode-size=100"]);
    const cap = youngGenerationCap(8, p).check;
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

  it.each([["--max-semi-space-size=32"], ["--min_semi_space_size=4"], ["--semi-space-growth-factor=4"], ["-max-semi-space-size=64"]])("leaves the young generation alone when node was given %s", (flag) => {
    const { state, probe: p } = probe([flag]);
    state.newSpaceBytes = 64 * MIB;
    youngGenerationCap(REPLAY_SEMI_SPACE_MIB, p).check();
    expect(state.set).toEqual([]);
  });

  it("release sets the growth factor back to V8's default once the cap set it, and the cap then stays off", () => {
    const { state, probe: p } = probe();
    const cap = youngGenerationCap(REPLAY_SEMI_SPACE_MIB, p);
    cap.check();
    state.newSpaceBytes = 64 * MIB;
    cap.check();
    cap.release();
    cap.check();
    cap.release();
    expect(state.set).toEqual(["--semi-space-growth-factor=1", `--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`]);
  });

  it("release sets nothing when the cap set nothing: not yet reached, or a flag given to node", () => {
    const early = probe();
    youngGenerationCap(REPLAY_SEMI_SPACE_MIB, early.probe).release();
    expect(early.state.set).toEqual([]);
    const given = probe(["--semi-space-growth-factor=3"]);
    given.state.newSpaceBytes = 64 * MIB;
    const cap = youngGenerationCap(REPLAY_SEMI_SPACE_MIB, given.probe);
    cap.check();
    cap.release();
    expect(given.state.set).toEqual([]);
  });

  it("V8_SEMI_SPACE_GROWTH_FACTOR is the default of the node running the tests", () => {
    const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
    expect(/default: --semi-space-growth-factor=(\d+)/.exec(options)?.[1]).toBe(String(V8_SEMI_SPACE_GROWTH_FACTOR));
  });
});
