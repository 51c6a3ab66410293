import { describe, expect, it } from "vitest";
import { ClusterNodes } from "../../../sim/spark/ClusterNodes.js";
import { ExecutorPlacementHints } from "../../../sim/spark/ExecutorPlacementHints.js";
import { localityOfRequestedContainers } from "../../../sim/spark/LocalityPreferredContainerPlacementStrategy.js";
import type { TaskLocation } from "../../../sim/spark/PendingTasksByLocality.js";
import { YarnAllocator } from "../../../sim/spark/YarnAllocator.js";
import { ManualClock } from "../../helpers/ManualClock.js";

const at = (...hosts: string[]): TaskLocation[] => hosts.map((host) => ({ host }));

/** `createStageInfo(stageId, numTasks, taskLocalityPreferences)` posted as StageSubmitted. */
function submitted(stageId: number, prefs: TaskLocation[][]) {
  return { stageId, attempt: 0, numTasks: prefs.length, timeMs: 0, taskLocalityPreferences: prefs };
}

describe("ExecutorAllocationManagerSuite: locality hints", () => {
  it("get pending task number and related locality preference", () => {
    const hints = new ExecutorPlacementHints();
    const stage1 = submitted(1, [at("host1", "host2", "host3"), at("host1", "host2", "host4"), at("host2", "host3", "host4"), [], []]);
    hints.onStageSubmitted(stage1);
    expect(hints.localityAwareTasks).toBe(3);
    expect(Object.fromEntries(hints.hostToLocalTaskCount)).toEqual({ host1: 2, host2: 3, host3: 2, host4: 2 });

    hints.onStageSubmitted(submitted(2, [at("host2", "host3", "host5"), at("host3", "host4", "host5"), []]));
    expect(hints.localityAwareTasks).toBe(5);
    expect(Object.fromEntries(hints.hostToLocalTaskCount)).toEqual({ host1: 2, host2: 4, host3: 4, host4: 3, host5: 2 });

    hints.onStageCompleted({ stageId: 1, attempt: 0, timeMs: 0 });
    expect(hints.localityAwareTasks).toBe(2);
    expect(Object.fromEntries(hints.hostToLocalTaskCount)).toEqual({ host2: 1, host3: 2, host4: 1, host5: 2 });
  });
});

describe("ContainerPlacementStrategySuite (LocalityPreferredContainerPlacementStrategy)", () => {
  const none = () => 0;
  it("allocate locality preferred containers with enough resource and no matched existed containers", () => {
    const localities = localityOfRequestedContainers({
      numContainer: 3,
      numLocalityAwareTasks: 15,
      hostToLocalTaskCount: new Map([["host3", 15], ["host4", 15], ["host5", 10]]),
      allocatedHostToContainers: (h) => ({ host1: 1, host2: 1 })[h] ?? 0,
      localityMatchedPendingAllocations: [],
      tasksPerExecutor: 1,
    });
    expect(localities).toEqual([["host3", "host4", "host5"], ["host3", "host4", "host5"], ["host3", "host4"]]);
  });

  it("allocate locality preferred containers with not enough resource: the rest have no preference", () => {
    // 2 tasks need 1 executor (2 slots), expected on host1 and host2 by half each: 1 container each, rounded up.
    const localities = localityOfRequestedContainers({
      numContainer: 4,
      numLocalityAwareTasks: 2,
      hostToLocalTaskCount: new Map([["host1", 1], ["host2", 1]]),
      allocatedHostToContainers: none,
      localityMatchedPendingAllocations: [],
      tasksPerExecutor: 2,
    });
    expect(localities).toEqual([undefined, undefined, ["host1", "host2"], ["host1", "host2"]]);
  });

  it("containers running or asked for on a host count against what it needs", () => {
    const localities = localityOfRequestedContainers({
      numContainer: 2,
      numLocalityAwareTasks: 4,
      hostToLocalTaskCount: new Map([["host1", 2], ["host2", 2]]),
      allocatedHostToContainers: (h) => (h === "host1" ? 2 : 0),
      localityMatchedPendingAllocations: [],
      tasksPerExecutor: 1,
    });
    expect(localities).toEqual([["host2"], ["host2"]]);
  });
});

describe("YarnAllocator places containers by the hints (cluster.nodes)", () => {
  /** An AM up at 0 with 4 nodes of 2 executors; the RM allocates 1 s after an ask. */
  function allocator() {
    const clock = new ManualClock();
    const heartbeats: number[] = [];
    const nodes = new ClusterNodes(4, () => 4, 2);
    const hooks = { scheduleRegistration: () => {}, onRequested: () => {}, onCancelled: () => {}, kill: () => true, scheduleHeartbeat: (t: number) => heartbeats.push(t) };
    const settings = { heartbeatIntervalMs: 3000, initialAllocationIntervalMs: 200, amStartupMs: 0, containerAllocationMs: 1000, maxContainers: 8, nodes, tasksPerExecutor: 1 };
    const yarn = new YarnAllocator(settings, 0, { next: () => 0.5 }, clock, hooks);
    yarn.start();
    const runHeartbeatsUntil = (t: number) => {
      while (heartbeats.length > 0 && Math.min(...heartbeats) <= t) {
        const next = Math.min(...heartbeats);
        heartbeats.splice(heartbeats.indexOf(next), 1);
        clock.setTime(next);
        yarn.heartbeat();
      }
    };
    return { yarn, nodes, runHeartbeatsUntil };
  }

  it("with hints, new containers go to the hosts of the local tasks; without, to the first nodes with room", () => {
    const hinted = allocator();
    const hints = { localityAwareTasks: 12, hostToLocalTaskCount: new Map([["node-3", 6], ["node-4", 6]]) };
    // Every ask prefers both nodes (6 containers wanted on each); the RM fills the first preferred node with room.
    hinted.yarn.requestTotalExecutors(4, hints);
    hinted.runHeartbeatsUntil(10_000);
    expect(["1", "2", "3", "4"].map((id) => hinted.nodes.hostOf(id))).toEqual(["node-3", "node-3", "node-4", "node-4"]);

    const plain = allocator();
    plain.yarn.requestTotalExecutors(4);
    plain.runHeartbeatsUntil(10_000);
    expect(["1", "2", "3", "4"].map((id) => plain.nodes.hostOf(id))).toEqual(["node-1", "node-1", "node-2", "node-2"]);
  });
});
