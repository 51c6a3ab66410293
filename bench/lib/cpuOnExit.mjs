// Preloaded with `node --import` by the start-up bench: prints the process's own CPU time
// (user + system, from its start) on stderr when it exits.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const u = process.cpuUsage();
  writeSync(2, `\nBENCH_CPU_MS ${(u.user + u.system) / 1000}\n`);
});
