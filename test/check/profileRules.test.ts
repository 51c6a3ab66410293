/**
 * The termination rules over runs with resource profiles: rule 13 (a task only on an executor
 * of its stage's profile) and rules 1, 2 and 6 per profile. Each test plants one violation in a
 * clean run's result and expects exactly that rule.
 */
import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../sim/result/SimEvent.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import { checkTerminationRules } from "../../src/check/checkTerminationRules.js";
import { createConf, job, scenario, stage } from "../helpers/builders.js";
import { simulate } from "../../sim/spark/SparkApplication.js";

const CONF = { "spark.executor.cores": "2", "spark.dynamicAllocation.maxExecutors": "4", "spark.dynamicAllocation.executorIdleTimeout": "5s", "spark.shuffle.service.enabled": "true" };

/** A CPU map stage, then a reduce stage on profile "big" (4 cores, 4 tasks per executor), then a CPU job. */
const base = (): SimulationResult => {
  const s: Scenario = scenario({
    conf: CONF,
    startupMs: 1000,
    jobs: [job([stage(0, 8, 4000, { shuffleId: 0 }), stage(1, 8, 20_000, { parents: [0], resourceProfile: "big" })]), job([stage(2, 4, 1000)], { afterPreviousMs: 30_000 })],
  });
  const withProfiles: Scenario = { ...s, workload: { ...s.workload, resourceProfiles: [{ name: "big", executorCores: 4 }] } };
  return simulate(withProfiles, createConf(CONF), { recordTasks: true });
};

const withEvents = (r: SimulationResult, f: (events: SimEvent[]) => SimEvent[]): SimulationResult => ({ ...r, events: f([...r.events]) });
const rules = (r: SimulationResult) => [...new Set(checkTerminationRules(r).map((v) => v.rule))];

describe("termination rules with resource profiles", () => {
  it("finds nothing in a clean run with a target per profile", () => {
    const r = base();
    expect(checkTerminationRules(r)).toEqual([]);
    const targets = r.events.filter((e): e is Extract<SimEvent, { type: "targetChanged" }> => e.type === "targetChanged");
    expect(targets.some((e) => e.resourceProfileId === 1)).toBe(true);
  });

  it("rule 13: a task of a profile's stage on a default executor", () => {
    const r = withEvents(base(), (events) =>
      events.map((e) => (e.type === "executorAdded" && e.resourceProfileId === 1 ? { timeMs: e.timeMs, type: "executorAdded", executorId: e.executorId } : e)),
    );
    expect(rules(r)).toContain(13);
    const v = checkTerminationRules(r).find((x) => x.rule === 13)!;
    expect(v.message).toMatch(/stage 1 \(resource profile 1\) partition \d+ ran on executor \d+ of resource profile 0/);
  });

  it("rule 1 per profile: a non-default profile's target above maxExecutors", () => {
    const r = withEvents(base(), (events) => events.map((e) => (e.type === "targetChanged" && e.resourceProfileId === 1 && e.target > 0 ? { ...e, target: 9 } : e)));
    expect(rules(r)).toContain(1);
    expect(checkTerminationRules(r).find((x) => x.rule === 1)!.message).toMatch(/^resource profile 1: target 9 > maxExecutors 4/);
  });

  it("rule 2 per profile: a removal below the removed executor's profile's target", () => {
    // Raise the big profile's target to 4 for the rest of the run: its idle removals now break the floor.
    const r = withEvents(base(), (events) => {
      const i = events.findIndex((e) => e.type === "targetChanged" && e.resourceProfileId === 1 && e.cause === "demand-fell");
      const changed = events[i] as Extract<SimEvent, { type: "targetChanged" }>;
      return [...events.slice(0, i), { ...changed, target: 4 }, ...events.slice(i + 1).filter((e) => !(e.type === "targetChanged" && e.resourceProfileId === 1))];
    });
    expect(rules(r)).toEqual([2]);
    expect(checkTerminationRules(r)[0]!.message).toMatch(/of resource profile 1, below max\(min 0, target 4\)/);
  });
});
