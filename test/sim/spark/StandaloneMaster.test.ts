import { describe, expect, it } from "vitest";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { scheduleExecutorsOnWorkers } from "../../../sim/spark/StandaloneMaster.js";
import { columnAt, draConf, eventsOf, job, run, scenario, stage } from "../../helpers/builders.js";

// The cases of Spark's MasterSuite ("scheduling with cores per executor ..."): three workers of
// 10 cores and 4096 MiB; executors of 2 cores and 1024 MiB. Spark returns cores per worker:
// here executors per worker (x 2 cores).
const workers = () => [0, 1, 2].map(() => ({ coresFree: 10, memoryFreeMiB: 4096, gpusFree: 0 }));
const footprint = { cores: 2, memoryMiB: 1024, gpus: 0 };
const app = (p: { coresLeft?: number; executorLimit?: number; executors?: number } = {}) => ({
  coresLeft: p.coresLeft ?? Infinity,
  executorLimit: p.executorLimit ?? Infinity,
  executors: p.executors ?? 0,
  footprint,
});
const cores = (executors: number[]) => executors.map((n) => n * footprint.cores);

describe("Master.scheduleExecutorsOnWorkers (standalone, spark.executor.cores set)", () => {
  it("scheduling with cores per executor: memory limits each worker to 4 executors, spread out or not", () => {
    expect(cores(scheduleExecutorsOnWorkers(app(), workers(), true))).toEqual([8, 8, 8]);
    expect(cores(scheduleExecutorsOnWorkers(app(), workers(), false))).toEqual([8, 8, 8]);
  });

  it("scheduling with cores per executor AND max cores: spread out takes one executor per worker per pass", () => {
    expect(cores(scheduleExecutorsOnWorkers(app({ coresLeft: 4 }), workers(), true))).toEqual([2, 2, 0]);
    expect(cores(scheduleExecutorsOnWorkers(app({ coresLeft: 4 }), workers(), false))).toEqual([4, 0, 0]);
    expect(cores(scheduleExecutorsOnWorkers(app({ coresLeft: 10 }), workers(), true))).toEqual([4, 4, 2]);
    expect(cores(scheduleExecutorsOnWorkers(app({ coresLeft: 10 }), workers(), false))).toEqual([8, 2, 0]);
  });

  it("scheduling with executor limit AND cores per executor (the dynamic-allocation target)", () => {
    expect(cores(scheduleExecutorsOnWorkers(app({ executorLimit: 2 }), workers(), true))).toEqual([2, 2, 0]);
    expect(cores(scheduleExecutorsOnWorkers(app({ executorLimit: 2 }), workers(), false))).toEqual([4, 0, 0]);
    // Executors already running count against the limit.
    expect(cores(scheduleExecutorsOnWorkers(app({ executorLimit: 7, executors: 2 }), workers(), true))).toEqual([4, 4, 2]);
    expect(scheduleExecutorsOnWorkers(app({ executorLimit: 0 }), workers(), true)).toEqual([0, 0, 0]);
  });

  it("GPUs per executor limit the executors a worker takes", () => {
    const gpuWorkers = workers().map((w) => ({ ...w, gpusFree: 1 }));
    const r = scheduleExecutorsOnWorkers({ ...app(), footprint: { ...footprint, gpus: 1 } }, gpuWorkers, false);
    expect(r).toEqual([1, 1, 1]);
  });
});

describe("cluster.manager: standalone in a run", () => {
  const standalone = (s: Scenario, cluster: Partial<Scenario["cluster"]> = {}): Scenario => ({ ...s, cluster: { ...s.cluster, manager: "standalone", ...cluster } });

  it("launches up to the workers' room with Spark's ids from 0; the rest of the limit waits", () => {
    // Two workers of 4 cores, executors of 2 cores: 4 fit. 100 one-core... two-core tasks ask for more.
    const s = standalone(scenario({ conf: { ...draConf({ "spark.dynamicAllocation.maxExecutors": "10" }), "spark.executor.cores": "2" }, startupMs: 1000, jobs: [job([stage(0, 40, 20_000)])] }), {
      nodes: { count: 2, cores: 4 },
    });
    const r = run(s);
    expect(eventsOf(r, "executorAdded").map((e) => e.executorId)).toEqual(["0", "1", "2", "3"]);
    expect(columnAt(r, "running_executors", 10_000)).toBe(4);
    expect(columnAt(r, "waiting_for_capacity", 10_000)).toBe(columnAt(r, "target", 10_000) - 4);
    expect(columnAt(r, "nodes", 10_000)).toBe(2);
  });

  it("spark.cores.max and cluster.maxContainers cap the executors the Master gives", () => {
    const s = standalone(scenario({ conf: { ...draConf({ "spark.dynamicAllocation.maxExecutors": "10" }), "spark.executor.cores": "2", "spark.cores.max": "6" }, startupMs: 1000, jobs: [job([stage(0, 40, 20_000)])] }));
    expect(eventsOf(run(s), "executorAdded").length).toBe(3);
    const capped = { ...s, conf: { ...s.conf, "spark.cores.max": "100" }, cluster: { ...s.cluster, maxContainers: 2 } };
    expect(eventsOf(run(capped), "executorAdded").length).toBe(2);
  });

  it("an executor launched before the target fell registers and idles out (the Master kills only on request); generic cancels it", () => {
    const base = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.scheduler.minRegisteredResourcesRatio": "1" }),
      startupMs: [0, 30_000],
      jobs: [job([stage(0, 8, 5000)]), job([stage(1, 1, 1000)], { afterPreviousMs: 300_000 })],
    });
    expect(eventsOf(run(base), "executorRequestCancelled").length).toBeGreaterThan(0);
    const r = run(standalone(base));
    expect(eventsOf(r, "executorRequestCancelled")).toEqual([]);
    expect(eventsOf(r, "executorAdded").length).toBe(eventsOf(r, "executorRequested").length);
    expect(eventsOf(r, "executorAdded").length).toBeGreaterThan(1);
  });

  it("a kill frees the worker at once on the Master's books: a new executor launches while the killed one still stops", () => {
    // One worker with room for one executor. Executor 0 idles out at 61 s and takes 20 s to
    // stop; job 1 at 65 s asks at 66 s: standalone launches at once, generic with room for one waits.
    const s0 = scenario({
      conf: { ...draConf({ "spark.dynamicAllocation.initialExecutors": "1" }), "spark.executor.cores": "2" },
      startupMs: 1000,
      jobs: [job([stage(0, 1, 1000)]), job([stage(1, 1, 10_000)], { submitAtMs: 65_000 })],
    });
    const r = run(standalone(s0, { nodes: { count: 1, cores: 2 }, executorRemovalMs: 20_000 }));
    const added = eventsOf(r, "executorAdded");
    expect(added.map((e) => e.executorId)).toEqual(["0", "1"]);
    expect(added[1]!.timeMs).toBeLessThan(70_000);
    expect(columnAt(r, "stopping_executors", added[1]!.timeMs)).toBe(1);
    const generic = run({ ...s0, cluster: { ...s0.cluster, maxContainers: 1, executorRemovalMs: 20_000 } });
    expect(eventsOf(generic, "executorAdded")[1]!.timeMs).toBeGreaterThan(80_000);
  });

  it("the driver starts without waiting for executors unless minRegisteredResourcesRatio is set (standalone's default is 0)", () => {
    const s0 = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2" }), startupMs: 10_000, jobs: [job([stage(0, 1, 1000)])] });
    expect(eventsOf(run(standalone(s0)), "driverReady")[0]!.timeMs).toBe(0);
    expect(eventsOf(run(s0), "driverReady")[0]!.timeMs).toBe(10_000);
    const set = { ...s0, conf: { ...s0.conf, "spark.scheduler.minRegisteredResourcesRatio": "1" } };
    expect(eventsOf(run(standalone(set)), "driverReady")[0]!.timeMs).toBe(10_000);
  });
});
