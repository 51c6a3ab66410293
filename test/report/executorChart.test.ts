import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Timeline, TIMELINE_COLUMNS, COL } from "../../sim/result/Timeline.js";
import { bucketMaxima, executorChart } from "../../src/report/executorChart.js";
import { formatClock } from "../../src/report/clock.js";
import { main, type CliIO } from "../../src/cli/main.js";

/** A timeline of running executors: [timeMs, running] steps. */
function steps(points: ReadonlyArray<readonly [number, number]>): Timeline {
  const t = new Timeline();
  for (const [ms, running] of points) {
    const row = new Array<number>(TIMELINE_COLUMNS.length).fill(0);
    row[COL.time_ms] = ms;
    row[COL.running_executors] = running;
    t.push(row);
  }
  return t;
}

describe("bucketMaxima", () => {
  it("keeps a short peak inside a bucket and carries a step across the buckets it spans", () => {
    // 0..100 s in 10 buckets of 10 s: 2 from 0, a 1 s spike to 9 at 35 s, 4 from 60 s, end at 100 s.
    const t = steps([[0, 2], [35_000, 9], [36_000, 2], [60_000, 4], [100_000, 4]]);
    expect(bucketMaxima(t, COL.running_executors, 10)).toEqual([2, 2, 2, 9, 2, 2, 4, 4, 4, 4]);
  });

  it("a step ending exactly at a bucket edge does not leak into the next bucket", () => {
    const t = steps([[0, 5], [50_000, 1], [100_000, 1]]);
    expect(bucketMaxima(t, COL.running_executors, 10)).toEqual([5, 5, 5, 5, 5, 1, 1, 1, 1, 1]);
  });
});

describe("executorChart", () => {
  const t = steps([[0, 0], [10_000, 8], [50_000, 4], [100_000, 4]]);

  it("draws the peak as a full column, half the peak as half the rows, and labels peak and end", () => {
    const lines = executorChart(t, { width: 10, height: 4, formatTime: formatClock });
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("8 ┤ ████     ");
    expect(lines[1]).toBe("  ┤ ████     ");
    expect(lines[2]).toBe("  ┤ █████████");
    expect(lines[3]).toBe("  ┤ █████████");
    expect(lines[4]).toBe("0 └──────────");
    expect(lines[5]).toBe("   0:00  1:40");
  });

  it("colours only when asked", () => {
    expect(executorChart(t, { formatTime: formatClock }).join("\n")).not.toContain("\x1b[");
    expect(executorChart(t, { color: true, formatTime: formatClock }).join("\n")).toContain("\x1b[36m");
  });
});

describe("the chart in dra-sim run's summary", () => {
  const seed = join(import.meta.dirname, "../../scenarios/seed-trip-count.yaml");
  const run = async (stdoutIsTTY: boolean, ...extra: string[]) => {
    let stdout = "";
    const io: CliIO = { stdout: (s) => (stdout += s), stderr: () => {}, stderrIsTTY: false, stdoutIsTTY, cwd: process.cwd() };
    const code = await main(["run", seed, ...extra], io);
    return { code, stdout };
  };
  afterEach(() => vi.unstubAllEnvs());

  it("shows the peak executors on the axis and the run time at the end, without colour when stdout is not a terminal", async () => {
    const r = await run(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("running executors\n70 ┤");
    expect(r.stdout).toMatch(/\n\s+0:00\s+3:59\n/);
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("colours on a terminal, not with NO_COLOR, and --quiet prints nothing", async () => {
    vi.stubEnv("NO_COLOR", "");
    expect((await run(true)).stdout).toContain("\x1b[36m");
    vi.stubEnv("NO_COLOR", "1");
    expect((await run(true)).stdout).not.toContain("\x1b[");
    expect((await run(true, "--quiet")).stdout).toBe("");
  });
});
