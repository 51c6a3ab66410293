import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportData } from "./reportData.js";

const require = createRequire(import.meta.url);

/** The page's own script: next to this module in src/, or under the package's src/ when running from dist/. */
function clientScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "client/report.js"), join(here, "../../../../src/report/html/client/report.js")];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`the report's page script is missing (looked in ${candidates.join(", ")})`);
  return readFileSync(found, "utf8");
}

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Code safe inside a <script> element. */
function inlineScript(code: string): string {
  return code.replace(/<\/script/gi, "<\\/script");
}

const CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fff; }
header { padding: 12px 20px; background: #f3f5f7; border-bottom: 1px solid #dde; }
header h1 { font-size: 20px; margin: 0 0 4px; }
#generator { color: #555; font-size: 12px; }
#main { padding: 0 20px 40px; max-width: 1460px; }
h2 { font-size: 16px; margin: 26px 0 8px; border-bottom: 1px solid #eee; padding-bottom: 4px; }
pre { background: #fafafa; border: 1px solid #eee; padding: 8px 10px; overflow-x: auto; font-size: 12px; }
table { border-collapse: collapse; font-size: 12px; }
td, th { border: 1px solid #e3e3e3; padding: 3px 8px; text-align: left; }
tr.differs td { background: #fff6d6; font-weight: 600; }
.note { color: #555; font-size: 12px; margin: 4px 0; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; vertical-align: middle; }
.lanes { max-height: 620px; overflow-y: auto; border: 1px solid #eee; }
.nav button { font-size: 12px; margin-right: 6px; }
canvas.band { display: block; }
#tooltip { position: absolute; display: none; z-index: 10; max-width: 560px; white-space: pre-wrap; background: #fffffe; border: 1px solid #999; box-shadow: 0 2px 6px rgba(0,0,0,.2); padding: 6px 8px; font: 12px/1.35 ui-monospace, monospace; pointer-events: none; }
`;

/** One self-contained HTML file: the data, uPlot and the page script inlined; nothing fetched. */
export function renderReportHtml(data: ReportData): string {
  const uplotJs = readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8");
  const uplotCss = readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8");
  const title = data.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    // No network: the page may load nothing from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${uplotCss}\n${CSS}</style>`,
    "</head><body>",
    `<header><h1 id="title">${title}</h1><div id="generator"></div></header>`,
    '<div id="main"></div>',
    `<script id="report-data" type="application/json">${scriptJson(data)}</script>`,
    `<script>${inlineScript(uplotJs)}</script>`,
    `<script>${inlineScript(clientScript())}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}
