// The HTML report of a 1M-task run: its size, the CPU to build it, and first paint in headless
// Chromium; with --libraries, also the charting library chosen by measurement: uPlot against
// Chart.js, each drawing the same timeline series, side by side in one browser
// (bench/report-results.md).
//   npm run build && node --max-old-space-size=8192 bench/measures/report.mjs [--libraries]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { millionTaskScenario } from "../scenarios.mjs";
import { runScenario } from "../../dist/src/run/runScenario.js";
import { renderReportHtml, runReportData } from "../../dist/src/report/html/index.js";
import { figure } from "../lib/figure.mjs";
import { runIfMain } from "../lib/measureMain.mjs";

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const cpuMs = (from) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measure({ log }) {
  /** The same 1M-task workload as bench/measures/engine.mjs (bench/scenarios.mjs), up to 1,000 executors. */
  const scenario = millionTaskScenario(1000);
  let t = process.cpuUsage();
  const plain = runScenario(scenario);
  const plainMs = cpuMs(t);
  t = process.cpuUsage();
  const out = runScenario(scenario, {}, { recordTrace: true });
  const tracedMs = cpuMs(t);
  t = process.cpuUsage();
  const data = runReportData("run", out.summary, out.result);
  const html = renderReportHtml(data);
  const buildMs = cpuMs(t);
  const dir = mkdtempSync(join(tmpdir(), "dra-sim-report-bench-"));
  try {
    const file = join(dir, "report-1m.html");
    writeFileSync(file, html);
    const bytes = Buffer.byteLength(html);
    const run = data.runs[0];
    log(`1M-task run: ${plain.result.stats.tasksRun} tasks, ${out.summary.peakExecutors} peak executors, ${out.result.timeline.length} timeline rows, ${out.result.trace.executorStates.length} executor state records`);
    log(`report built in ${buildMs.toFixed(0)} ms CPU after the simulation; timeline rows drawn ${run.timeline.keptRows} of ${run.timeline.totalRows}; ${run.lanes.ids.length} lanes, ${run.lanes.segs.length / 5} segments, full hover explanations: ${run.lanes.fullExplanations}`);
    const figures = [
      figure({ id: "report.trace", name: "1M tasks with the report's model trace (CPU)", value: tracedMs, unit: "ms", floor: plainMs, floorName: "without the trace" }),
      figure({ id: "report.size", name: "HTML report of 1M tasks, size", value: bytes / 1e6, unit: "MB" }),
    ];
    if (!existsSync(CHROMIUM)) {
      log(`first paint not measured: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
      return figures;
    }
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await timePage(browser, file, "body[data-ready]"));
      log(`first paint of the 1M-task report in headless Chromium: runs ${runs.map((r) => r.fcp.toFixed(0)).join(", ")} ms; page drawn by ${med(runs.map((r) => r.ready)).toFixed(0)} ms (median of 3 loads)`);
      figures.push(figure({ id: "report.firstPaint", name: "HTML report of 1M tasks, first paint (median of 3)", value: med(runs.map((r) => r.fcp)), unit: "ms" }));
      if (process.argv.includes("--libraries")) await compareLibraries(browser, dir, out, run, log);
    } finally {
      await browser.close();
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens a page from disk and returns first contentful paint and the page's own "ready" time, ms from navigation start. */
async function timePage(browser, path, readySelector) {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${path}`);
  await page.waitForSelector(readySelector, { timeout: 60_000 });
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    ready: Number(document.body.getAttribute("data-ready-ms") ?? NaN) || performance.now(),
  }));
  await page.close();
  if (errors.length > 0) throw new Error(`page errors in ${path}: ${errors.join("; ")}`);
  return timing;
}

// ---- library comparison: the same series drawn by each ----------------------------------------
async function compareLibraries(browser, dir, out, run, log) {
  /** Two data sets: the report's downsampled timeline, and 100,000 raw timeline rows of 4 columns. */
  const RAW_ROWS = 100_000;
  const rawColumns = ["time_ms", "running_executors", "busy_executors", "pending_tasks", "running_tasks"];
  const tl = out.result.timeline;
  const colIndex = (name) => run.timeline.columns.indexOf(name);
  const datasets = [
    { label: `report's timeline (${run.timeline.keptRows} rows x ${run.timeline.columns.length - 1} series)`, names: run.timeline.columns, series: run.timeline.data },
    {
      label: `raw timeline (${RAW_ROWS} rows x ${rawColumns.length - 1} series)`,
      names: rawColumns,
      series: rawColumns.map((c) => Array.from({ length: Math.min(RAW_ROWS, tl.length) }, (_, i) => tl.get(i, colIndex(c)))),
    },
  ];
  const libs = {
    uPlot: {
      js: readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
      css: readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
      draw: `var t0=performance.now();var cols=[d.series[0]];var ser=[{}];for(var i=1;i<d.names.length;i++){cols.push(d.series[i]);ser.push({label:d.names[i],stroke:"hsl("+(i*33)+",70%,45%)",paths:uPlot.paths.stepped({align:1}),points:{show:false}});}
  new uPlot({width:1200,height:360,series:ser,scales:{x:{time:false}}},cols,document.body);`,
    },
    "Chart.js": {
      js: readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), "utf8"),
      css: "",
      draw: `var t0=performance.now();var c=document.createElement("canvas");c.width=1200;c.height=360;document.body.appendChild(c);var ds=[];for(var i=1;i<d.names.length;i++){var pts=new Array(d.series[0].length);for(var k=0;k<pts.length;k++)pts[k]={x:d.series[0][k],y:d.series[i][k]};ds.push({label:d.names[i],data:pts,stepped:"after",pointRadius:0,borderWidth:1,borderColor:"hsl("+(i*33)+",70%,45%)"});}
  new Chart(c,{type:"line",data:{datasets:ds},options:{animation:false,responsive:false,parsing:false,normalized:true,scales:{x:{type:"linear"}},plugins:{decimation:{enabled:false}}}});`,
    },
  };
  for (const ds of datasets) {
    const payload = JSON.stringify({ names: ds.names, series: ds.series }).replace(/</g, "\\u003c");
    log(`\ncharting library, ${ds.label}, 3 loads each:`);
    for (const [name, lib] of Object.entries(libs)) {
      const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${lib.css}</style></head><body><script>${lib.js}</script><script>var d=${payload};${lib.draw}
  requestAnimationFrame(function(){document.body.setAttribute("data-ready-ms",String(performance.now()));document.body.setAttribute("data-ready","1");});</script></body></html>`;
      const path = join(dir, `${name}-${ds.names.length}.html`);
      writeFileSync(path, page);
      const times = [];
      for (let i = 0; i < 3; i++) times.push(await timePage(browser, path, "body[data-ready]"));
      log(`  ${name.padEnd(9)} library ${(Buffer.byteLength(lib.js + lib.css) / 1024).toFixed(0)} KB inlined; first paint median ${med(times.map((x) => x.fcp)).toFixed(0)} ms, drawn median ${med(times.map((x) => x.ready)).toFixed(0)} ms`);
    }
  }
}

await runIfMain(import.meta.url, measure);
