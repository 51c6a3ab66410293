import { describe, expect, it } from "vitest";
import type { SimulationResult } from "../../../sim/result/SimulationResult.js";
import { draConf, eventsOf, job, run, scenario, stage, targetChanges } from "../../helpers/builders.js";

/** Every task attempt: [partition, executor, start, end, speculative, killed]. */
function attempts(r: SimulationResult): Array<[number, number, number, number, boolean, boolean]> {
  const t = r.tasks!;
  return Array.from({ length: t.length }, (_, i) => [t.partition[i]!, t.executor[i]!, t.startMs[i]!, t.endMs[i]!, t.speculative[i] === 1, t.killed[i] === 1]);
}

const endOf = (r: SimulationResult): number => eventsOf(r, "applicationEnd")[0]!.timeMs;

/** 4 one-core executors, 10 tasks of 1 s, one of them a straggler 10x slower. */
const straggling = (conf: Record<string, string>) =>
  scenario({
    conf: { "spark.executor.instances": "4", ...conf },
    jobs: [job([stage(0, 10, 1000, { stragglers: { fraction: 0.1, factor: 10 } })])],
  });

describe("speculative execution (spark.speculation)", () => {
  it("off by default: the straggler runs to its end and nothing is copied", () => {
    const r = run(straggling({}), undefined, { recordTasks: true });
    expect(eventsOf(r, "speculativeTaskSubmitted")).toEqual([]);
    expect(attempts(r).filter(([, , , , spec, killed]) => spec || killed)).toEqual([]);
    // The straggler (partition 8 for seed 1) starts at 1000 and takes 10 s.
    expect(endOf(r)).toBe(11_000);
  });

  it("on: the straggler gets a copy on another executor once it ran 1.5 x the median, the copy wins and the original is killed", () => {
    const r = run(straggling({ "spark.speculation": "true" }), undefined, { recordTasks: true });
    // 8 tasks done at 2000 (>= 0.75 x 10), median 1000: speculatable once it ran > 1500 ms,
    // found by the check at 2600 (the checks run every 100 ms; at 2500 it ran exactly 1500).
    expect(eventsOf(r, "speculativeTaskSubmitted")).toEqual([{ timeMs: 2600, type: "speculativeTaskSubmitted", stageId: 0, attempt: 0, partition: 8 }]);
    const straggler = attempts(r).filter(([p]) => p === 8);
    expect(straggler).toHaveLength(2);
    const [original, copy] = straggler as [(typeof straggler)[0], (typeof straggler)[0]];
    expect(original.slice(2)).toEqual([1000, 3600, false, true]);
    expect(copy.slice(2)).toEqual([2600, 3600, true, false]);
    expect(copy[1]).not.toBe(original[1]);
    expect(eventsOf(r, "taskKilled")).toEqual([
      { timeMs: 3600, type: "taskKilled", stageId: 0, attempt: 0, partition: 8, executorId: String(original[1]), speculative: false },
    ]);
    expect(endOf(r)).toBe(3600);
  });

  it("spark.speculation.interval sets the check's grid", () => {
    const r = run(straggling({ "spark.speculation": "true", "spark.speculation.interval": "1s" }), undefined, { recordTasks: true });
    expect(eventsOf(r, "speculativeTaskSubmitted").map((e) => e.timeMs)).toEqual([3000]);
  });

  it("a copy never runs on its original's executor: with one 4-core executor, the allocation manager asks for another for it (SPARK-30511's +1)", () => {
    const s = scenario({
      conf: draConf({
        "spark.speculation": "true",
        "spark.executor.cores": "4",
        "spark.dynamicAllocation.initialExecutors": "1",
        "spark.dynamicAllocation.maxExecutors": "5",
      }),
      startupMs: 500,
      jobs: [job([stage(0, 4, 1000, { stragglers: { fraction: 0.25, factor: 20 } })])],
    });
    const r = run(s, undefined, { recordTasks: true });
    const submitted = eventsOf(r, "speculativeTaskSubmitted");
    expect(submitted).toHaveLength(1);
    // running 1 + pending copy 1 = 2 tasks: ceil(2 / 4) = 1 executor, +1 so the copy can run elsewhere.
    const t0 = submitted[0]!.timeMs;
    expect(targetChanges(r).filter(([t]) => t > t0)[0]).toEqual([t0 + 1000, 2]);
    const copy = attempts(r).find(([, , , , spec]) => spec)!;
    expect(copy[1]).toBe(2);
    expect(copy[2]).toBe(t0 + 1500);
  });

  it("a killed attempt is not a failure: no taskFailed event, and the job does not abort with spark.task.maxFailures=1", () => {
    const r = run(straggling({ "spark.speculation": "true", "spark.task.maxFailures": "1" }), undefined, { recordTasks: true });
    expect(eventsOf(r, "taskKilled")).toHaveLength(1);
    expect(eventsOf(r, "taskFailed")).toEqual([]);
    expect(eventsOf(r, "jobFailed")).toEqual([]);
  });
});

describe("stragglers (stage.stragglers)", () => {
  it("slow round(fraction x tasks) partitions chosen by the seed, by the factor, on their first attempt only", () => {
    const s = (seed: number) =>
      scenario({ seed, conf: { "spark.executor.instances": "20" }, jobs: [job([stage(0, 20, 1000, { stragglers: { fraction: 0.15, factor: 4 } })])] });
    const slow = (seed: number) =>
      attempts(run(s(seed), undefined, { recordTasks: true }))
        .filter(([, , start, end]) => end - start === 4000)
        .map(([p]) => p);
    expect(slow(1)).toHaveLength(3);
    expect(slow(1)).toEqual(slow(1));
    expect(slow(2)).toHaveLength(3);
    expect(slow(2)).not.toEqual(slow(1));
  });
});
