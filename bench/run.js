// `npm run bench`: every benchmark in this folder, one after another.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

const here = dirname(fileURLToPath(import.meta.url));
for (const name of ["startup.mjs", "parseConf.mjs", "simulate.mjs", "replay.mjs", "sweep.mjs", "report.mjs"]) {
  const file = join(here, name);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ["--max-old-space-size=8192", file], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
