import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenario as scenarioArb } from "../../src/arbitraries/index.js";
import { checkSpeculation } from "../../src/check/speculationRules.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import { job, run, scenario, stage } from "../helpers/builders.js";
import { PROPERTY_SEED, runScenario } from "./propertyHarness.js";

/** 4 one-core executors, 10 tasks of 1 s, one a straggler whose copy wins (see test/sim/spark/speculation.test.ts). */
function straggling(): SimulationResult {
  const s = scenario({
    conf: { "spark.executor.instances": "4", "spark.speculation": "true" },
    jobs: [job([stage(0, 10, 1000, { stragglers: { fraction: 0.1, factor: 10 } })])],
  });
  return run(s, undefined, { recordTasks: true });
}

/** Rows of the straggler's two attempts: [original, copy]. */
function pair(r: SimulationResult): [number, number] {
  const t = r.tasks!;
  const rows = Array.from({ length: t.length }, (_, i) => i).filter((i) => t.partition[i] === 8);
  return [rows[0]!, rows[1]!];
}

describe("rule 14 (speculative execution)", () => {
  it("holds on a run where a copy wins and the original is killed", () => {
    expect(checkSpeculation(straggling())).toEqual([]);
  });

  it("a copy on its original's executor is a violation", () => {
    const r = straggling();
    const [original, copy] = pair(r);
    r.tasks!.executor[copy] = r.tasks!.executor[original]!;
    expect(checkSpeculation(r).map((v) => v.message)).toContainEqual(expect.stringContaining("where an attempt of its task ran before"));
  });

  it("an attempt running on after its task succeeded is a violation (the loser was not killed)", () => {
    const r = straggling();
    const [original] = pair(r);
    r.tasks!.killed[original] = 0;
    r.tasks!.endMs[original] = 11_000;
    expect(checkSpeculation(r).map((v) => v.message)).toContainEqual(expect.stringContaining("ran on after another succeeded"));
  });

  it("a killed attempt reported as a task failure is a violation", () => {
    const r = straggling();
    const [original] = pair(r);
    const t = r.tasks!;
    const failed = { timeMs: t.endMs[original]!, type: "taskFailed" as const, stageId: 0, attempt: 0, partition: 8, executorId: String(t.executor[original]), counted: true };
    const tampered = { ...r, events: [...r.events, failed] };
    expect(checkSpeculation(tampered).map((v) => v.message)).toContainEqual(expect.stringContaining("reported as a failure"));
  });

  it("copies with spark.speculation off are a violation", () => {
    const r = straggling();
    const off = { ...r, conf: { ...r.conf, speculation: false } };
    expect(checkSpeculation(off).map((v) => v.message)).toContainEqual(expect.stringContaining("spark.speculation off"));
  });

  it("the property suite's scenarios exercise it: some runs copy tasks and kill the losers", () => {
    const samples = fc.sample(scenarioArb(), { seed: PROPERTY_SEED, numRuns: 200 });
    let copies = 0;
    let killed = 0;
    for (const s of samples) {
      const t = runScenario(s).tasks!;
      for (let i = 0; i < t.length; i++) {
        copies += t.speculative[i]!;
        killed += t.killed[i]!;
      }
    }
    expect(copies).toBeGreaterThan(20);
    expect(killed).toBeGreaterThan(10);
  });
});
