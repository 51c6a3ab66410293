import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenario as scenarioArb } from "../../src/arbitraries/index.js";
import { PROPERTY_RUNS, PROPERTY_SEED, runScenario } from "./propertyHarness.js";

describe("the property suite's arbitraries generate locality (rule 12 has something to check)", () => {
  const sample = fc.sample(scenarioArb(), { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS });
  const stages = (s: (typeof sample)[number]) => s.workload.jobs.flatMap((j) => j.stages);

  it("cached reads, nodes, input on nodes and locality waits each appear in a fair share of scenarios", () => {
    const share = (p: (s: (typeof sample)[number]) => boolean) => sample.filter(p).length / sample.length;
    expect(share((s) => stages(s).some((x) => x.readsCachedRddId !== undefined))).toBeGreaterThan(0.1);
    expect(share((s) => s.cluster.nodes !== undefined)).toBeGreaterThan(0.1);
    expect(share((s) => stages(s).some((x) => x.inputReplicas !== undefined))).toBeGreaterThan(0.05);
    expect(share((s) => s.conf["spark.locality.wait"] !== undefined)).toBeGreaterThan(0.2);
    // Input replicas only where there are nodes, never more than nodes.
    for (const s of sample) for (const x of stages(s)) if (x.inputReplicas !== undefined) expect(x.inputReplicas).toBeLessThanOrEqual(s.cluster.nodes!.count);
  });

  it("their runs launch tasks at every level: process-local reads, node-local tasks and reads that gave up waiting", () => {
    const levels = new Set<number>();
    for (const s of sample.filter((x) => stages(x).some((st) => st.readsCachedRddId !== undefined || st.inputReplicas !== undefined)).slice(0, 60)) {
      const t = runScenario(s).tasks!;
      for (let i = 0; i < t.length; i++) levels.add(t.locality[i]!);
    }
    expect([...levels].sort()).toEqual([0, 1, 4]);
  });
});
