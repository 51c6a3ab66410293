import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { COL, Timeline, TIMELINE_COLUMNS } from "../../sim/result/Timeline.js";
import { timelineSeries } from "../../src/report/html/timelineSeries.js";

const ROOT = join(import.meta.dirname, "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
const dir = useTempDir("dra-sim-report-cli");

/** The JSON the page draws, read back from the file. */
function reportData(file: string): { kind: string; runs: Array<{ timeline: { totalRows: number; keptRows: number }; lanes: { ids: string[] } }>; config: Array<{ key: string; differs: boolean }> } {
  const html = readFileSync(file, "utf8");
  const m = /<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as never;
}

describe("--report FILE.html", () => {
  it("run writes one self-contained file: data, uPlot and the page script inline, nothing to fetch", async () => {
    const r = await dra(dir, "run", SEED, "--quiet", "--report", "run.html");
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, "run.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/);
    // The only address is uPlot's licence banner, a comment.
    expect(html.match(/https?:\/\/[^\s)"']+/g)).toEqual(["https://github.com/leeoniya/uPlot"]);
    expect(html).toContain("default-src 'none'");
    const data = reportData(join(dir, "run.html"));
    expect(data.kind).toBe("run");
    expect(data.runs[0]!.timeline.keptRows).toBe(data.runs[0]!.timeline.totalRows);
    expect(data.runs[0]!.lanes.ids).toHaveLength(80);
    // What differs from Spark's defaults: the job request's settings; spark.driver.cores is not read by the model.
    const differs = Object.fromEntries(data.config.map((c) => [c.key, c.differs]));
    expect(differs["spark.dynamicAllocation.maxExecutors"]).toBe(true);
    expect(differs["spark.driver.cores"]).toBe(false);
  });

  it("check writes a report too, and the same input gives the same bytes", async () => {
    expect((await dra(dir, "check", SEED, "--report", "c1.html")).code).toBe(0);
    expect((await dra(dir, "check", SEED, "--report", "c2.html")).code).toBe(0);
    expect(reportData(join(dir, "c1.html")).kind).toBe("check");
    expect(readFileSync(join(dir, "c1.html"), "utf8")).toBe(readFileSync(join(dir, "c2.html"), "utf8"));
  });

  it("refuses stdout, an existing file without --force, and a file another option writes", async () => {
    writeFileSync(join(dir, "exists.html"), "mine");
    const cases: Array<[string[], RegExp]> = [
      [["--report", "-"], /--report -: give a file name/],
      [["--report", "exists.html"], /--report exists.html: file exists; pass --force to overwrite it/],
      [["--report", "same.csv", "--timeline", "same.csv"], /--report same.csv: another output option names the same file/],
      [["--report", "nodir/r.html"], /--report nodir\/r.html: directory .* does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = await dra(dir, "run", SEED, "--quiet", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(join(dir, "exists.html"), "utf8")).toBe("mine");
  });
});

describe("timelineSeries", () => {
  it("keeps a short timeline whole, and a long one as exact rows that keep every bucket's extremes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 30 })), { minLength: 2, maxLength: 400 }), (steps) => {
        const t = new Timeline();
        let ms = 0;
        for (const [dt, v] of steps) {
          const row = new Array<number>(TIMELINE_COLUMNS.length).fill(0);
          row[COL.time_ms] = ms;
          row[COL.running_executors] = v;
          row[COL.running_tasks] = (v * 7) % 11;
          t.push(row);
          ms += dt;
        }
        expect(timelineSeries(t).keptRows).toBe(t.length);
        const buckets = 10;
        const s = timelineSeries(t, 5, buckets);
        const endMs = t.get(t.length - 1, COL.time_ms);
        const times = s.data[0]!;
        // Every kept row is a row of the timeline, values included.
        const byTime = new Map<number, number[]>();
        for (let i = 0; i < t.length; i++) byTime.set(t.get(i, COL.time_ms), TIMELINE_COLUMNS.map((_, c) => t.get(i, c)));
        times.forEach((tm, k) => expect(byTime.get(tm)![COL.running_executors]).toBe(s.data[COL.running_executors]![k]));
        // Each bucket's maximum and minimum survive.
        for (let b = 0; b < buckets; b++) {
          const lo = (b * endMs) / buckets;
          const hi = b === buckets - 1 ? Infinity : ((b + 1) * endMs) / buckets;
          const all: number[] = [];
          for (let i = 0; i < t.length; i++) if (t.get(i, COL.time_ms) >= lo && t.get(i, COL.time_ms) < hi) all.push(t.get(i, COL.running_executors));
          const kept = times.map((tm, k) => [tm, s.data[COL.running_executors]![k]!] as const).filter(([tm]) => tm >= lo && tm < hi).map(([, v]) => v);
          if (all.length === 0) continue;
          expect(Math.max(...kept)).toBe(Math.max(...all));
          expect(Math.min(...kept)).toBe(Math.min(...all));
        }
      }),
      { seed: 11, numRuns: 60 },
    );
  });
});
