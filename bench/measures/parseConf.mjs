// Config reading benchmark, on the compiled output (`npm run bench` builds first). CPU time
// (process.cpuUsage), side by side in this one process: parseConf on a typical conf against
// its floor, each registry entry's value syntax parsing its text once (no defaults, checks,
// warnings or resolved conf). A sweep reads one conf per grid point, the HTML report one per
// key it shows, so this stays a few microseconds.
//   node bench/measures/parseConf.mjs
import { CONF_ENTRIES, parseConf, parseSparkVersion } from "../../dist/sim/index.js";
import { figure } from "../lib/figure.mjs";
import { runIfMain } from "../lib/measureMain.mjs";

const version = parseSparkVersion("3.5");
const raw = {
  "spark.dynamicAllocation.enabled": "true",
  "spark.dynamicAllocation.maxExecutors": "50",
  "spark.dynamicAllocation.initialExecutors": "2",
  "spark.dynamicAllocation.executorIdleTimeout": "30s",
  "spark.executor.memory": "4g",
  "spark.executor.cores": "4",
};
/** Each entry with its text: as set in `raw`, else its default written in its syntax (entries unset by default, or never, have no text). */
const texts = CONF_ENTRIES.flatMap((e) => {
  if (raw[e.key] !== undefined) return [[e, raw[e.key]]];
  const d = e.defaultValue?.(version.features);
  return d === undefined || d === Infinity ? [] : [[e, e.syntax.format(d)]];
});

function floor() {
  let n = 0;
  for (const [e, t] of texts) if (e.syntax.parse(e.key, t).ok) n++;
  return n;
}
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
function perCall(f, calls) {
  for (let i = 0; i < calls / 10; i++) f();
  const t0 = cpuUs();
  for (let i = 0; i < calls; i++) f();
  return (cpuUs() - t0) / calls;
}

export async function measure({ log }) {
  const calls = 50_000;
  const parse = perCall(() => parseConf(raw, version), calls);
  const base = perCall(floor, calls);
  log(`parseConf on a ${Object.keys(raw).length}-key conf, ${CONF_ENTRIES.length} registry entries; CPU per call over ${calls.toLocaleString()} calls`);
  return [figure({ id: "parseConf", name: "parseConf, one conf", value: parse, unit: "us", floor: base, floorName: "each entry's syntax once" })];
}

await runIfMain(import.meta.url, measure);
