import { describe, expect, it } from "vitest";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { createConf, draConf, eventsOf, job, run, scenario, stage, targetChanges } from "../../helpers/builders.js";

const k8s = (s: Scenario): Scenario => ({ ...s, cluster: { ...s.cluster, manager: "kubernetes" } });
const requestedAt = (r: ReturnType<typeof run>) => eventsOf(r, "executorRequested").map((e) => e.timeMs);

describe("ExecutorPodsAllocator (cluster.manager: kubernetes; spec §10)", () => {
  it("creates at most batch.size pods per round, one round per batch.delay", () => {
    // 12 initial executors: pods 1-5 at 0, 6-10 at 1 s, 11-12 at 2 s (batch 5, delay 1 s).
    const s = k8s(scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "12" }), startupMs: 30_000, jobs: [job([stage(0, 1, 1000)])] }));
    expect(requestedAt(run(s))).toEqual([...Array(5).fill(0), ...Array(5).fill(1000), 1000 * 2, 1000 * 2]);
  });

  it("reads batch.size and batch.delay; the default batch is 10 from Spark 4.0 (SPARK-50996)", () => {
    const base = scenario({ conf: draConf({ "spark.dynamicAllocation.initialExecutors": "12", "spark.kubernetes.allocation.batch.size": "4", "spark.kubernetes.allocation.batch.delay": "500ms" }), startupMs: 30_000, jobs: [job([stage(0, 1, 1000)])] });
    expect(requestedAt(run(k8s(base)))).toEqual([0, 0, 0, 0, 500, 500, 500, 500, 1000, 1000, 1000, 1000]);
    const spark4 = k8s(scenario({ sparkVersion: "4.0", conf: draConf({ "spark.dynamicAllocation.initialExecutors": "12" }), startupMs: 30_000, jobs: [job([stage(0, 1, 1000)])] }));
    expect(requestedAt(run(spark4))).toEqual([...Array(10).fill(0), 1000, 1000]);
  });

  it("throttles the doubling ramp: pods follow the target at most 5 a second", () => {
    // 1000 one-core tasks, no executors, slow pods. Targets 1, 3, 7, 15, 31 (at 1-5 s) as on any
    // cluster manager; pods: 1 at 1 s (immediate round), 2 at 2 s, 4 at 3 s, then 5 per round.
    const s = k8s(scenario({ conf: draConf({ "spark.dynamicAllocation.maxExecutors": "100" }), startupMs: 60_000, jobs: [job([stage(0, 1000, 600_000)])] }));
    const r = run(s);
    expect(targetChanges(r).slice(1, 6)).toEqual([
      [1000, 1],
      [2000, 3],
      [3000, 7],
      [4000, 15],
      [5000, 31],
    ]);
    const byRound = (t: number) => requestedAt(r).filter((x) => x === t).length;
    expect([1000, 2000, 3000, 4000, 5000, 6000].map(byRound)).toEqual([1, 2, 4, 5, 5, 5]);
  });

  it("does not delete pending pods younger than executorIdleTimeout when the target falls (SPARK-33099); the generic manager cancels at once", () => {
    // One fast executor runs 8 one-core tasks of 5 s; the ramp asks for more, whose pods take
    // 30 s. The work is done before they start and the target falls to 0, but pods younger
    // than 60 s are kept: they start and are later removed as idle.
    const base = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.scheduler.minRegisteredResourcesRatio": "1" }),
      startupMs: [0, 30_000],
      jobs: [job([stage(0, 8, 5000)]), job([stage(1, 1, 1000)], { afterPreviousMs: 300_000 })],
    });
    const generic = run(base);
    expect(eventsOf(generic, "executorRequestCancelled").length).toBeGreaterThan(0);
    const onK8s = run(k8s(base));
    expect(eventsOf(onK8s, "executorRequestCancelled")).toEqual([]);
    expect(eventsOf(onK8s, "executorAdded").length).toBe(eventsOf(onK8s, "executorRequested").length);
  });

  it("deletes pending pods once they are older than executorIdleTimeout and no longer needed", () => {
    // Same, but pods take 200 s: at the first round after 60 s of age they go.
    const s = k8s(
      scenario({
        conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.scheduler.minRegisteredResourcesRatio": "1" }),
        startupMs: [0, 200_000],
        jobs: [job([stage(0, 8, 5000)]), job([stage(1, 1, 1000)], { afterPreviousMs: 300_000 })],
      }),
    );
    const r = run(s);
    const requested = new Map(eventsOf(r, "executorRequested").map((e) => [e.executorId, e.timeMs]));
    // Pods 2-8 (created at 1-3 s for the ramp) go at 62-64 s; pod 9 serves the later job.
    const cancelled = eventsOf(r, "executorRequestCancelled");
    expect(cancelled.map((c) => c.executorId)).toEqual(["2", "3", "4", "5", "6", "7", "8"]);
    for (const c of cancelled) {
      const age = c.timeMs - requested.get(c.executorId)!;
      expect(age).toBeGreaterThan(60_000);
      expect(age).toBeLessThanOrEqual(61_000);
    }
  });

  it("rejects batch settings Spark rejects, with the version's message", () => {
    expect(() => createConf({ "spark.kubernetes.allocation.batch.size": "0" })).toThrow("'0' in spark.kubernetes.allocation.batch.size is invalid. Allocation batch size should be a positive integer");
    expect(() => createConf({ "spark.kubernetes.allocation.batch.delay": "100ms" }, "3.5")).not.toThrow();
    expect(() => createConf({ "spark.kubernetes.allocation.batch.delay": "100ms" }, "4.0")).toThrow("'100' in spark.kubernetes.allocation.batch.delay is invalid. Allocation batch delay must be greater than 0.1s.");
    expect(() => createConf({ "spark.kubernetes.allocation.batch.delay": "0ms" }, "3.5")).toThrow("Allocation batch delay must be a positive time value.");
  });
});

describe("ExecutorPodsAllocator: Spark's outstanding count and version rules", () => {
  it("runs an immediate round only when the LAST round left nothing outstanding (numOutstandingPods is set at a round's end)", () => {
    // Backlog from 1250 ms: target 1 at the tick at 2300 -> immediate round (the 2000 round
    // left nothing outstanding): pod 1 at 2300, registered at 3100. Target 3 at 3300: the
    // 3000 round saw pod 1 pending, so no immediate round; pods 2-3 come at the 4000 round.
    const s = k8s(scenario({ conf: draConf(), startupMs: 800, jobs: [job([stage(0, 100, 60_000)], { submitAtMs: 1250 })] }));
    const r = run(s);
    expect(requestedAt(r).slice(0, 3)).toEqual([2300, 4000, 4000]);
  });

  it("Spark 3.0 deletes excess pending pods at once (no executorIdleTimeout protection before SPARK-33099)", () => {
    // The extra pod (created at 1 s, 50 s to start) is still pending when the work ends at
    // 40 s: 3.0 deletes it at the next round; 3.1 keeps it (younger than 60 s) and it starts.
    const base = scenario({
      sparkVersion: "3.0",
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.scheduler.minRegisteredResourcesRatio": "1" }),
      startupMs: [0, 50_000],
      jobs: [job([stage(0, 8, 5000)]), job([stage(1, 1, 1000)], { afterPreviousMs: 300_000 })],
    });
    expect(eventsOf(run(k8s(base)), "executorRequestCancelled").length).toBeGreaterThan(0);
    expect(eventsOf(run(k8s({ ...base, sparkVersion: "3.1" })), "executorRequestCancelled")).toEqual([]);
  });

  it("spark.kubernetes.allocation.maxPendingPods only exists from 3.2 (SPARK-36052)", () => {
    const mk = (v: string) =>
      k8s(scenario({ sparkVersion: v, conf: draConf({ "spark.dynamicAllocation.initialExecutors": "4", "spark.kubernetes.allocation.maxPendingPods": "1" }), startupMs: 30_000, jobs: [job([stage(0, 1, 1000)])] }));
    expect(requestedAt(run(mk("3.2")))).toEqual([0]);
    expect(requestedAt(run(mk("3.1")))).toEqual([0, 0, 0, 0]);
  });
});

describe("pod start-up stages (cluster.kubernetes.podStartup)", () => {
  const stages = (imagePullMs: number, registrationMs: number) => ({ schedulingMs: 0, imagePullMs, containerStartMs: 0, registrationMs });
  const tenPods = (cluster: Partial<Scenario["cluster"]>): Scenario => {
    const s = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "10", "spark.kubernetes.allocation.maxPendingPods": "2", "spark.scheduler.minRegisteredResourcesRatio": "0" }),
      startupMs: 25_000,
      jobs: [job([stage(0, 10, 60_000)])],
    });
    return { ...s, cluster: { ...s.cluster, manager: "kubernetes", ...cluster } };
  };

  it("a pod stops counting against maxPendingPods once its container runs, before its executor registers", () => {
    // Pending 5 s (image pull), then Running 20 s before registering: 2 pods per 5 s. With one
    // 25 s latency the pods are Pending until they register: 2 pods per 25 s.
    const staged = run(tenPods({ kubernetes: { podStartup: stages(5000, 20_000), terminationGracePeriodMs: 30_000 } }));
    expect(requestedAt(staged)).toEqual([0, 0, 5000, 5000, 10_000, 10_000, 15_000, 15_000, 20_000, 20_000]);
    expect(eventsOf(staged, "executorAdded").map((e) => e.timeMs)).toEqual([25_000, 25_000, 30_000, 30_000, 35_000, 35_000, 40_000, 40_000, 45_000, 45_000]);
    const single = run(tenPods({}));
    expect(requestedAt(single).slice(0, 4)).toEqual([0, 0, 25_000, 25_000]);
  });

  it("draws each stage from its own seeded stream: same seed, same start-ups; the stages add up to the registration", () => {
    const spec = {
      schedulingMs: { distribution: "uniform" as const, minMs: 0, maxMs: 2000 },
      imagePullMs: { distribution: "lognormal" as const, medianMs: 8000, p95Ms: 30_000 },
      containerStartMs: 500,
      registrationMs: { distribution: "uniform" as const, minMs: 3000, maxMs: 6000 },
    };
    const s = tenPods({ kubernetes: { podStartup: spec, terminationGracePeriodMs: 30_000 } });
    const a = eventsOf(run(s), "executorAdded").map((e) => e.timeMs);
    expect(eventsOf(run(s), "executorAdded").map((e) => e.timeMs)).toEqual(a);
    const other = eventsOf(run({ ...s, seed: s.seed + 1 }), "executorAdded").map((e) => e.timeMs);
    expect(other).not.toEqual(a);
    // Every registration is at least scheduling 0 + pull 0 + start 500 + JVM 3000 after its creation.
    const created = new Map(eventsOf(run(s), "executorRequested").map((e) => [e.executorId, e.timeMs]));
    for (const e of eventsOf(run(s), "executorAdded")) expect(e.timeMs - created.get(e.executorId)!).toBeGreaterThanOrEqual(3500);
  });
});

describe("excess pods by phase", () => {
  it("a pod whose container runs is never deleted as excess, even older than executorIdleTimeout; a Pending one is", () => {
    // One fast executor runs 8 five-second tasks; the ramp creates pods that are Running 2 s
    // after creation but register only 60 s later. The work ends first and the target falls:
    // the Running pods are kept and register (then idle out); with one 62 s latency they are
    // Pending all along and are deleted once older than the 5 s idle timeout.
    const base = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "1", "spark.dynamicAllocation.executorIdleTimeout": "5s", "spark.scheduler.minRegisteredResourcesRatio": "1" }),
      startupMs: [0, 62_000],
      jobs: [job([stage(0, 8, 5000)]), job([stage(1, 1, 1000)], { afterPreviousMs: 300_000 })],
    });
    const k8s = (cluster: Partial<Scenario["cluster"]>): Scenario => ({ ...base, cluster: { ...base.cluster, manager: "kubernetes", ...cluster } });
    const podStartup = { schedulingMs: 0, imagePullMs: [0, 2000], containerStartMs: 0, registrationMs: [0, 60_000] };
    const staged = run(k8s({ kubernetes: { podStartup, terminationGracePeriodMs: 30_000 } }));
    expect(eventsOf(staged, "executorRequested").length).toBeGreaterThan(1);
    expect(eventsOf(staged, "executorRequestCancelled")).toEqual([]);
    expect(eventsOf(staged, "executorAdded").length).toBe(eventsOf(staged, "executorRequested").length);
    const pending = run(k8s({}));
    expect(eventsOf(pending, "executorRequestCancelled").length).toBeGreaterThan(0);
  });
});
