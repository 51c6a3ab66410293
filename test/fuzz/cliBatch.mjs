// Runs many CLI invocations in one process (the compiled CLI, in-process), for the fuzz suite:
// reads a JSON list of {cwd, argv} from the file named by argv[2], prints one JSON result per case.
// The parent bounds the whole batch with a timeout and a heap cap.
import { readFileSync } from "node:fs";
import { main } from "../../dist/src/cli/main.js";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const c of cases) {
  let stdout = 0;
  let stderr = "";
  const started = process.hrtime.bigint();
  let code;
  try {
    code = await main(c.argv, { stdout: (t) => (stdout += t.length), stderr: (t) => (stderr += t), stderrIsTTY: false, cwd: c.cwd });
  } catch (e) {
    code = -1;
    stderr += `main threw: ${e && e.stack ? e.stack : String(e)}`;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  results.push({ code, stdout, stderr: stderr.slice(0, 4000), ms });
}
process.stdout.write(JSON.stringify(results));
