/** Replay checks a log's times before comparing it with a simulation, and says what it found and did. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-sanity");

function log(): SyntheticLog {
  const l = new SyntheticLog().start({ "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" });
  l.executor("1", 1000, 2).executor("2", 1200, 2);
  const stage = { id: 0, tasks: 4 };
  l.jobStart(0, 2000, [stage]).stageSubmitted(stage, 2000);
  for (let i = 0; i < 4; i++) l.task(0, i, i % 2 === 0 ? "1" : "2", 2000 + i * 1000, 12_000 + i * 1000);
  l.stageCompleted(stage, 2000, 16_000).jobEnd(0, 16_000);
  return l;
}

function write(name: string, lines: Record<string, unknown>[]): string {
  writeFileSync(join(dir, name), lines.map((x) => JSON.stringify(x)).join("\n") + "\n");
  return name;
}

describe("replay sanity checks", () => {
  it("a clock that goes backwards (ApplicationEnd before ApplicationStart) is refused, saying so, not 'log complete' with run time 0", async () => {
    const l = log().end(-100_000);
    for (const argv of [["replay", write("back.log", l.lines)], ["import", "back.log", "-o", "-"]]) {
      const r = await dra(dir, ...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the log's times cannot be replayed: .*(clock goes backwards|runs 0 ms).*executor/);
      expect(r.stdout).toBe("");
    }
  });

  it("tasks that finish before they launch are counted and said, with what was done", async () => {
    const l = log().end(30_000);
    const lines = l.lines.map((e) =>
      e["Event"] === "SparkListenerTaskEnd" ? { ...e, "Task Info": { ...(e["Task Info"] as object), "Finish Time": 1_600_000_000_000 } } : e,
    );
    const r = await dra(dir, "replay", write("finish-before-launch.log", lines));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/log check: 4 tasks finish more than a second before they launch .*durations were taken as 0 ms/);
  });

  it("a reversed log is replayed with a warning that its events are out of order", async () => {
    const l = log().end(30_000);
    const r = await dra(dir, "replay", write("reversed.log", [...l.lines].reverse()));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/log check: \d+ events are out of order .*reversed log/);
  });

  it("a sane log has no log check lines", async () => {
    const r = await dra(dir, "replay", write("sane.log", log().end(30_000).lines));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("log check");
  });
});
