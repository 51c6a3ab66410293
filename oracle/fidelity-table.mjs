// Prints the README's fidelity table: every corpus log replayed, its model error and removals.
// Usage: npm run oracle:table [-- --readme]   (--readme: replace the table in README.md)
import { readFileSync, writeFileSync } from "node:fs";
import { defaultCorpusDir, fidelityTable, measureRun, readCorpusManifest } from "../dist/src/oracle/corpusFidelity.js";

const dir = defaultCorpusDir();
const rows = [];
for (const run of readCorpusManifest(dir)) rows.push(await measureRun(dir, run));
const table = fidelityTable(rows);
console.log(table);
if (process.argv.includes("--readme")) {
  const path = new URL("../README.md", import.meta.url);
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf("| run (scenario--version) |");
  const end = readme.indexOf("\n\n", start);
  if (start < 0 || end < 0) throw new Error("README.md has no fidelity table to replace");
  writeFileSync(path, readme.slice(0, start) + table + readme.slice(end));
}
