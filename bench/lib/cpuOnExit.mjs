// Preloaded with `node --import` by the benches that time whole commands: prints the
// process's own CPU time (user + system, from its start, all threads) and its peak RSS on
// stderr when it exits.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const u = process.cpuUsage();
  writeSync(2, `\nBENCH_CPU_MS ${(u.user + u.system) / 1000}\nBENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
