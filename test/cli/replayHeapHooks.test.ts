/**
 * `replayHeapHooks`: what `dra-sim replay` has `replayEventLog` call as it goes, so that the
 * young generation stops growing and the reading's garbage is collected (README "Performance",
 * replay's peak RSS).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replayHeapHooks } from "../../src/cli/replayHeapHooks.js";
import { REPLAY_SEMI_SPACE_MIB } from "../../src/cli/youngGenerationCap.js";
import { PLAIN_LOG_TEXT } from "../helpers/plainEventLog.js";
import { useTempDir } from "../helpers/tempDir.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const MIB = 2 ** 20;
const dir = useTempDir("replay-heap-hooks");

function fakeV8() {
  const state = { newSpaceBytes: 2 * MIB, set: [] as string[], collections: 0 };
  const probe = { newSpaceBytes: () => state.newSpaceBytes, setFlag: (f: string) => void state.set.push(f), givenFlags: [] };
  return { state, probe, gc: () => void state.collections++ };
}

describe("replayHeapHooks", () => {
  it("checks the young generation's cap after each batch and collects the garbage once the log is read", () => {
    const { state, probe, gc } = fakeV8();
    const hooks = replayHeapHooks({ probe, gc });
    hooks.afterBatch();
    expect(state.set).toEqual([]);
    state.newSpaceBytes = 2 * REPLAY_SEMI_SPACE_MIB * MIB;
    hooks.afterBatch();
    expect(state.set).toEqual(["--semi-space-growth-factor=1"]);
    expect(state.collections).toBe(0);
    hooks.afterReading!();
    expect(state.collections).toBe(1);
  });

  it("once the workload is extracted, checks the cap and collects again", () => {
    const { state, probe, gc } = fakeV8();
    const hooks = replayHeapHooks({ probe, gc });
    state.newSpaceBytes = 2 * REPLAY_SEMI_SPACE_MIB * MIB;
    hooks.afterExtraction();
    expect(state.set).toEqual(["--semi-space-growth-factor=1"]);
    expect(state.collections).toBe(1);
  });

  it("without a GC from V8, still caps the young generation", () => {
    const { state, probe } = fakeV8();
    const hooks = replayHeapHooks({ probe, gc: undefined });
    expect(hooks.afterReading).toBeUndefined();
    state.newSpaceBytes = 2 * REPLAY_SEMI_SPACE_MIB * MIB;
    hooks.afterExtraction();
    expect(state.set).toEqual(["--semi-space-growth-factor=1"]);
  });

  it("V8's own probe reads the young generation's size and the flags in NODE_OPTIONS as well as node's arguments", () => {
    const script = `import { nodeProbe } from ${JSON.stringify(join(ROOT, "dist/src/cli/youngGenerationCap.js"))};
console.log(JSON.stringify({ newSpaceBytes: nodeProbe.newSpaceBytes(), givenFlags: nodeProbe.givenFlags }));`;
    const r = spawnSync(process.execPath, ["--max-inlined-bytecode-size=90", "--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "--max-semi-space-size=32  --max-old-space-size=900" },
    });
    expect(r.stderr).toBe("");
    const seen = JSON.parse(r.stdout) as { newSpaceBytes: number; givenFlags: string[] };
    expect(seen.newSpaceBytes).toBeGreaterThan(0);
    expect(seen.givenFlags).toEqual(expect.arrayContaining(["--max-inlined-bytecode-size=90", "--max-semi-space-size=32", "--max-old-space-size=900"]));
  });

  it("dra-sim replay runs the full GC once the log is read and once the workload is extracted", () => {
    const log = join(dir, "app");
    writeFileSync(log, PLAIN_LOG_TEXT);
    const r = spawnSync(process.execPath, ["--trace-gc", join(ROOT, "bin/dra-sim.js"), "replay", log, "--quiet"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    // V8 names a collection asked for by gc() "testing".
    expect(r.stdout.split("\n").filter((l) => l.includes("Mark-Compact") && l.includes("testing"))).toHaveLength(2);
  });
});
