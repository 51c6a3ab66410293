// Re-records the Spark side of the committed differential-test fixtures
// (test/fixtures/oracle-differential/*.json): for each fixture and each of its Spark versions,
// our engine's listener trace of the scenario is replayed through Spark's own classes
// (oracle/differential/SparkDecisions.java, built by build.sh) and Spark's decisions are stored.
// Usage: npm run build && node oracle/differential/fixtures.mjs
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { recordDecisionTrace } from "../../dist/src/oracle/differential/decisionTrace.js";
import { eventsSha256 } from "../../dist/src/oracle/differential/decisionFixture.js";
import { SparkDecisionsProcess } from "../../dist/src/oracle/differential/SparkDecisionsProcess.js";

const dir = new URL("../../test/fixtures/oracle-differential/", import.meta.url).pathname;
const procs = new Map();
try {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const path = join(dir, name);
    const fixture = JSON.parse(readFileSync(path, "utf8"));
    const spark = {};
    for (const version of Object.keys(fixture.spark).sort()) {
      if (!procs.has(version)) procs.set(version, new SparkDecisionsProcess(version));
      const trace = recordDecisionTrace({ ...fixture.scenario, sparkVersion: version });
      spark[version] = { eventsSha256: eventsSha256(trace), decisions: await procs.get(version).decide(trace) };
      console.log(`${name} Spark ${version}: ${spark[version].decisions.length} decisions`);
    }
    const recordedWith = `oracle/differential/SparkDecisions.java on pyspark ${Object.keys(spark).sort().join(", ")} (node oracle/differential/fixtures.mjs)`;
    writeFileSync(path, `${JSON.stringify({ ...fixture, spark, recordedWith }, null, 1)}\n`);
  }
} finally {
  for (const p of procs.values()) await p.close();
}
