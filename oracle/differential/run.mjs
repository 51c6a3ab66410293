// npm run oracle [-- --versions 3.5.7,4.1.1] [--runs 1000] [--seed 42] [--no-shrink]
// Generates scenarios with the project's fast-check arbitraries, records our engine's listener
// trace and allocation decisions, replays the trace through Spark's own ExecutorAllocationManager
// (oracle/differential/SparkDecisions.java, built by build.sh) and compares decision by decision.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { scenario } from "../../dist/src/arbitraries/index.js";
import { formatOutcomes, runDifferential } from "../../dist/src/oracle/differential/runDifferential.js";
import { oracleHome } from "../../dist/src/oracle/differential/SparkDecisionsProcess.js";

const { values } = parseArgs({
  options: {
    versions: { type: "string" },
    runs: { type: "string", default: "1000" },
    seed: { type: "string", default: "42" },
    "no-shrink": { type: "boolean", default: false },
    "shrink-seconds": { type: "string", default: "300" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`npm run oracle -- [--versions V1,V2] [--runs N] [--seed S] [--no-shrink]
  Differential test of our allocation decisions against Spark's ExecutorAllocationManager.
  --versions  Spark versions (default: every one built by oracle/differential/build.sh under ${oracleHome()})
  --runs      generated scenarios per version (default 1000)
  --seed      fast-check seed (default 42): the same seed draws the same scenarios
  --no-shrink do not shrink the first divergence
  --shrink-seconds  time allowed for shrinking each version's first divergence (default 300); the
              smallest scenario found by then is printed`);
  process.exit(0);
}
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs ${values.runs}: expected a whole number >= 1`);
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error(`--seed ${values.seed}: expected an integer`);
  process.exit(2);
}
const built = join(oracleHome(), "differential");
const versions = values.versions !== undefined ? values.versions.split(",").filter((v) => v !== "") : existsSync(built) ? readdirSync(built).sort() : [];
if (versions.length === 0) {
  console.error(`no Spark version built under ${built}: run oracle/setup.sh, then oracle/differential/build.sh`);
  process.exit(2);
}
/** Our scenario arbitrary with dynamic allocation on, for one Spark version. */
const arbitrary = (version) => scenario({ versions: [version], staticShare: 0 });
const source = {
  sample: (version, numRuns, seed) => fc.sample(arbitrary(version), { numRuns, seed }),
  // fast-check's own search from the same seed: its first failure, shrunk.
  shrink: async (version, numRuns, seed, agrees) => {
    const result = await fc.check(fc.asyncProperty(arbitrary(version), agrees), { numRuns, seed, interruptAfterTimeLimit: shrinkSeconds * 1000, markInterruptAsFailure: false });
    return result.failed && result.counterexample !== null ? result.counterexample[0] : undefined;
  },
};
const shrinkSeconds = Number(values["shrink-seconds"]);
if (!(shrinkSeconds > 0)) {
  console.error(`--shrink-seconds ${values["shrink-seconds"]}: expected a number of seconds > 0`);
  process.exit(2);
}
const started = Date.now();
try {
  const outcomes = await runDifferential({ source, versions, runs, seed, shrink: !values["no-shrink"], log: (l) => console.error(l) });
  for (const o of outcomes) {
    if (o.counterexample === undefined) continue;
    const file = join(mkdtempSync(join(tmpdir(), "dra-sim-oracle-")), `divergence-${o.version}.yaml`);
    writeFileSync(file, o.counterexample.scenarioYaml);
    console.log(`\nSpark ${o.version}: the first divergence, shrunk (written to ${file}). Scenario file:\n\n${o.counterexample.scenarioYaml}\nDecisions:\n${o.counterexample.sideBySide}\n`);
  }
  console.log(formatOutcomes(outcomes));
  console.log(`seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(outcomes.some((o) => o.divergences > 0) ? 1 : 0);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}
