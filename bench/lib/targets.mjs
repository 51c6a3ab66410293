// The targets of issue 14 ("Performance to the floor"), each once, keyed by the id of the
// figure it judges. A measure module (bench/measures/*.mjs) names the id; figure() looks the
// target up here, so a target and the line that reports it cannot drift apart.
//   of: "value" judges the measured value itself (in `unit`), "ratio" its ratio to the floor.

/** @typedef {{ of: "value" | "ratio", op: "<=" | ">=", limit: number, unit?: string }} Target */

/** @type {Record<string, Target & { judged: boolean, what: string }>} */
export const TARGETS = {
  // "How it is judged" (issue 14): `npm run bench` must show these five.
  "startup.version": { of: "value", op: "<=", limit: 100, unit: "ms", judged: true, what: "start-up CPU of dra-sim --version" },
  "engine.floor": { of: "ratio", op: "<=", limit: 2.0, judged: true, what: "engine / bare-queue floor, 1M tasks" },
  "engine.executors": { of: "ratio", op: "<=", limit: 1.3, judged: true, what: "CPU per task at max 5,000 executors / at max 100" },
  "sweep.speedup": { of: "ratio", op: ">=", limit: 1.8, judged: true, what: "sweep speed-up, 2 workers against 1, 24 configs of 100k tasks" },
  "replay.floor": { of: "ratio", op: ">=", limit: 0.8, judged: true, what: "replay speed / readline + JSON.parse floor, 300 MB log" },
  // "What must exist" (issue 14), not in the judged list.
  "startup.help": { of: "value", op: "<=", limit: 150, unit: "ms", judged: false, what: "start-up CPU of dra-sim --help" },
  "startup.firstLine": { of: "value", op: "<=", limit: 150, unit: "ms", judged: false, what: "start-up CPU of a command to its first line of work" },
  // The HTML report's limits (README "The HTML report").
  "report.size": { of: "value", op: "<=", limit: 10, unit: "MB", judged: false, what: "size of the HTML report of a 1M-task run" },
  "report.firstPaint": { of: "value", op: "<=", limit: 2000, unit: "ms", judged: false, what: "first paint of that report in headless Chromium" },
};
