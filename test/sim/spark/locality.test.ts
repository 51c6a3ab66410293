import { describe, expect, it } from "vitest";
import { TaskLocality } from "../../../sim/result/TaskLocality.js";
import type { SimulationResult } from "../../../sim/result/SimulationResult.js";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { draConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

interface TaskRow {
  stageId: number;
  partition: number;
  executor: string;
  startMs: number;
  locality: number;
}

function tasksOf(r: SimulationResult, stageId?: number): TaskRow[] {
  const t = r.tasks!;
  const rows: TaskRow[] = [];
  for (let i = 0; i < t.length; i++) {
    if (stageId !== undefined && t.stageId[i] !== stageId) continue;
    rows.push({ stageId: t.stageId[i]!, partition: t.partition[i]!, executor: String(t.executor[i]), startMs: t.startMs[i]!, locality: t.locality[i]! });
  }
  return rows;
}

const withTasks = (s: Scenario): SimulationResult => run(s, undefined, { recordTasks: true });

/**
 * One 1-core executor caches the 4 partitions of RDD 7 (stage 0, done before the backlog asks for more); job 1 reads them with 4 long
 * tasks. The backlog asks for a second executor, which has none of the partitions.
 */
const readCached = (conf: Record<string, string>) =>
  scenario({
    startupMs: 1000,
    conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.dynamicAllocation.maxExecutors": "2", "spark.dynamicAllocation.executorIdleTimeout": "5s", ...conf }),
    jobs: [job([stage(0, 4, 100, { cacheRddId: 7 })]), job([stage(1, 4, 20_000, { readsCachedRddId: 7 })])],
  });

describe("locality and delay scheduling (spark.locality.wait)", () => {
  it("an executor that arrives while tasks wait for the executor caching their partitions stays idle and times out", () => {
    const r = withTasks(readCached({ "spark.locality.wait": "60s" }));
    const reads = tasksOf(r, 1);
    expect(reads).toHaveLength(4);
    // Every read ran process-local on the executor holding its partition.
    expect(reads.every((t) => t.executor === "1" && t.locality === TaskLocality.PROCESS_LOCAL)).toBe(true);
    const readsStartMs = Math.min(...reads.map((t) => t.startMs));
    const readsEndMs = Math.max(...reads.map((t) => t.startMs)) + 20_000;
    const added = eventsOf(r, "executorAdded").filter((e) => e.executorId !== "1" && e.timeMs > readsStartMs && e.timeMs < readsEndMs);
    expect(added.length).toBeGreaterThan(0);
    // It never ran a task: idle from its registration until the target fell (the reads kept the
    // target at 2, so it could not go at its 5 s idle timeout), then removed as idle.
    const id = added[0]!.executorId;
    expect(tasksOf(r).some((t) => t.executor === id)).toBe(false);
    const removed = eventsOf(r, "executorRemoved").find((e) => e.executorId === id)!;
    expect(removed).toMatchObject({ reason: "idle-timeout", idleSinceMs: added[0]!.timeMs });
    expect(removed.timeMs - added[0]!.timeMs).toBeGreaterThan(40_000);
  });

  it("with spark.locality.wait=0 the new executor takes a read at once, at ANY", () => {
    const r = withTasks(readCached({ "spark.locality.wait": "0" }));
    const elsewhere = tasksOf(r, 1).filter((t) => t.executor !== "1");
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.every((t) => t.locality === TaskLocality.ANY)).toBe(true);
    const added = eventsOf(r, "executorAdded").find((e) => e.executorId === elsewhere[0]!.executor)!;
    expect(elsewhere[0]!.startMs).toBe(added.timeMs);
  });

  /** Two executors write shuffle 0 (half each); 6 reduce tasks make the backlog ask for a third. */
  const reduce = (conf: Record<string, string>, reduceTasks = 6) =>
    scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.maxExecutors": "3", ...conf }),
      jobs: [job([stage(0, 4, 1000, { shuffleId: 0 }), stage(1, reduceTasks, 10_000, { parents: [0] })])],
    });

  it("reduce tasks prefer the hosts holding their map output: a new executor elsewhere waits spark.locality.wait, then launches at a periodic revive", () => {
    const r = withTasks(reduce({}));
    const submitted = eventsOf(r, "stageSubmitted").find((e) => e.stageId === 1)!.timeMs;
    const reads = tasksOf(r, 1);
    const onMapHosts = reads.filter((t) => t.executor === "1" || t.executor === "2");
    expect(onMapHosts.length).toBeGreaterThan(0);
    expect(onMapHosts.every((t) => t.locality === TaskLocality.NODE_LOCAL)).toBe(true);
    const third = reads.filter((t) => t.executor === "3");
    const registered = eventsOf(r, "executorAdded").find((e) => e.executorId === "3")!.timeMs;
    expect(registered).toBeLessThan(submitted + 3000);
    expect(third[0]!.locality).toBe(TaskLocality.ANY);
    expect(third[0]!.startMs).toBe(submitted + 3000);
    expect(third[0]!.startMs % 1000).toBe(0);
  });

  it("spark.shuffle.reduceLocality.enabled=false: no preferences, the new executor takes a task when it registers", () => {
    const r = withTasks(reduce({ "spark.shuffle.reduceLocality.enabled": "false" }));
    const third = tasksOf(r, 1).filter((t) => t.executor === "3");
    expect(third[0]!.startMs).toBe(eventsOf(r, "executorAdded").find((e) => e.executorId === "3")!.timeMs);
    expect(tasksOf(r).every((t) => t.locality === TaskLocality.PROCESS_LOCAL)).toBe(true);
  });

  it("SHUFFLE_PREF_REDUCE_THRESHOLD: a reduce stage of 1000 partitions has no preferred locations, one of 999 has", () => {
    expect(tasksOf(withTasks(reduce({}, 1000)), 1).some((t) => t.locality === TaskLocality.NODE_LOCAL)).toBe(false);
    expect(tasksOf(withTasks(reduce({}, 999)), 1).some((t) => t.locality === TaskLocality.NODE_LOCAL)).toBe(true);
  });

  it("input stored on the cluster's nodes (inputReplicas): tasks run node-local on the executors of those nodes", () => {
    const base = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.maxExecutors": "2" }),
      jobs: [job([stage(0, 20, 1000, { inputReplicas: 1 })])],
    });
    const withNodes: Scenario = { ...base, cluster: { ...base.cluster, nodes: { count: 2, executorsPerNode: 1 } } };
    const local = tasksOf(withTasks(withNodes)).filter((t) => t.locality === TaskLocality.NODE_LOCAL);
    expect(local.length).toBeGreaterThan(10);
    const noInput: Scenario = { ...withNodes, workload: { ...withNodes.workload, jobs: [job([stage(0, 20, 1000)])] } };
    expect(tasksOf(withTasks(noInput)).every((t) => t.locality === TaskLocality.PROCESS_LOCAL)).toBe(true);
  });
});
