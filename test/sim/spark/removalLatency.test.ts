import { describe, expect, it } from "vitest";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { summarize } from "../../../sim/result/summarize.js";
import { columnAt, draConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

const withCluster = (s: Scenario, cluster: Partial<Scenario["cluster"]>): Scenario => ({ ...s, cluster: { ...s.cluster, ...cluster } });

describe("removal latency (cluster.executorRemovalMs: kill to gone)", () => {
  // Executors 1 and 2 (initial 2, 1 core) run job 0's single task; both idle out and are
  // killed at 60 s / 61 s. Job 1 (4 tasks) arrives at 62 s, while their containers still stop.
  const twoJobs = scenario({
    conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2" }),
    startupMs: 0,
    jobs: [job([stage(0, 1, 1000)]), job([stage(1, 4, 10_000)], { submitAtMs: 62_000 })],
  });

  it("the driver keeps a killed executor until ExecutorRemoved: no tasks, still counted by ExecutorMonitor", () => {
    const r = run(withCluster(twoJobs, { executorRemovalMs: 10_000 }));
    const removed = eventsOf(r, "executorRemoved").filter((e) => e.reason !== "application-end");
    expect(removed.slice(0, 2).map((e) => [e.executorId, e.killedAtMs, e.timeMs])).toEqual([
      ["2", 60_000, 70_000],
      ["1", 61_000, 71_000],
    ]);
    // Between kill and removal: stopping, not running, and no task (job 1's tasks wait).
    expect(columnAt(r, "stopping_executors", 62_500)).toBe(2);
    expect(columnAt(r, "running_executors", 62_500)).toBe(0);
    expect(columnAt(r, "running_tasks", 62_500)).toBe(0);
  });

  it("raises the next target: max(target, executorCount) + toAdd counts the executors pending removal", () => {
    const firstRaiseAfter = (s: Scenario) => eventsOf(run(s), "targetChanged").find((e) => e.timeMs > 62_000 && e.target > e.previous)!;
    // Gone at the kill: the backlog at 63 s raises the target from 0 to 1.
    expect(firstRaiseAfter(twoJobs)).toMatchObject({ timeMs: 63_000, target: 1 });
    // Still counted until 70 s / 71 s: 0 -> max(0, 2) + 1 = 3.
    expect(firstRaiseAfter(withCluster(twoJobs, { executorRemovalMs: 10_000 }))).toMatchObject({ timeMs: 63_000, target: 3 });
  });

  it("bills the stopping time: executor-seconds count until the container is gone, run time unchanged", () => {
    // One executor idle from 1 s, killed at 61 s; the driver runs on until 200 s.
    const s0 = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }), startupMs: 0, jobs: [job([stage(0, 1, 1000)])] });
    const s: Scenario = { ...s0, workload: { ...s0.workload, endAfterLastJobMs: 199_000 } };
    const before = summarize(run(s));
    const after = summarize(run(withCluster(s, { executorRemovalMs: 7_000 })));
    expect(before.executorSeconds).toBe(61);
    expect(after.executorSeconds).toBe(68);
    expect(after.makespanMs).toBe(before.makespanMs);
  });

  it("on Kubernetes the driver removes the executor at the kill; the pod is billed while it terminates", () => {
    const s0 = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }), startupMs: 0, jobs: [job([stage(0, 1, 1000)])] });
    const s: Scenario = withCluster({ ...s0, workload: { ...s0.workload, endAfterLastJobMs: 199_000 } }, { manager: "kubernetes", executorRemovalMs: 5_000 });
    const r = run(s);
    const removed = eventsOf(r, "executorRemoved")[0]!;
    expect([removed.timeMs, removed.killedAtMs]).toEqual([61_000, undefined]);
    expect(columnAt(r, "stopping_executors", 63_000)).toBe(1);
    expect(columnAt(r, "stopping_executors", 66_000)).toBe(0);
    expect(summarize(r).executorSeconds).toBe(66);
  });
});

describe("cluster.maxContainers on the generic and Kubernetes managers", () => {
  it("a request beyond capacity waits and is placed when a container is gone", () => {
    // Room for 1. Executor 1 idles out at 62 s; its container stops 20 s later. Job 1 at 65 s
    // asks for an executor at 66 s: it waits for that capacity and registers 1 s after 82 s.
    const s0 = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }),
      startupMs: 1000,
      jobs: [job([stage(0, 1, 1000)]), job([stage(1, 1, 10_000)], { submitAtMs: 65_000 })],
    });
    const r = run(withCluster(s0, { manager: "generic", maxContainers: 1, executorRemovalMs: 20_000 }));
    expect(columnAt(r, "waiting_for_capacity", 70_000)).toBeGreaterThanOrEqual(1);
    expect(eventsOf(r, "executorAdded").map((e) => e.timeMs)).toEqual([1000, 83_000]);
    // Without the cap the request registers 1 s after it was made.
    const free = run(withCluster(s0, { manager: "generic", executorRemovalMs: 20_000 }));
    expect(eventsOf(free, "executorAdded")[1]!.timeMs).toBeLessThan(70_000);
  });

  it("on Kubernetes a killed executor's pod counts as Running until it is gone, so no pod is created for the new target meanwhile", () => {
    // Same run. The pod of executor 1 runs on until 82 s (killed at 62 s): the allocator sees
    // target 1 and one Running pod, and creates pod 2 only in the round at 82 s, with or without a cap.
    const s0 = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }),
      startupMs: 1000,
      jobs: [job([stage(0, 1, 1000)]), job([stage(1, 1, 10_000)], { submitAtMs: 65_000 })],
    });
    for (const maxContainers of [1, undefined]) {
      const r = run(withCluster(s0, { manager: "kubernetes", executorRemovalMs: 20_000, ...(maxContainers === undefined ? {} : { maxContainers }) }));
      expect(eventsOf(r, "executorRequested").map((e) => e.timeMs)).toEqual([0, 82_000]);
      expect(columnAt(r, "waiting_for_capacity", 70_000)).toBe(0);
      expect(eventsOf(r, "executorAdded").map((e) => e.timeMs)).toEqual([1000, 83_000]);
    }
  });

  it("on Kubernetes a killed pod is gone at the latest deleteGracePeriod + terminationGracePeriod after the kill", () => {
    const s0 = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1" }), startupMs: 1000, jobs: [job([stage(0, 1, 1000)]), job([stage(1, 1, 1000)], { submitAtMs: 200_000 })] });
    // Killed at 62 s; the JVM would take 120 s to exit: deleted at 67 s, gone by 67 + 30 s.
    const r = run(withCluster(s0, { manager: "kubernetes", executorRemovalMs: 120_000 }));
    expect(columnAt(r, "stopping_executors", 96_000)).toBe(1);
    expect(columnAt(r, "stopping_executors", 97_000)).toBe(0);
    const shorter = run(withCluster({ ...s0, conf: { ...s0.conf, "spark.kubernetes.dynamicAllocation.deleteGracePeriod": "1s" } }, { manager: "kubernetes", executorRemovalMs: 120_000, kubernetes: { terminationGracePeriodMs: 2000 } }));
    expect(columnAt(shorter, "stopping_executors", 64_000)).toBe(1);
    expect(columnAt(shorter, "stopping_executors", 65_000)).toBe(0);
  });
});

describe("cluster.nodes and the node autoscaler", () => {
  it("a pod waits for a node until the autoscaler adds one, and a spare node is removed after its idle period", () => {
    // One node for 2 executors; 4 initial executors: 2 wait; the autoscaler adds one node 30 s later.
    const s0 = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "4", "spark.scheduler.minRegisteredResourcesRatio": "0.5" }), startupMs: 1000, jobs: [job([stage(0, 4, 50_000)])] });
    const nodes = { count: 1, executorsPerNode: 2, autoscaler: { maxNodes: 3, scaleUpDelayMs: 30_000, scaleDownIdleMs: 60_000 } };
    for (const manager of ["generic", "kubernetes"] as const) {
      const r = run(withCluster(s0, { manager, nodes }));
      expect(columnAt(r, "waiting_for_capacity", 10_000)).toBe(2);
      expect(columnAt(r, "nodes", 10_000)).toBe(1);
      expect(columnAt(r, "nodes", 30_000)).toBe(2);
      const added = eventsOf(r, "executorAdded").map((e) => e.timeMs);
      expect(added.slice(0, 2)).toEqual([1000, 1000]);
      expect(added[2]).toBeGreaterThanOrEqual(31_000);
      // Without an autoscaler they never start.
      const fixed = run(withCluster(s0, { manager, nodes: { count: 1, executorsPerNode: 2 } }));
      expect(eventsOf(fixed, "executorAdded").length).toBe(2);
    }
  });
});

describe("node autoscaler scale-down", () => {
  it("removes a node once the executors fit on one node fewer for scaleDownIdleMs, down to nodes.count", () => {
    // 4 executors on 2 nodes (one added at 10 s); they idle out at 110 s and 120 s; the spare
    // node goes scaleDownIdleMs (20 s) after two are gone; never below nodes.count.
    const s0 = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "4", "spark.scheduler.minRegisteredResourcesRatio": "0.5" }), startupMs: 0, jobs: [job([stage(0, 4, 50_000)])] });
    const s: Scenario = withCluster({ ...s0, workload: { ...s0.workload, endAfterLastJobMs: 300_000 } }, {
      nodes: { count: 1, executorsPerNode: 2, autoscaler: { maxNodes: 3, scaleUpDelayMs: 10_000, scaleDownIdleMs: 20_000 } },
    });
    const r = run(s);
    // The executors fit on one node once two of the four are gone.
    const removedMs = eventsOf(r, "executorRemoved").filter((e) => e.reason !== "application-end").map((e) => e.timeMs).sort((x, y) => x - y);
    expect(removedMs.length).toBe(4);
    const spareFromMs = removedMs[1]!;
    expect(columnAt(r, "nodes", spareFromMs)).toBe(2);
    expect(columnAt(r, "nodes", spareFromMs + 19_000)).toBe(2);
    expect(columnAt(r, "nodes", spareFromMs + 21_000)).toBe(1);
    expect(columnAt(r, "nodes", spareFromMs + 200_000)).toBe(1);
  });
});
