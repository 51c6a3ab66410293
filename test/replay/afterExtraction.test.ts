/**
 * `replayEventLog`'s `afterExtraction` hook (where `dra-sim replay` collects the reading's
 * garbage before simulating) and the full collection the CLI passes it.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { fullGarbageCollection } from "../../src/cli/fullGarbageCollection.js";
import { EventLogError } from "../../src/eventlog/index.js";
import { formatReplay, replayEventLog } from "../../src/replay/index.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-after-extraction");

function log(name: string): string {
  const l = new SyntheticLog().start({ "spark.master": "yarn", "spark.executor.instances": "2", "spark.executor.cores": "1" }).executor("1", 5000);
  l.sequentialJob(0, { id: 0, tasks: 3 }, 10_000, 4_000);
  return l.end(40_000).write(dir, name);
}

describe("replayEventLog's afterExtraction", () => {
  it("is called once, between reading and simulating, and changes no figure", async () => {
    const path = log("app");
    let calls = 0;
    const hooked = await replayEventLog(path, { afterExtraction: () => (calls += 1) });
    const plain = await replayEventLog(path);
    expect(calls).toBe(1);
    expect(hooked.modelError).toStrictEqual(plain.modelError);
    expect(formatReplay(hooked)).toBe(formatReplay(plain));
  });

  it("is not called when the log cannot be read", async () => {
    let calls = 0;
    const err = await replayEventLog(`${dir}/absent`, { afterExtraction: () => (calls += 1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventLogError);
    expect(calls).toBe(0);
  });
});

describe("fullGarbageCollection", () => {
  it("collects an object nothing refers to, and leaves gc hidden from other code", async () => {
    const gc = fullGarbageCollection();
    expect(typeof gc).toBe("function");
    let ref: WeakRef<object> | undefined;
    (() => {
      ref = new WeakRef({ rows: new Array(1000).fill(1) });
    })();
    // A WeakRef's target stays alive until the job that made it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc!();
    expect(ref!.deref()).toBeUndefined();
    expect(runInNewContext("typeof gc")).toBe("undefined");
  });
});

describe("replayEventLog's reading hooks", () => {
  it("calls afterBatch after each batch and afterReading once, before afterExtraction, and changes no figure", async () => {
    const path = log("hooks");
    const calls: string[] = [];
    const hooked = await replayEventLog(path, {
      afterBatch: () => calls.push("batch"),
      afterReading: () => calls.push("read"),
      afterExtraction: () => calls.push("extracted"),
    });
    const plain = await replayEventLog(path);
    expect(calls.filter((c) => c === "batch").length).toBeGreaterThan(0);
    expect(calls.slice(calls.indexOf("read"))).toEqual(["read", "extracted"]);
    expect(calls.indexOf("read")).toBe(calls.lastIndexOf("batch") + 1);
    expect(formatReplay(hooked)).toBe(formatReplay(plain));
  });
});
