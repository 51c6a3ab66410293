import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/index.js";
import { expectSingleIssue, issuesOf, okOf, stage, withJobs, withStages } from "./scenarioInput.js";

describe("stage graph", () => {
  it("accepts a DAG across jobs, reusing an earlier job's shuffle", () => {
    const r = okOf(
      validateScenario(
        withJobs(
          { stages: [stage(0, { shuffleId: 0 }), stage(1, { parents: [0] })] },
          { stages: [stage(2, { parents: [0], shuffleId: 1 }), stage(3, { parents: [0, 2] })] },
        ),
      ),
    );
    expect(r.scenario.workload.jobs[1]!.stages[1]!.parents).toEqual([0, 2]);
  });

  it("stage ids are unique across the whole scenario", () => {
    expectSingleIssue(withJobs({ stages: [stage(3)] }, { stages: [stage(3)] }), "workload.jobs[1].stages[0].id", "duplicate-stage-id", "stage id 3", "workload.jobs[0].stages[0]");
  });

  it("two stages cannot write the same shuffle", () => {
    expectSingleIssue(withStages(stage(0, { shuffleId: 5 }), stage(1, { shuffleId: 5 })), "workload.jobs[0].stages[1].shuffleId", "duplicate-shuffle-id", "shuffle 5", "stage 0");
  });

  it("a parent must exist", () => {
    expectSingleIssue(withStages(stage(0, { parents: [9] })), "workload.jobs[0].stages[0].parents[0]", "unknown-parent", "stage 9 does not exist", "stage ids: 0");
  });

  it("a parent must be in the same or an earlier job", () => {
    expectSingleIssue(
      withJobs({ stages: [stage(0, { parents: [1] })] }, { stages: [stage(1, { shuffleId: 0 })] }),
      "workload.jobs[0].stages[0].parents[0]",
      "later-parent",
      "stage 1",
      "workload.jobs[1].stages[0]",
    );
  });

  it("a stage is not its own parent, and lists a parent once", () => {
    expectSingleIssue(withStages(stage(0, { parents: [0] })), "workload.jobs[0].stages[0].parents[0]", "self-parent", "stage 0");
    expectSingleIssue(withStages(stage(0, { shuffleId: 0 }), stage(1, { parents: [0, 0] })), "workload.jobs[0].stages[1].parents[1]", "duplicate-parent", "stage 0");
  });

  it("the graph within a job is acyclic; a cycle is reported once", () => {
    const issues = issuesOf(withStages(stage(0, { parents: [2], shuffleId: 0 }), stage(1, { parents: [0], shuffleId: 1 }), stage(2, { parents: [1], shuffleId: 2 })));
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual(["workload.jobs[0].stages[1].parents[0] cycle"]);
    expect(issues[0]!.message).toContain("stages 0 -> 2 -> 1 -> 0 form a cycle");
  });

  it("a parent stage must write a shuffle: the issue is on the parent, with the fix", () => {
    const issue = expectSingleIssue(withStages(stage(0), stage(1, { parents: [0] }), stage(2, { parents: [0] })), "workload.jobs[0].stages[0]", "parent-without-shuffle");
    expect(issue.message).toContain("stage 0 is a parent of stages 1, 2");
    expect(issue.message).toContain('add "shuffleId: 0" to stage 0');
  });

  it("suggests shuffle ids that are free and distinct", () => {
    const issues = issuesOf(withStages(stage(0, { shuffleId: 1 }), stage(1), stage(2), stage(3, { parents: [0, 1, 2] })));
    expect(issues.map((i) => i.path)).toEqual(["workload.jobs[0].stages[1]", "workload.jobs[0].stages[2]"]);
    expect(issues[0]!.message).toContain('add "shuffleId: 0" to stage 1');
    expect(issues[1]!.message).toContain('add "shuffleId: 2" to stage 2');
  });

  it("the parent of a later job's stage needs a shuffle too", () => {
    expectSingleIssue(withJobs({ stages: [stage(0)] }, { stages: [stage(1, { parents: [0] })] }), "workload.jobs[0].stages[0]", "parent-without-shuffle", "stage 0 is a parent of stage 1");
  });

  it("an invalid shuffleId is not reported again as missing", () => {
    expectSingleIssue(withStages(stage(0, { shuffleId: -1 }), stage(1, { parents: [0] })), "workload.jobs[0].stages[0].shuffleId", "too-small");
  });
});
