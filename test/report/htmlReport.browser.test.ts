import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { HAS_BROWSER, launchBrowser } from "../helpers/browser.js";
import { SyntheticLog } from "../replay/syntheticLog.js";

// The functions given to page.evaluate run in the page; the compiler has no DOM types here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const ROOT = join(import.meta.dirname, "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
const ETL = join(ROOT, "scenarios/etl-long-shuffle-idle-driver.yaml");
const dir = useTempDir("dra-sim-html-report");

interface Loaded {
  page: Page;
  problems: string[];
}

/** Opens a report from disk, recording console errors, page errors and every request that is not the file itself. */
async function open(browser: Browser, file: string): Promise<Loaded> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const problems: string[] = [];
  const url = `file://${file}`;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 20_000 });
  return { page, problems };
}

/** The CSV's value of a column at an instant: the last row at or before it (the timeline is a step function). */
function csvAt(rows: number[][], column: number, t: number): number {
  let v = rows[0]![column]!;
  for (const r of rows) if (r[0]! <= t) v = r[column]!;
  return v;
}

describe.skipIf(!HAS_BROWSER)("HTML report in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the seed's report loads with no console error and no network request, and the timeline's plotted values equal the CSV's", async () => {
    const r = await dra(dir, "run", SEED, "--quiet", "--timeline", "seed.csv", "--report", "seed.html");
    expect(r.code, r.stderr).toBe(0);
    const [header, ...lines] = readFileSync(join(dir, "seed.csv"), "utf8").trim().split("\n");
    const columns = header!.split(",");
    const rows = lines.map((l) => l.split(",").map(Number));
    const { page, problems } = await open(browser, join(dir, "seed.html"));

    // The chart library's own data: uPlot's series labels and arrays.
    const chart = await page.evaluate(() => {
      const u = (window as unknown as { __report: { timelines: Array<{ data: number[][]; series: Array<{ label: string }> }> } }).__report.timelines[0]!;
      return { labels: u.series.map((s) => s.label), data: u.data };
    });
    const endMs = rows.at(-1)![0]!;
    const instants = [0, 15_000, 16_500, 21_000, 35_000, 57_000, 60_000, 150_000, 238_000, endMs];
    const plotted = ["target", "pending_executors", "running_executors", "busy_executors", "idle_executors", "pinned_shuffle_executors", "pending_tasks", "running_tasks"];
    for (const name of plotted) {
      const s = chart.labels.indexOf(name);
      const c = columns.indexOf(name);
      expect(s, name).toBeGreaterThan(0);
      for (const t of instants) {
        const xs = chart.data[0]!;
        let i = 0;
        while (i + 1 < xs.length && xs[i + 1]! <= t) i++;
        expect(chart.data[s]![i], `${name} at ${t}`).toBe(csvAt(rows, c, t));
      }
    }

    // A hover: the legend shows the values at the cursor's instant.
    const t = 150_000;
    const legend = await page.evaluate((at) => {
      const u = (window as unknown as { __report: { timelines: Array<{ valToPos(v: number, s: string): number; setCursor(c: { left: number; top: number }): void; root: { querySelectorAll(s: string): Array<{ querySelector(s: string): { textContent: string } | null }> } }> } }).__report.timelines[0]!;
      u.setCursor({ left: u.valToPos(at, "x"), top: 20 });
      const out: Record<string, string> = {};
      u.root.querySelectorAll(".u-legend .u-series").forEach((tr: { querySelector(s: string): { textContent: string } | null }) => {
        const label = tr.querySelector(".u-label")?.textContent ?? "";
        out[label] = tr.querySelector(".u-value")?.textContent ?? "";
      });
      return out;
    }, t);
    expect(Number(legend["running_executors"])).toBe(csvAt(rows, columns.indexOf("running_executors"), t));
    expect(Number(legend["target"])).toBe(csvAt(rows, columns.indexOf("target"), t));
    expect(Number(legend["pinned_shuffle_executors"])).toBe(csvAt(rows, columns.indexOf("pinned_shuffle_executors"), t));

    // The lane hover of an executor kept in the idle minutes gives explain's account.
    const hover = await page.evaluate(() => (window as unknown as { __report: { lanes: Array<{ describe(id: string, t: number): string }> } }).__report.lanes[0]!.describe("7", 150_000));
    expect(hover).toContain("pinned-shuffle");
    expect(hover).toContain('holds shuffle 0 (map output of stage 0 "scan trips")');
    expect(hover).toContain("the cleaner would run at 30:00");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the swim-lane of a shuffle-pinned executor shows the pinned state until the shuffle is cleaned", async () => {
    const r = await dra(dir, "run", ETL, "--quiet", "--events", "etl.jsonl", "--report", "etl.html");
    expect(r.code, r.stderr).toBe(0);
    const events = readFileSync(join(dir, "etl.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; timeMs: number; executorId?: string; stageId?: number });
    const cleanedMs = events.find((e) => e.type === "shuffleCleaned")!.timeMs;
    const lastJobEnd = events.filter((e) => e.type === "jobEnd" && e.timeMs < cleanedMs).at(-1)!.timeMs;
    const removed = events.filter((e) => e.type === "executorRemoved" && e.timeMs === cleanedMs).map((e) => e.executorId!);
    expect(removed.length).toBeGreaterThan(0);
    const { page, problems } = await open(browser, join(dir, "etl.html"));
    for (const id of removed.slice(0, 3)) {
      for (const t of [lastJobEnd + 60_000, Math.round((lastJobEnd + cleanedMs) / 2), cleanedMs - 1_000]) {
        // By hovering the lane.
        await page.evaluate(() => document.querySelector("#lanes-0 canvas")!.scrollIntoView({ block: "center" }));
        const vp = await page.evaluate(([id, t]) => (window as unknown as { __report: { lanes: Array<{ position(id: string, t: number): { x: number; y: number } }> } }).__report.lanes[0]!.position(id as string, t as number), [id, t] as const);
        await page.mouse.move(vp.x, vp.y);
        const tip = await page.textContent("#tooltip");
        expect(tip, `executor ${id} at ${t}`).toContain(`executor ${id} at`);
        expect(tip).toContain(": pinned-shuffle from");
        expect(tip).toContain(`the cleaner runs at ${Math.floor(cleanedMs / 60000)}:00 (periodic GC`);
      }
      const after = await page.evaluate(([id, t]) => (window as unknown as { __report: { lanes: Array<{ describe(id: string, t: number): string; stateAt(id: string, t: number): string | null }> } }).__report.lanes[0]!.describe(id as string, t as number), [id, cleanedMs + 1] as const);
      expect(after).toContain(`removed at ${Math.floor(cleanedMs / 60000)}:00 (idle-timeout)`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the sweep's recommended point is the one the text recommends, and hovering it shows its config", async () => {
    const r = await dra(dir, "sweep", SEED, "--grid", "spark.dynamicAllocation.maxExecutors=20,50,100", "--grid", "spark.dynamicAllocation.minExecutors=0,5", "--seeds", "2", "--report", "sweep.html");
    expect(r.code, r.stderr).toBe(0);
    const m = /recommendation: .*\n {2}#(\d+) (.*)\n/.exec(r.stdout);
    expect(m).not.toBeNull();
    const index = Number(m![1]);
    const values = m![2]!.split(" ").map((kv) => kv.split("=") as [string, string]);
    const { page, problems } = await open(browser, join(dir, "sweep.html"));
    const recommended = await page.evaluate(() => (window as unknown as { __report: { sweep: { recommended: number } } }).__report.sweep.recommended);
    expect(recommended).toBe(index);
    const pos = await page.evaluate((g) => (window as unknown as { __report: { sweep: { position(g: number): { x: number; y: number } } } }).__report.sweep.position(g), index);
    expect(pos.x).toBeGreaterThan(0);
    await page.evaluate(() => document.querySelector("#sweep canvas")!.scrollIntoView({ block: "center" }));
    const vp = await page.evaluate((g) => (window as unknown as { __report: { sweep: { position(g: number): { x: number; y: number } } } }).__report.sweep.position(g), index);
    await page.mouse.move(vp.x, vp.y);
    const tip = await page.textContent("#tooltip");
    expect(tip).toContain(`#${index}  (recommended)`);
    for (const [k, v] of values) expect(tip).toContain(`${k} = ${v}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a replay report overlays the actual and simulated executors and shows the model error", async () => {
    const log = new SyntheticLog().start({ "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.shuffleTracking.enabled": "true", "spark.executor.cores": "1" }).executor("1", 500);
    const end = log.sequentialJob(0, { id: 0, tasks: 4 }, 1000, 1000);
    log.removeExecutor("1", end + 500).end(end + 1000);
    const path = log.write(dir, "app-1");
    const r = await dra(dir, "replay", path, "--conf", "spark.dynamicAllocation.executorIdleTimeout=5s", "--report", "replay.html");
    expect(r.code, r.stderr).toBe(0);
    const { page, problems } = await open(browser, join(dir, "replay.html"));
    const labels = await page.evaluate(() => (window as unknown as { __report: { replay: { series: Array<{ label: string }> } } }).__report.replay.series.map((s) => s.label));
    expect(labels).toEqual(["time", "actual (event log)", "simulated (logged conf)", "simulated with --conf changes"]);
    expect(await page.textContent("#replay")).toContain("model error");
    expect(await page.textContent("#replay")).toContain("spark.dynamicAllocation.executorIdleTimeout");
    expect(problems).toEqual([]);
    await page.close();
  });
});
