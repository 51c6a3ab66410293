import { describe, expect, it } from "vitest";
import { extractWorkload } from "../../src/replay/index.js";
import { TaskLocality } from "../../sim/result/TaskLocality.js";
import type { Scenario } from "../../sim/scenario/Scenario.js";
import { draConf, job, run, scenario, stage } from "../helpers/builders.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "./syntheticLog.js";

const dir = useTempDir("replay-locality");
const DRA = { "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" };

describe("replay: the log's task Locality", () => {
  it("a stage without parents whose tasks ran NODE_LOCAL reads its input on the host of the executor that ran each (inputHosts); a reduce stage gets none", async () => {
    const log = new SyntheticLog().start(DRA).executor("1", 500).executor("2", 600);
    const s0 = { id: 0, tasks: 4 };
    log.jobStart(0, 1000, [s0]).stageSubmitted(s0, 1000);
    log.task(0, 0, "1", 1000, 2000, { locality: "NODE_LOCAL", shuffleMap: true }).task(0, 1, "1", 2000, 3000, { locality: "NODE_LOCAL", shuffleMap: true });
    log.task(0, 2, "2", 1000, 2000, { shuffleMap: true }).task(0, 3, "2", 2000, 3000, { locality: "NODE_LOCAL", shuffleMap: true });
    log.stageCompleted(s0, 1000, 3000);
    const s1 = { id: 1, tasks: 2, parents: [0] };
    log.stageSubmitted(s1, 3000).task(1, 0, "1", 3000, 4000, { locality: "NODE_LOCAL" }).task(1, 1, "2", 3000, 4000, { locality: "NODE_LOCAL" });
    log.stageCompleted(s1, 3000, 4000).jobEnd(0, 4000).end(5000);
    const { scenario: extracted } = await extractWorkload(log.write(dir, "node-local"));
    const [map, reduce] = extracted.workload.jobs[0]!.stages;
    expect(map!.inputHosts).toEqual([["host-1"], ["host-1"], [], ["host-2"]]);
    // One list per executor, shared by its tasks through the scenario check (not a copy per task).
    expect(map!.inputHosts![0]).toBe(map!.inputHosts![1]);
    expect(reduce!.inputHosts).toBeUndefined();
  });

  // Ascending across the record's first 64 and 128 indices, each end grows it with entries to
  // keep; from 200 down, the first end sizes it at once, in the order the log ends them.
  it.each([
    ["ascending, the record growing as it holds earlier ones", [3, 70, 200]],
    ["descending, the first end sizing the record", [200, 70, 3]],
  ])("keeps a NODE_LOCAL task's executor past the first 64 indices (%s), and none for the tasks after the last", async (_order, nodeLocal) => {
    const log = new SyntheticLog().start(DRA).executor("1", 500).executor("2", 600);
    const s0 = { id: 0, tasks: 300 };
    log.jobStart(0, 1000, [s0]).stageSubmitted(s0, 1000);
    for (const i of nodeLocal) log.task(0, i, i === 3 ? "1" : "2", 1000, 2000, { locality: "NODE_LOCAL" });
    for (let i = 0; i < 300; i++) if (!nodeLocal.includes(i)) log.task(0, i, "1", 2000, 3000, { locality: "PROCESS_LOCAL" });
    log.stageCompleted(s0, 1000, 3000).jobEnd(0, 3000).end(4000);
    const { scenario: extracted } = await extractWorkload(log.write(dir, "node-local-many"));
    const hosts = extracted.workload.jobs[0]!.stages[0]!.inputHosts!;
    expect(hosts).toHaveLength(201);
    expect(hosts.flatMap((h, i) => (h.length > 0 ? [`${i}:${h.join()}`] : []))).toEqual(["3:host-1", "70:host-2", "200:host-2"]);
  });

  it("inputHosts: tasks prefer those hosts, so with one host per executor they wait for that executor", () => {
    const base = scenario({
      conf: draConf({ "spark.dynamicAllocation.initialExecutors": "2", "spark.dynamicAllocation.maxExecutors": "2" }),
      jobs: [job([stage(0, 6, 1000, { inputHosts: [["host-1"], ["host-1"], ["host-1"], ["host-1"], ["host-1"], ["host-1"]] })])],
    });
    const r = run(base as Scenario, undefined, { recordTasks: true });
    const t = r.tasks!;
    const onOne = Array.from({ length: t.length }, (_, i) => i).filter((i) => t.executor[i] === 1);
    // Every task prefers executor 1's host: the 1 s tasks run there node-local, one after the
    // other, and executor 2 gets a task only once the 3 s wait has passed.
    expect(onOne.every((i) => t.locality[i] === TaskLocality.NODE_LOCAL)).toBe(true);
    const elsewhere = Array.from({ length: t.length }, (_, i) => i).filter((i) => t.executor[i] === 2);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.every((i) => t.locality[i] === TaskLocality.ANY && t.startMs[i]! >= t.startMs[onOne[0]!]! + 3000)).toBe(true);
  });
});
