// `npm run bench`: every benchmark in this folder, one after another.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

const here = dirname(fileURLToPath(import.meta.url));
// `npm run bench -- --before DIR`: also the engine of DIR's build (an earlier commit) beside this one's.
const beforeAt = process.argv.indexOf("--before");
const beforeDir = beforeAt < 0 ? undefined : process.argv[beforeAt + 1];
for (const name of ["startup.mjs", "parseConf.mjs", "simulate.mjs", "replay.mjs", "sweep.mjs", "report.mjs"]) {
  const file = join(here, name);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ["--max-old-space-size=8192", file], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (beforeDir !== undefined) {
  console.log("\n== beforeAfter.mjs");
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", join(here, "beforeAfter.mjs"), beforeDir], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
