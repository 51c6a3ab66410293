"use strict";
// bench/lib/cpuOnExit.mjs as CommonJS, preloaded with `node --require`: for the start-up bench,
// since an ES module preload would start Node's ES module loader in every process timed,
// which neither `node -e 0` nor `dra-sim` (a CommonJS entry) otherwise does.
const { writeSync } = require("node:fs");

process.on("exit", () => {
  const u = process.cpuUsage();
  writeSync(2, `\nBENCH_CPU_MS ${(u.user + u.system) / 1000}\nBENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
