/**
 * Logs without dynamic allocation and without spark.executor.instances: Spark's default of 2
 * is YARN's and Kubernetes'; on local-cluster and standalone masters the executors that ran
 * are what the replay must simulate.
 */
import { describe, expect, it } from "vitest";
import { extractWorkload, replayEventLog } from "../../src/replay/index.js";
import { itShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-static");

/** `executors` registered at 500 ms, before the one job at 2 s; one more joins at 4 s. */
function staticLog(props: Record<string, string>, executors: number, name: string): string {
  const log = new SyntheticLog().start(props);
  for (let i = 1; i <= executors; i++) log.executor(String(i), 500, 2);
  log.executor(String(executors + 1), 4000, 2);
  log.sequentialJob(0, { id: 0, tasks: 4 }, 2000, 1000);
  return log.end(7000).write(dir, name);
}

describe("static executors of a log without spark.executor.instances", () => {
  it("local-cluster[N,...]: N executors, with a note", async () => {
    const { scenario, notes } = await extractWorkload(staticLog({ "spark.master": "local-cluster[4,2,1024]" }, 3, "local-cluster"));
    expect(scenario.conf["spark.executor.instances"]).toBe("4");
    expect(notes.messages).toContain(
      "spark.executor.instances is not in the logged properties and dynamic allocation is off: set to 4, the workers of spark.master=local-cluster[4,2,1024] (one executor each), not Spark's YARN/Kubernetes default of 2",
    );
  });

  it("standalone: the executors registered when the first job started", async () => {
    const { scenario, notes } = await extractWorkload(staticLog({ "spark.master": "spark://host:7077" }, 3, "standalone"));
    expect(scenario.conf["spark.executor.instances"]).toBe("3");
    expect(notes.messages.some((m) => m.startsWith("spark.executor.instances is not in the logged properties and dynamic allocation is off: set to 3, the executors registered when the first job started"))).toBe(true);
    // The start-up estimate uses those 3, not Spark's default of 2.
    expect(notes.executorStartup.description).toMatch(/median registration time of the 3 executors requested at start/);
  });

  it("leaves YARN, Kubernetes, dynamic allocation, a set value and an unlogged master alone", async () => {
    for (const [props, name] of [
      [{ "spark.master": "yarn" }, "yarn"],
      [{ "spark.master": "k8s://https://api:443" }, "k8s"],
      [{ "spark.master": "spark://host:7077", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" }, "standalone-dra"],
      [{ "spark.master": "spark://host:7077", "spark.executor.instances": "7" }, "standalone-set"],
      [{}, "no-master"],
    ] as const) {
      const { scenario, notes } = await extractWorkload(staticLog(props, 3, name));
      expect(scenario.conf["spark.executor.instances"], name).toBe("spark.executor.instances" in props ? "7" : undefined);
      expect(notes.messages.some((m) => m.startsWith("spark.executor.instances is not")), name).toBe(false);
    }
  });

  itShared.each([
    ["apache-spark/app-20161115172038-0000", "4"], // local-cluster[4,4,1024]
    ["apache-spark/app-20200706201101-0003", "1"], // standalone (master redacted), 1 executor
  ])("%s replays with %s executors, close to the logged executor-seconds", async (log, instances) => {
    const r = await replayEventLog(sharedLog(log));
    expect(r.scenario.conf["spark.executor.instances"]).toBe(instances);
    expect(r.modelError.kind).toBe("compared");
    if (r.modelError.kind !== "compared") return;
    expect(r.modelError.peakExecutors.difference).toBe(0);
    expect(Math.abs(r.modelError.executorSeconds.relative!)).toBeLessThan(0.05);
  });
});
