import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/index.js";
import { expectSingleIssue, input, issuesOf, okOf, stage, withJobs, withStages } from "./scenarioInput.js";

describe("workload.jobs", () => {
  it("requires at least one job, as a list", () => {
    expectSingleIssue(input({ workload: {} }), "workload.jobs", "required");
    expectSingleIssue(input({ workload: { jobs: [] } }), "workload.jobs", "too-small", "an empty list");
    expectSingleIssue(input({ workload: { jobs: { stages: [] } } }), "workload.jobs", "invalid-type", "a map");
    expectSingleIssue(input({ workload: 3 }), "workload", "invalid-type", "got 3");
  });

  it("requires each job to be a map with at least one stage", () => {
    expectSingleIssue(withJobs("job"), "workload.jobs[0]", "invalid-type", '"job"');
    expectSingleIssue(withJobs({ name: "x" }), "workload.jobs[0].stages", "required");
    expectSingleIssue(withJobs({ stages: [] }), "workload.jobs[0].stages", "too-small", "an empty list");
  });

  it("takes submitAtMs or afterPreviousMs, not both", () => {
    expectSingleIssue(withJobs({ submitAtMs: 0, afterPreviousMs: 10, stages: [stage(0)] }), "workload.jobs[0]", "conflicting-keys", "submitAtMs", "afterPreviousMs");
    expectSingleIssue(withJobs({ submitAtMs: -5, stages: [stage(0)] }), "workload.jobs[0].submitAtMs", "too-small", "got -5");
    expectSingleIssue(withJobs({ afterPreviousMs: 0.5, stages: [stage(0)] }), "workload.jobs[0].afterPreviousMs", "not-integer", "got 0.5");
  });

  it("leaves afterPreviousMs undefined unless given", () => {
    const jobs = okOf(validateScenario(withJobs({ stages: [stage(0)] }, { afterPreviousMs: 0, stages: [stage(1)] }))).scenario.workload.jobs;
    expect("afterPreviousMs" in jobs[0]!).toBe(false);
    expect(jobs[1]!.afterPreviousMs).toBe(0);
  });

  it("says where a stage key put on a job belongs", () => {
    expectSingleIssue(withJobs({ tasks: 4, stages: [stage(0)] }), "workload.jobs[0].tasks", "unknown-key", "tasks belong on a stage");
  });
});

describe("workload.jobs[].stages[]", () => {
  it("tasks: an integer >= 1", () => {
    const issue = expectSingleIssue(withStages(stage(0), stage(1, { tasks: 0 })), "workload.jobs[0].stages[1].tasks", "too-small");
    expect(issue.message).toBe("must be an integer >= 1, got 0");
    expect(issue.value).toBe(0);
    expectSingleIssue(withStages(stage(0, { tasks: "5" })), "workload.jobs[0].stages[0].tasks", "invalid-type", '"5"', "remove the quotes");
    expectSingleIssue(withStages(stage(0, { tasks: 2 ** 31, taskDurationMs: 1 })), "workload.jobs[0].stages[0].tasks", "too-big", `got ${2 ** 31}`, "at most 20,000,000 tasks");
  });

  it("id: required, an integer >= 0", () => {
    expectSingleIssue(withStages({ tasks: 1, taskDurationMs: 1 }), "workload.jobs[0].stages[0].id", "required");
    expectSingleIssue(withStages(stage(-1)), "workload.jobs[0].stages[0].id", "too-small", "got -1");
  });

  it("taskDurationMs: required", () => {
    expectSingleIssue(withStages({ id: 0, tasks: 1 }), "workload.jobs[0].stages[0].taskDurationMs", "required");
  });

  it("parents: a list of stage ids", () => {
    expectSingleIssue(withStages(stage(0, { parents: 1 })), "workload.jobs[0].stages[0].parents", "invalid-type", "got 1");
    expectSingleIssue(withStages(stage(0, { parents: ["a"] })), "workload.jobs[0].stages[0].parents[0]", "invalid-type", '"a"');
  });

  it("shuffleId and cacheRddId: integers >= 0", () => {
    expectSingleIssue(withStages(stage(0, { shuffleId: -1 })), "workload.jobs[0].stages[0].shuffleId", "too-small", "got -1");
    expectSingleIssue(withStages(stage(0, { cacheRddId: "r1" })), "workload.jobs[0].stages[0].cacheRddId", "invalid-type", '"r1"');
  });

  it("a misspelt key is one issue with a suggestion, not also a missing key", () => {
    expectSingleIssue(withStages({ id: 0, tasks: 2, taskDuration: 100 }), "workload.jobs[0].stages[0].taskDuration", "unknown-key", 'did you mean "taskDurationMs"?');
    expectSingleIssue(withStages({ id: 0, numTasks: 2, taskDurationMs: 100 }), "workload.jobs[0].stages[0].numTasks", "unknown-key", 'did you mean "tasks"?');
  });

  it("name: an optional string", () => {
    expect(okOf(validateScenario(withStages(stage(0, { name: "scan" })))).scenario.workload.jobs[0]!.stages[0]!.name).toBe("scan");
    expectSingleIssue(withStages(stage(0, { name: 3 })), "workload.jobs[0].stages[0].name", "invalid-type", "got 3");
  });
});

describe("workload.unpersist", () => {
  const cached = (unpersist: unknown): Record<string, unknown> => input({ workload: { jobs: [{ stages: [stage(0, { cacheRddId: 7 })] }], unpersist } });

  it("takes {rddId, atMs} entries", () => {
    expect(okOf(validateScenario(cached([{ rddId: 7, atMs: 5000 }]))).scenario.workload.unpersist).toEqual([{ rddId: 7, atMs: 5000 }]);
  });

  it("warns, without failing, when no stage caches the RDD", () => {
    const r = okOf(validateScenario(cached([{ rddId: 8, atMs: 5000 }])));
    expect(r.warnings).toEqual(["workload.unpersist[0].rddId: no stage caches RDD 8 (no stage has cacheRddId: 8), so this unpersist changes nothing"]);
  });

  it("checks the entries", () => {
    expectSingleIssue(cached([{ rddId: 7 }]), "workload.unpersist[0].atMs", "required");
    expectSingleIssue(cached([{ rddId: 7, atMs: -1 }]), "workload.unpersist[0].atMs", "too-small", "got -1");
    expectSingleIssue(cached([{ rdd: 7, atMs: 1 }]), "workload.unpersist[0].rdd", "unknown-key", 'did you mean "rddId"?');
    expectSingleIssue(cached({ rddId: 7, atMs: 1 }), "workload.unpersist", "invalid-type", "a map");
  });
});

describe("several stage problems at once", () => {
  it("reports each with its own path", () => {
    const issues = issuesOf(withStages(stage(0, { tasks: 0 }), stage(1, { taskDurationMs: [1] }), stage(2, { shuffleId: "s" })));
    expect(issues.map((i) => i.path)).toEqual([
      "workload.jobs[0].stages[0].tasks",
      "workload.jobs[0].stages[1].taskDurationMs",
      "workload.jobs[0].stages[2].shuffleId",
    ]);
  });
});

describe("workload.endAfterLastJobMs", () => {
  it("is optional, a whole number of ms >= 0", () => {
    const base = { workload: { jobs: [{ stages: [{ id: 0, tasks: 1, taskDurationMs: 1 }] }] } };
    const ok = validateScenario({ workload: { ...base.workload, endAfterLastJobMs: 30000 } });
    expect(ok.ok && ok.scenario.workload.endAfterLastJobMs).toBe(30000);
    const none = validateScenario(base);
    expect(none.ok && "endAfterLastJobMs" in none.scenario.workload).toBe(false);
    const bad = validateScenario({ workload: { ...base.workload, endAfterLastJobMs: -5 } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(["workload.endAfterLastJobMs"]);
  });
});

describe("stage locality (readsCachedRddId, inputReplicas)", () => {
  it("keeps readsCachedRddId, and warns when no stage caches that RDD", () => {
    const ok = okOf(validateScenario(withJobs({ stages: [stage(0, { cacheRddId: 7 })] }, { stages: [stage(1, { readsCachedRddId: 7 })] })));
    expect(ok.scenario.workload.jobs[1]!.stages[0]!.readsCachedRddId).toBe(7);
    expect(ok.warnings.join("\n")).not.toContain("readsCachedRddId");
    const warned = okOf(validateScenario(withStages(stage(0, { readsCachedRddId: 9 }))));
    expect(warned.warnings.join("\n")).toMatch(/workload\.jobs\[0\]\.stages\[0\]\.readsCachedRddId.*no stage caches RDD 9/);
  });

  it("inputReplicas needs cluster.nodes and at most as many replicas as nodes", () => {
    expectSingleIssue(withStages(stage(0, { inputReplicas: 2 })), "workload.jobs[0].stages[0].inputReplicas", "invalid-value", "cluster.nodes");
    const onNodes = (replicas: number) => ({ ...withStages(stage(0, { inputReplicas: replicas })), cluster: { nodes: { count: 3, executorsPerNode: 2 } } });
    expect(okOf(validateScenario(onNodes(3))).scenario.workload.jobs[0]!.stages[0]!.inputReplicas).toBe(3);
    expectSingleIssue(onNodes(4), "workload.jobs[0].stages[0].inputReplicas", "too-big", "at most cluster.nodes.count (3)");
    expectSingleIssue(onNodes(0), "workload.jobs[0].stages[0].inputReplicas", "too-small");
  });
});
