/**
 * `replayHeapHooks`: what `dra-sim replay` has `replayEventLog` call as it goes, so that the
 * young generation stops growing and the reading's garbage is collected (docs/performance-history.md,
 * replay's peak RSS).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yargs from "yargs";
import { describe, expect, it } from "vitest";
import { replayCommand, replayOptions } from "../../src/cli/commands/replay.js";
import type { CliIO } from "../../src/cli/io.js";
import { replayHeapHooks } from "../../src/cli/replayHeapHooks.js";
import { REPLAY_SEMI_SPACE_MIB, V8_SEMI_SPACE_GROWTH_FACTOR, type YoungGenerationProbe, nodeProbe } from "../../src/cli/youngGenerationCap.js";
import { SyntheticLog } from "../replay/syntheticLog.js";
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
    const { hooks } = replayHeapHooks({ probe, gc });
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
    const { hooks } = replayHeapHooks({ probe, gc });
    state.newSpaceBytes = 2 * REPLAY_SEMI_SPACE_MIB * MIB;
    hooks.afterExtraction();
    expect(state.set).toEqual(["--semi-space-growth-factor=1"]);
    expect(state.collections).toBe(1);
  });

  it("without a GC from V8, still caps the young generation", () => {
    const { state, probe } = fakeV8();
    const { hooks } = replayHeapHooks({ probe, gc: undefined });
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

  /** `dra-sim replay argv` in-process, V8's probe standing in (every batch sees a full young generation; flags recorded, not set). */
  async function replayInProcess(argv: string[]): Promise<{ set: string[]; error: unknown }> {
    const set: string[] = [];
    const real = { ...nodeProbe };
    const probe = nodeProbe as { -readonly [K in keyof YoungGenerationProbe]: YoungGenerationProbe[K] };
    Object.assign(probe, { newSpaceBytes: () => 64 * MIB, setFlag: (f: string) => void set.push(f), givenFlags: [] });
    const io: CliIO = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };
    let error: unknown;
    try {
      await yargs()
        .exitProcess(false)
        .strict()
        .command("replay <eventlog>", "replay", (y) => replayOptions(y), async (a) => void (await replayCommand(io, a)))
        .parseAsync(argv, {}, (err) => {
          if (err) error = err;
        });
    } catch (e) {
      error = e;
    } finally {
      Object.assign(probe, real);
    }
    return { set, error };
  }

  it("dra-sim replay undoes the cap when it ends, whether it succeeds or fails", async () => {
    const log = join(dir, "app-ok");
    writeFileSync(log, PLAIN_LOG_TEXT);
    const ok = await replayInProcess(["replay", log, "--quiet"]);
    expect(ok.error).toBeUndefined();
    const undone = `--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`;
    expect(ok.set).toEqual(["--semi-space-growth-factor=1", undone]);
    // No job ran a stage: the log is read (and the cap set) before extraction refuses it.
    const empty = new SyntheticLog().start({ "spark.master": "yarn" }).end(1000).write(dir, "app-empty");
    const failed = await replayInProcess(["replay", empty, "--quiet"]);
    expect(String(failed.error)).toMatch(/no job that ran a stage/);
    expect(failed.set).toEqual(["--semi-space-growth-factor=1", undone]);
  });
});
