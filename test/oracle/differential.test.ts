/**
 * The decision-level differential test without Java: committed decisions of Spark's own
 * ExecutorAllocationManager (oracle/differential/SparkDecisions.java on pyspark's jars, on our
 * engine's listener trace of the scenario) are the ground truth for our decisions; and the
 * trace recorder and decision comparer that `npm run oracle` relies on are pinned.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AllocationDecision } from "../../sim/spark/ListenerTraceRecorder.js";
import { firstDivergence, formatSideBySide } from "../../src/oracle/differential/compareDecisions.js";
import { eventsSha256, type DecisionFixture } from "../../src/oracle/differential/decisionFixture.js";
import { recordDecisionTrace } from "../../src/oracle/differential/decisionTrace.js";
import { formatDivergentScenario } from "../../src/oracle/differential/runDifferential.js";
import { loadScenarioText } from "../../src/scenario/index.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "oracle-differential");
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ file: f, fixture: JSON.parse(readFileSync(join(DIR, f), "utf8")) as DecisionFixture }));

describe("our decisions equal Spark's on committed traces", () => {
  it("has fixtures", () => {
    expect(FIXTURES.length).toBeGreaterThan(0);
  });

  for (const { file, fixture } of FIXTURES) {
    for (const [version, spark] of Object.entries(fixture.spark)) {
      it(`${file} on Spark ${version}`, () => {
        const trace = recordDecisionTrace({ ...fixture.scenario, sparkVersion: version });
        const d = firstDivergence(trace.decisions, spark.decisions);
        const traceChanged = eventsSha256(trace) !== spark.eventsSha256;
        const note = traceChanged ? "\n(our listener trace differs from the one Spark was fed: if the engine's events changed on purpose, re-record with `node oracle/differential/fixtures.mjs`, which needs Java)" : "";
        expect(d === undefined ? "" : formatSideBySide(trace.decisions, spark.decisions, d) + note).toBe("");
        // Spark's decisions are its answer to this exact trace; a changed trace needs new ones.
        expect(traceChanged, note).toBe(false);
        // Not a trivial fixture: the target moves, executors are killed.
        expect(spark.decisions.filter((x) => x.d === "target").length).toBeGreaterThan(2);
        expect(spark.decisions.some((x) => x.d === "kill")).toBe(true);
      });
    }
  }

  it("SPARK-43398: Spark 3.4.0 removes the cached executor earlier than 3.3.4 and 3.4.1 (backported to 3.3.3)", () => {
    const fixture = FIXTURES.find((f) => f.file === "cached-shuffle-deadline.json")!.fixture;
    const firstKillAfterStart = (v: string) => fixture.spark[v]!.decisions.filter((d) => d.d === "kill")[1]!;
    expect(firstKillAfterStart("3.4.0").t).toBeLessThan(firstKillAfterStart("3.4.1").t);
    expect(firstKillAfterStart("3.3.4")).toEqual(firstKillAfterStart("3.4.1"));
  });
});

describe("listener trace", () => {
  const { fixture } = FIXTURES[0]!;
  const trace = recordDecisionTrace({ ...fixture.scenario, sparkVersion: "3.5.7" });

  it("is in time order, ticks on 100 ms boundaries, and ends with the application end", () => {
    for (let i = 1; i < trace.events.length; i++) expect(trace.events[i]!.t).toBeGreaterThanOrEqual(trace.events[i - 1]!.t);
    const ticks = trace.events.filter((e) => e.e === "tick");
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t.t % 100).toBe(0);
    expect(trace.events.at(-1)!.e).toBe("end");
    expect(trace.events.filter((e) => e.e === "end")).toHaveLength(1);
  });

  it("holds every task's start and end, and each executor's registration before its tasks", () => {
    const starts = trace.events.filter((e) => e.e === "taskStart").length;
    const ends = trace.events.filter((e) => e.e === "taskEnd").length;
    expect(starts).toBeGreaterThan(0);
    expect(ends).toBe(starts);
    const added = new Set<string>();
    for (const e of trace.events) {
      if (e.e === "executorAdded") added.add(e.exec);
      if (e.e === "taskStart") expect(added.has(e.exec)).toBe(true);
    }
  });

  it("records the initial target and request first, and a request after every kill (SPARK-21834)", () => {
    expect(trace.decisions.slice(0, 2).map((d) => d.d)).toEqual(["target", "request"]);
    trace.decisions.forEach((d, i) => {
      if (d.d === "kill") expect(trace.decisions[i + 1]).toMatchObject({ t: d.t, d: "request" });
    });
  });

  it("is deterministic", () => {
    expect(recordDecisionTrace({ ...fixture.scenario, sparkVersion: "3.5.7" })).toEqual(trace);
  });
});

describe("firstDivergence", () => {
  const ours: AllocationDecision[] = [
    { t: 0, d: "target", target: 2 },
    { t: 0, d: "request", total: 2 },
    { t: 61000, d: "kill", ids: ["1", "2"] },
    { t: 61000, d: "request", total: 2 },
  ];

  it("finds none in equal lists", () => {
    expect(firstDivergence(ours, structuredClone(ours))).toBeUndefined();
  });

  it("finds a different time, value, kill list or kind at its index", () => {
    const at = (i: number, d: AllocationDecision) => ours.map((x, j) => (j === i ? d : x));
    expect(firstDivergence(ours, at(1, { t: 100, d: "request", total: 2 }))?.index).toBe(1);
    expect(firstDivergence(ours, at(1, { t: 0, d: "request", total: 3 }))?.index).toBe(1);
    expect(firstDivergence(ours, at(2, { t: 61000, d: "kill", ids: ["2", "1"] }))?.index).toBe(2);
    expect(firstDivergence(ours, at(3, { t: 61000, d: "target", target: 2 }))?.index).toBe(3);
  });

  it("finds a missing or extra decision at the end of the shorter list", () => {
    const d = firstDivergence(ours, ours.slice(0, 2));
    expect(d).toEqual({ index: 2, ours: ours[2], spark: undefined });
    expect(formatSideBySide(ours, ours.slice(0, 2), d!)).toContain(">>    2  61000 ms  kill 1,2");
  });
});

describe("formatDivergentScenario", () => {
  it("is a scenario file the loader accepts, naming the divergence", () => {
    const { fixture } = FIXTURES[0]!;
    const d = { index: 3, ours: { t: 100, d: "target", target: 2 }, spark: undefined } as const;
    const text = formatDivergentScenario(fixture.scenario, "3.4.0", d);
    expect(text).toContain("# Decision #3: ours 100 ms  target 2; Spark (none).");
    expect(loadScenarioText(text, "divergence.yaml", "yaml").scenario).toEqual(fixture.scenario);
  });
});
