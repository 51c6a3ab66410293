// N runs of the 1M-task bench workload at one executor limit, in this one process, nothing
// printed: a driver for counts that load does not move, e.g.
//   valgrind --tool=cachegrind --cache-sim=yes --LL=1048576,16,64 \
//     node --predictable --predictable-gc-schedule bench/simulateRuns.mjs 5000 2
// (`npm run build` first). --summarize also summarises each result (as a sweep does); --events
// also reads each result's events (as --events, --json and the reports do).
import { parseConf, parseSparkVersion, simulate, summarize } from "../dist/sim/index.js";
import { millionTaskScenario } from "./scenarios.mjs";

const [max, n] = [Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 1)];
const flags = new Set(process.argv.slice(4));
const scenario = millionTaskScenario(max);
const conf = parseConf(scenario.conf, parseSparkVersion(scenario.sparkVersion)).conf;
let tasks = 0;
for (let i = 0; i < n; i++) {
  const r = simulate(scenario, conf);
  tasks += r.stats.tasksRun;
  if (flags.has("--events")) tasks += r.events.length;
  if (flags.has("--summarize")) tasks += summarize(r).executorsAdded;
}
if (tasks === 0) throw new Error("no task ran");
