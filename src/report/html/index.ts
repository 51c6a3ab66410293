/** The HTML report (`--report FILE.html`): data from a run, replay or sweep, drawn by one self-contained page. */
export { renderReportHtml } from "./renderHtml.js";
export { runReportData, replayReportData, sweepReportData, REPORT_FORMAT, type ReportData, type ReportKind, type SweepView, type ReplayView } from "./reportData.js";
export { runView, EXPLAINED_SEGMENT_BUDGET, type RunView, type Lanes } from "./runView.js";
export { timelineSeries, EXACT_ROW_LIMIT, type TimelineSeries } from "./timelineSeries.js";
export { configRows, type ConfigRow } from "./configRows.js";
