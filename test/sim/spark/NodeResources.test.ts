import { describe, expect, it } from "vitest";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { executorFootprint, executorsPerNode, noFitReason } from "../../../sim/spark/NodeResources.js";
import { resolveConf } from "../../../src/run/runScenario.js";
import { columnAt, createConf, draConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

const withCluster = (s: Scenario, cluster: Partial<Scenario["cluster"]>): Scenario => ({ ...s, cluster: { ...s.cluster, ...cluster } });

describe("executor footprint and executors per node", () => {
  // 4 cores, 4 GiB heap: overhead max(384, 0.1 x 4096) = 409 MiB.
  const conf = createConf({ "spark.executor.cores": "4", "spark.executor.memory": "4g" });

  it("sizes executors as each cluster manager does: heap + overhead; YARN rounds up to 1024 MiB; standalone the heap", () => {
    expect(executorFootprint(conf, "kubernetes")).toEqual({ cores: 4, memoryMiB: 4505, gpus: 0 });
    expect(executorFootprint(conf, "generic")).toEqual({ cores: 4, memoryMiB: 4505, gpus: 0 });
    expect(executorFootprint(conf, "yarn")).toEqual({ cores: 4, memoryMiB: 5120, gpus: 0 });
    expect(executorFootprint(conf, "standalone")).toEqual({ cores: 4, memoryMiB: 4096, gpus: 0 });
    expect(executorFootprint(createConf({ "spark.executor.resource.gpu.amount": "1" }), "kubernetes").gpus).toBe(1);
  });

  it("takes the least over the resources the node gives, each floor(node / executor)", () => {
    const f = executorFootprint(conf, "kubernetes");
    expect(executorsPerNode({ count: 1, cores: 16, memoryMiB: 65_536 }, f)).toBe(4); // cores bind
    expect(executorsPerNode({ count: 1, cores: 16, memoryMiB: 16_384 }, f)).toBe(3); // memory binds
    expect(executorsPerNode({ count: 1, memoryMiB: 16_384 }, f)).toBe(3); // cores not given: no limit
    expect(executorsPerNode({ count: 1, executorsPerNode: 7, cores: 1 }, f)).toBe(7);
    const gpu = { ...f, gpus: 2 };
    expect(executorsPerNode({ count: 1, cores: 64, memoryMiB: 262_144, gpus: 4 }, gpu)).toBe(2);
    expect(executorsPerNode({ count: 1, cores: 64, memoryMiB: 262_144 }, gpu)).toBe(0);
    expect(noFitReason({ count: 1, cores: 2 }, f)).toMatch(/an executor needs 4 cores, 4505 MiB .* a node has 2 cores, 0 GPUs: none fits/);
    expect(noFitReason({ count: 1, cores: 4 }, f)).toBeUndefined();
  });

  it("refuses a run whose executor fits on no node, naming cluster.nodes", () => {
    const s = withCluster(scenario({ conf: { ...draConf(), "spark.executor.cores": "8" }, jobs: [job([stage(0, 1, 1000)])] }), { nodes: { count: 2, cores: 4 } });
    expect(() => resolveConf(s)).toThrow(/cluster\.nodes: an executor needs 8 cores.*none fits.*spark\.executor\.cores/);
  });
});

describe("node resources cap executors on every manager", () => {
  // 4 initial executors of 4 cores; nodes of 8 cores: 2 per node.
  const s0 = scenario({
    conf: { ...draConf({ "spark.dynamicAllocation.initialExecutors": "4", "spark.scheduler.minRegisteredResourcesRatio": "0.5" }), "spark.executor.cores": "4" },
    startupMs: 1000,
    jobs: [job([stage(0, 16, 30_000)])],
  });

  it("generic and kubernetes: executors beyond count x per node wait for capacity", () => {
    for (const manager of ["generic", "kubernetes"] as const) {
      const r = run(withCluster(s0, { manager, nodes: { count: 1, cores: 8 } }));
      expect(columnAt(r, "running_executors", 5000)).toBe(2);
      expect(columnAt(r, "waiting_for_capacity", 5000)).toBe(2);
      const roomy = run(withCluster(s0, { manager, nodes: { count: 2, cores: 8 } }));
      expect(columnAt(roomy, "running_executors", 5000)).toBe(4);
    }
  });

  it("yarn: containers (memory rounded up to 1024 MiB) beyond the NodeManagers' room wait in the ResourceManager", () => {
    // 1 GiB heap + 384 MiB overhead = 1408 MiB, a 2048 MiB container: 2 fit in 4096 MiB.
    const r = run(withCluster(s0, { manager: "yarn", nodes: { count: 1, memoryMiB: 4096 } }));
    expect(eventsOf(r, "executorAdded").length).toBe(2);
    expect(columnAt(r, "waiting_for_capacity", 10_000)).toBe(2);
    expect(columnAt(r, "nodes", 10_000)).toBe(1);
  });

  it("GPUs per node: one 1-GPU executor per 1-GPU node", () => {
    const gpu = { ...s0, conf: { ...s0.conf, "spark.executor.resource.gpu.amount": "1", "spark.executor.cores": "1" } };
    const r = run(withCluster(gpu, { manager: "kubernetes", nodes: { count: 3, cores: 32, gpus: 1 } }));
    expect(columnAt(r, "running_executors", 5000)).toBe(3);
  });
});
