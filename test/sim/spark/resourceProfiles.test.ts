/**
 * Stage-level scheduling end to end: a stage that names a resource profile gets its own
 * executors (its own target, requests and pool), runs only on them, and the profile's target
 * keeps Spark's per-profile min / initial / max. Each test would fail on the one-pool model
 * (every stage on the default profile's executors).
 */
import { describe, expect, it } from "vitest";
import type { ResourceProfileSpec, Scenario } from "../../../sim/scenario/Scenario.js";
import type { SimulationResult } from "../../../sim/result/SimulationResult.js";
import { summarize } from "../../../sim/result/summarize.js";
import { checkTerminationRules } from "../../../src/check/index.js";
import { resolveConf } from "../../../src/run/runScenario.js";
import { ScenarioError } from "../../../src/scenario/ScenarioError.js";
import { draConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

const GPU: ResourceProfileSpec = { name: "gpu", executorCores: 2, executorGpus: 1, taskCpus: 1, taskGpus: 0.5 };

/** A CPU stage of 16 one-core tasks (4 per executor), then a GPU stage of 16 tasks (2 per GPU executor). */
function cpuThenGpu(conf: Record<string, string> = {}, extra: Partial<Scenario["cluster"]> = {}, gpuStage: Partial<{ resourceProfile: string }> = { resourceProfile: "gpu" }): Scenario {
  const s = scenario({
    conf: draConf({ "spark.executor.cores": "4", "spark.dynamicAllocation.maxExecutors": "10", ...conf }),
    startupMs: 1000,
    jobs: [job([stage(0, 16, 10_000, { shuffleId: 0 }), stage(1, 16, 20_000, { parents: [0], ...gpuStage })])],
  });
  return { ...s, cluster: { ...s.cluster, ...extra }, workload: { ...s.workload, resourceProfiles: [GPU] } };
}

/** Each task attempt's stage and the profile of the executor that ran it. */
function taskPlacements(r: SimulationResult): Array<[number, number]> {
  const profileOf = new Map(eventsOf(r, "executorAdded").map((e) => [Number(e.executorId), e.resourceProfileId ?? 0]));
  const t = r.tasks!;
  return Array.from({ length: t.length }, (_, i) => [t.stageId[i]!, profileOf.get(t.executor[i]!)!] as [number, number]);
}

function profileTargets(r: SimulationResult, rpId: number): number[] {
  return eventsOf(r, "targetChanged")
    .filter((e) => (e.resourceProfileId ?? 0) === rpId)
    .map((e) => e.target);
}

describe("resource profiles (stage-level scheduling)", () => {
  it("a stage that names a profile runs only on executors of that profile, and default executors never take its tasks", () => {
    const r = run(cpuThenGpu(), undefined, { recordTasks: true });
    const placements = taskPlacements(r);
    expect(placements.filter(([s]) => s === 1).every(([, rp]) => rp === 1)).toBe(true);
    expect(placements.filter(([s]) => s === 0).every(([, rp]) => rp === 0)).toBe(true);
    expect(placements.filter(([s]) => s === 1)).toHaveLength(16);
    expect(eventsOf(r, "stageSubmitted").map((e) => e.resourceProfileId)).toEqual([undefined, 1]);
    expect(checkTerminationRules(r)).toEqual([]);
  });

  it("each profile has its own target: the GPU profile ramps up 1, 3, 7, 8 (16 tasks, 2 per executor) while the default one falls", () => {
    const r = run(cpuThenGpu());
    const gpu = profileTargets(r, 1);
    expect(gpu.slice(0, 4)).toEqual([1, 3, 7, 8]);
    expect(Math.max(...gpu)).toBe(8);
    // As its tasks finish, its target falls (the default profile's is not involved).
    expect(gpu.slice(4).every((t, i) => t < [8, ...gpu.slice(4)][i]!)).toBe(true);
    expect(profileTargets(r, 0).slice(0, 4)).toEqual([0, 1, 3, 4]);
    // Eight GPU executors were requested and registered, ids after the default profile's.
    const gpuAdded = eventsOf(r, "executorAdded").filter((e) => e.resourceProfileId === 1);
    expect(gpuAdded).toHaveLength(8);
    expect(new Set(eventsOf(r, "executorRequested").map((e) => e.executorId)).size).toBe(eventsOf(r, "executorRequested").length);
  });

  it("the one-pool model differs: without the profile the GPU stage reuses the CPU executors and no GPU executor is asked for", () => {
    const withProfile = run(cpuThenGpu());
    const onePool = run(cpuThenGpu({}, {}, {}));
    expect(eventsOf(onePool, "executorAdded").some((e) => e.resourceProfileId !== undefined)).toBe(false);
    expect(eventsOf(withProfile, "executorAdded").length).toBeGreaterThan(eventsOf(onePool, "executorAdded").length);
    // GPU executors have 2 cores, not 4: core-seconds count each executor at its profile's size.
    const s = summarize(withProfile);
    expect(s.coreSeconds).toBeLessThan(s.executorSeconds * 4);
    expect(s.coreSeconds).toBeGreaterThan(s.executorSeconds * 2);
  });

  it("a profile's target starts at spark.dynamicAllocation.initialExecutors when its first stage is submitted", () => {
    const r = run(cpuThenGpu({ "spark.dynamicAllocation.initialExecutors": "3" }));
    const first = eventsOf(r, "targetChanged").find((e) => e.resourceProfileId === 1)!;
    const submitted = eventsOf(r, "stageSubmitted").find((e) => e.resourceProfileId === 1)!;
    expect(first).toMatchObject({ target: 3, previous: 0, cause: "initial", timeMs: submitted.timeMs });
  });

  it("spark.dynamicAllocation.minExecutors holds for each profile: the GPU target never falls below it once set", () => {
    const r = run(cpuThenGpu({ "spark.dynamicAllocation.minExecutors": "2" }));
    const gpu = profileTargets(r, 1);
    expect(gpu[0]).toBe(2);
    expect(Math.min(...gpu)).toBe(2);
    expect(Math.max(...gpu)).toBe(8);
    // The GPU executors above the floor idle out; two stay until the application ends.
    const gpuIds = new Set(eventsOf(r, "executorAdded").filter((e) => e.resourceProfileId === 1).map((e) => e.executorId));
    const atEnd = eventsOf(r, "executorRemoved").filter((e) => gpuIds.has(e.executorId) && e.reason === "application-end");
    expect(atEnd.length).toBeGreaterThanOrEqual(2);
  });

  it("spark.dynamicAllocation.maxExecutors caps each profile separately", () => {
    const r = run(cpuThenGpu({ "spark.dynamicAllocation.maxExecutors": "3" }));
    expect(Math.max(...profileTargets(r, 0))).toBe(3);
    expect(Math.max(...profileTargets(r, 1))).toBe(3);
  });

  for (const manager of ["generic", "kubernetes", "yarn", "standalone"] as const) {
    it(`the ${manager} cluster manager keeps a pool per profile: GPU executors only for the GPU stage`, () => {
      const r = run(cpuThenGpu({}, { manager }), undefined, { recordTasks: true });
      const gpuAdded = eventsOf(r, "executorAdded").filter((e) => e.resourceProfileId === 1);
      expect(gpuAdded.length).toBeGreaterThan(0);
      expect(gpuAdded.length).toBeLessThanOrEqual(8);
      expect(taskPlacements(r).every(([s, rp]) => rp === (s === 1 ? 1 : 0))).toBe(true);
      expect(checkTerminationRules(r)).toEqual([]);
    });
  }
});

describe("resource profile checks", () => {
  const issuesOf = (s: Scenario): string[] => {
    try {
      resolveConf(s);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues.map((i) => `${i.path}: ${i.code}`);
      throw e;
    }
    return [];
  };

  it("refuses stage-level scheduling without dynamic allocation, as Spark does", () => {
    const s = cpuThenGpu({ "spark.dynamicAllocation.enabled": "false" });
    expect(issuesOf(s)).toEqual(["workload.jobs[0].stages[1].resourceProfile: invalid-value"]);
  });

  it("refuses capacity shared between the profiles' pools (not modelled) and a profile whose executor fits no task", () => {
    expect(issuesOf(cpuThenGpu({}, { maxContainers: 5 }))).toEqual(["cluster.maxContainers: not-modelled"]);
    const noFit = { ...cpuThenGpu(), workload: { ...cpuThenGpu().workload, resourceProfiles: [{ ...GPU, executorGpus: 0 }] } };
    expect(issuesOf(noFit)).toEqual(["workload.resourceProfiles[0]: invalid-value"]);
  });

  it("accepts profiles no stage uses with any cluster settings, and runs them as before", () => {
    const s = cpuThenGpu({}, { maxContainers: 5 }, {});
    expect(issuesOf(s)).toEqual([]);
  });
});
