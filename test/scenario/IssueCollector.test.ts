import { describe, expect, it } from "vitest";
import { formatPath, IssueCollector } from "../../src/scenario/IssueCollector.js";
import { formatScenarioIssue, formatScenarioIssues } from "../../src/scenario/index.js";

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["workload", "jobs", 2, "stages", 0, "tasks"], "workload.jobs[2].stages[0].tasks"],
    [["conf", "spark.dynamicAllocation.maxExecutors"], "conf.spark.dynamicAllocation.maxExecutors"],
    [["conf", "spark.hadoop.fs.s3a.bucket.my-bucket.endpoint"], "conf.spark.hadoop.fs.s3a.bucket.my-bucket.endpoint"],
    [["conf", "odd key"], 'conf["odd key"]'],
    [["conf", ""], 'conf[""]'],
  ])("%j -> %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe("IssueCollector", () => {
  it("records the position, the file and the value when known", () => {
    const c = new IssueCollector((p) => (p.length === 0 ? undefined : { line: p.length, column: 3 }), "req.json");
    c.add(["a", 0], "too-small", "must be >= 1, got 0", 0);
    c.add([], "required", "is required");
    expect(c.issues).toEqual([
      { path: "a[0]", code: "too-small", message: "must be >= 1, got 0", value: 0, file: "req.json", line: 2, column: 3 },
      { path: "", code: "required", message: "is required", file: "req.json" },
    ]);
  });

  it("sorts issues by file, then position; unplaced ones last, in the order found", () => {
    const c = new IssueCollector();
    c.addAll([
      { path: "x", code: "required", message: "m" },
      { path: "b", code: "required", message: "m", line: 9, column: 1 },
      { path: "r", code: "required", message: "m", file: "r.json", line: 1, column: 1 },
      { path: "a", code: "required", message: "m", line: 2, column: 5 },
      { path: "y", code: "required", message: "m" },
    ]);
    expect(c.sortedIssues().map((i) => i.path)).toEqual(["a", "b", "x", "y", "r"]);
  });
});

describe("formatScenarioIssue(s)", () => {
  it("puts file:line:col first, then the path", () => {
    expect(formatScenarioIssue({ path: "seed", code: "too-small", message: "bad", line: 3, column: 1 }, "s.yaml")).toBe("s.yaml:3:1 seed: bad");
    expect(formatScenarioIssue({ path: "jobRequest.x", code: "required", message: "bad", file: "r.json" }, "s.yaml")).toBe("r.json: jobRequest.x: bad");
    expect(formatScenarioIssue({ path: "", code: "file-not-found", message: "file not found: a" }, "a")).toBe("file not found: a");
    expect(formatScenarioIssues("s.yaml", [{ path: "seed", code: "too-small", message: "bad" }])).toBe("invalid scenario s.yaml (1 problem):\n  - seed: bad");
  });
});
