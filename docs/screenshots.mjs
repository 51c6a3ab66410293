// Regenerates the README's report screenshots (docs/report-*.png) in headless Chromium.
//   npm run build && node docs/screenshots.mjs [path/to/a/spark/eventlog]
// The replay view needs a real event log with dynamic allocation on (the screenshot used
// application_1538416563558_0014 from Apache Spark's own test logs, apache/spark on GitHub).
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(join(tmpdir(), "dra-sim-shots-"));
const cli = (...args) => execFileSync(process.execPath, [join(root, "bin/dra-sim.js"), ...args], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
const seed = join(root, "scenarios/seed-trip-count.yaml");

cli("run", seed, "--quiet", "--report", join(tmp, "run.html"));
cli("sweep", seed, "--quiet", "--grid", "spark.dynamicAllocation.maxExecutors=20,50,100", "--grid", "spark.dynamicAllocation.shuffleTracking.timeout=30s,60s,120s", "--grid", "spark.dynamicAllocation.minExecutors=0,5", "--report", join(tmp, "sweep.html"));
const log = process.argv[2];
if (log !== undefined) cli("replay", log, "--quiet", "--conf", "spark.dynamicAllocation.executorIdleTimeout=10s", "--report", join(tmp, "replay.html"));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
async function shoot(file, selector, out, hover) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`file://${join(tmp, file)}`);
  await page.waitForSelector("body[data-ready]");
  await page.evaluate((s) => document.querySelector(s).scrollIntoView({ block: "start" }), selector);
  if (hover !== undefined) {
    const p = await page.evaluate(hover);
    await page.mouse.move(p.x, p.y);
  }
  const box = await page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    const tip = document.getElementById("tooltip");
    const t = tip.style.display === "block" ? tip.getBoundingClientRect() : r;
    return { x: Math.min(r.left, t.left), y: Math.min(r.top, t.top), width: Math.max(r.right, t.right) - Math.min(r.left, t.left), height: Math.min(880, Math.max(r.bottom, t.bottom) - Math.min(r.top, t.top)) };
  }, selector);
  await page.screenshot({ path: join(root, "docs", out), clip: box });
  await page.close();
}
await shoot("run.html", "#timeline-0", "report-timeline.png", () => {
  const u = window.__report.timelines[0];
  const b = u.over.getBoundingClientRect();
  return { x: b.left + u.valToPos(150000, "x"), y: b.top + 60 };
});
await shoot("run.html", "#lanes-0", "report-swimlanes.png", () => window.__report.lanes[0].position("7", 150000));
await shoot("run.html", "#config", "report-config.png");
await shoot("sweep.html", "#sweep", "report-sweep.png", () => window.__report.sweep.position(window.__report.sweep.recommended));
if (log !== undefined) await shoot("replay.html", "#replay", "report-replay.png");
await browser.close();
