import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Writes the unbundled CLI into `dir` and returns its path: bin/dra-sim.js's body on
 * dist/src/cli/main.js, as a file (sweep workers inherit node's arguments, so no --eval).
 */
export function writeUnbundledCli(dir: string): string {
  const path = join(dir, "unbundled.mjs");
  writeFileSync(
    path,
    `
const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist/src/cli/main.js")).href)});
process.exitCode = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t),
  stderrIsTTY: false, stdoutIsTTY: false, cwd: process.cwd(),
});`,
  );
  return path;
}
