import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXECUTOR_STARTUP_MS } from "../../sim/scenario/Scenario.js";
import { parseScenario, ScenarioError, validateScenario } from "../../src/scenario/index.js";
import { expectSingleIssue, input, issueAt, issuesOf, okOf } from "./scenarioInput.js";

describe("validateScenario: output and defaults", () => {
  it("applies every default and omits absent optional fields", () => {
    const r = okOf(validateScenario(input()));
    expect(r.scenario).toEqual({
      name: "scenario",
      seed: 1,
      sparkVersion: "3.5",
      conf: {},
      cluster: { executorStartupMs: DEFAULT_EXECUTOR_STARTUP_MS },
      workload: { jobs: [{ stages: [{ id: 0, tasks: 2, taskDurationMs: 1000, parents: [] }] }], unpersist: [] },
    });
    const job = r.scenario.workload.jobs[0]!;
    // exactOptionalPropertyTypes: absent means no key at all, not a key holding undefined.
    expect(Object.keys(job)).toEqual(["stages"]);
    expect(Object.keys(job.stages[0]!)).toEqual(["id", "tasks", "taskDurationMs", "parents"]);
    expect(r.warnings).toEqual([]);
  });

  it("keeps every field that is given", () => {
    const r = okOf(
      validateScenario({
        name: "nightly",
        seed: 42,
        sparkVersion: "3.4.1",
        description: "free text, not read by the engine",
        conf: { "spark.dynamicAllocation.enabled": true },
        cluster: { executorStartupMs: [1000, 2000] },
        workload: {
          jobs: [
            { name: "load", submitAtMs: 0, stages: [{ id: 0, name: "map", tasks: 2, taskDurationMs: [10, 20], shuffleId: 0, cacheRddId: 3 }] },
            { afterPreviousMs: 500, stages: [{ id: 1, tasks: 1, taskDurationMs: 5, parents: [0] }] },
          ],
          unpersist: [{ rddId: 3, atMs: 9000 }],
        },
      }),
    );
    expect(r.scenario).toEqual({
      name: "nightly",
      seed: 42,
      sparkVersion: "3.4.1",
      conf: { "spark.dynamicAllocation.enabled": "true" },
      cluster: { executorStartupMs: [1000, 2000] },
      workload: {
        jobs: [
          { name: "load", submitAtMs: 0, stages: [{ id: 0, name: "map", tasks: 2, taskDurationMs: [10, 20], parents: [], shuffleId: 0, cacheRddId: 3 }] },
          { afterPreviousMs: 500, stages: [{ id: 1, tasks: 1, taskDurationMs: 5, parents: [0] }] },
        ],
        unpersist: [{ rddId: 3, atMs: 9000 }],
      },
    });
  });

  it("names the scenario after the file's base name, without extension", () => {
    expect(okOf(validateScenario(input(), "scenarios/sub/my-run.yaml")).scenario.name).toBe("my-run");
    expect(okOf(validateScenario(input(), "C:\\work\\night.json")).scenario.name).toBe("night");
    expect(okOf(validateScenario(input(), ".yaml")).scenario.name).toBe("scenario");
  });

  it("rejects an empty or non-string name", () => {
    expectSingleIssue(input({ name: "" }), "name", "invalid-value", '""');
    expectSingleIssue(input({ name: 7 }), "name", "invalid-type", "got 7");
  });
});

describe("validateScenario: seed", () => {
  it("accepts 0 up to 2^53 - 1", () => {
    expect(okOf(validateScenario(input({ seed: 0 }))).scenario.seed).toBe(0);
    expect(okOf(validateScenario(input({ seed: Number.MAX_SAFE_INTEGER }))).scenario.seed).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [-1, "too-small", "got -1"],
    [1.5, "not-integer", "got 1.5"],
    [2 ** 53, "too-big", `got ${2 ** 53}`],
    ["7", "invalid-type", 'got "7" (a string: remove the quotes)'],
  ])("rejects %j", (seed, code, part) => {
    expectSingleIssue(input({ seed }), "seed", code, part, "must be an integer");
  });
});

describe("validateScenario: sparkVersion", () => {
  it('takes the number YAML makes of 3.5 as "3.5"', () => {
    expect(okOf(validateScenario(input({ sparkVersion: 3.5 }))).scenario.sparkVersion).toBe("3.5");
  });

  it('takes an integer (YAML reads 4.0 as 4) as "4.0"', () => {
    expect(okOf(validateScenario(input({ sparkVersion: 4 }))).scenario.sparkVersion).toBe("4.0");
  });

  it("keeps a patch version, normalised", () => {
    expect(okOf(validateScenario(input({ sparkVersion: " 3.4.1 " }))).scenario.sparkVersion).toBe("3.4.1");
  });

  it("rejects versions the model does not cover, naming the supported lines", () => {
    const issue = expectSingleIssue(input({ sparkVersion: "2.4" }), "sparkVersion", "unsupported-version", "2.4", "3.0, 3.1");
    expect(issue.value).toBe("2.4");
  });

  it("rejects patch releases that never existed, naming the line's releases", () => {
    expectSingleIssue(input({ sparkVersion: "3.5.99" }), "sparkVersion", "unsupported-version", "3.5.99", "3.5.0 to 3.5.9");
    expectSingleIssue(input({ sparkVersion: "3.1.0" }), "sparkVersion", "unsupported-version", "3.1.0", "3.1.1 to 3.1.3");
    for (const released of ["3.1.1", "3.4.0", "3.4.1", "3.5.9", "4.1.4", "3.5"]) {
      expect(validateScenario(input({ sparkVersion: released })).ok, released).toBe(true);
    }
  });

  it("rejects text that is not a version, and other types", () => {
    expectSingleIssue(input({ sparkVersion: "latest" }), "sparkVersion", "invalid-value", '"latest"');
    expectSingleIssue(input({ sparkVersion: true }), "sparkVersion", "invalid-type", "got true");
  });
});

describe("validateScenario: conf", () => {
  it("turns numbers and booleans into the strings Spark reads", () => {
    const conf = { "spark.dynamicAllocation.enabled": true, "spark.dynamicAllocation.maxExecutors": 20, "spark.dynamicAllocation.executorAllocationRatio": 0.5, "spark.executor.memory": "20G" };
    expect(okOf(validateScenario(input({ conf }))).scenario.conf).toEqual({
      "spark.dynamicAllocation.enabled": "true",
      "spark.dynamicAllocation.maxExecutors": "20",
      "spark.dynamicAllocation.executorAllocationRatio": "0.5",
      "spark.executor.memory": "20G",
    });
  });

  it("flattens nested maps into dotted keys", () => {
    const conf = { spark: { dynamicAllocation: { enabled: true, maxExecutors: 20 }, executor: { cores: 4 } }, "spark.shuffle": { service: { enabled: false } } };
    expect(okOf(validateScenario(input({ conf }))).scenario.conf).toEqual({
      "spark.dynamicAllocation.enabled": "true",
      "spark.dynamicAllocation.maxExecutors": "20",
      "spark.executor.cores": "4",
      "spark.shuffle.service.enabled": "false",
    });
  });

  it("rejects a key given both nested and dotted", () => {
    const conf = { "spark.dynamicAllocation.enabled": true, spark: { dynamicAllocation: { enabled: false } } };
    expectSingleIssue(input({ conf }), "conf.spark.dynamicAllocation.enabled", "duplicate-key", '"spark.dynamicAllocation.enabled" is given twice', "once as nested maps and once as a dotted key");
  });

  it("rejects null, lists and non-finite numbers, naming the value", () => {
    expectSingleIssue(input({ conf: { "spark.executor.cores": null } }), "conf.spark.executor.cores", "invalid-type", "got null");
    expectSingleIssue(input({ conf: { "spark.jars": ["a.jar", "b.jar"] } }), "conf.spark.jars", "invalid-type", "a list of 2", "comma-separated");
    expectSingleIssue(input({ conf: { "spark.x": Infinity } }), "conf.spark.x", "invalid-type", "got Infinity");
  });

  it("rejects a conf that is not a map", () => {
    expectSingleIssue(input({ conf: "spark.executor.cores=4" }), "conf", "invalid-type", '"spark.executor.cores=4"');
  });

  it('keeps a "__proto__" key as a plain property', () => {
    const parsed: unknown = JSON.parse('{"conf": {"__proto__": "1"}}');
    const conf = okOf(validateScenario(input(parsed as Record<string, unknown>))).scenario.conf;
    expect(Object.getOwnPropertyDescriptor(conf, "__proto__")?.value).toBe("1");
    expect(Object.getPrototypeOf(conf)).toBe(Object.prototype);
  });
});

describe("validateScenario: unknown keys", () => {
  it("suggests the key that was meant", () => {
    expectSingleIssue(input({ seeds: 3 }), "seeds", "unknown-key", 'did you mean "seed"?');
    expectSingleIssue(input({ spark_version: "3.5" }), "spark_version", "unknown-key", 'did you mean "sparkVersion"?');
  });

  it("says where misplaced keys belong", () => {
    expectSingleIssue(input({ jobs: [] }), "jobs", "unknown-key", "jobs belong under workload");
    expectSingleIssue(input({ "spark.dynamicAllocation.enabled": true }), "spark.dynamicAllocation.enabled", "unknown-key", "Spark properties go under conf");
  });

  it("reports a misspelt required key once, as the typo", () => {
    const issues = issuesOf({ workloads: { jobs: [] } });
    expect(issues.map((i) => i.path)).toEqual(["workloads"]);
    expect(issues[0]!.message).toContain('did you mean "workload"?');
  });
});

describe("validateScenario: the document", () => {
  it("requires a map", () => {
    expectSingleIssue([], "", "invalid-type", "an empty list");
    expectSingleIssue(null, "", "invalid-type", "got null", "empty");
  });

  it("requires workload", () => {
    expectSingleIssue({ seed: 1 }, "workload", "required");
  });

  it("reports every problem of a scenario at once", () => {
    const issues = issuesOf({
      seed: -1,
      sparkVersion: "9.9",
      conf: { "spark.executor.cores": null },
      cluster: { executorStartupMs: -5 },
      workload: { jobs: [{ stages: [{ id: 0, tasks: 0, taskDurationMs: 10 }, { id: 0, tasks: 1, taskDurationMs: 1.5 }] }] },
    });
    expect(issues.map((i) => `${i.path} ${i.code}`).sort()).toEqual(
      [
        "seed too-small",
        "sparkVersion unsupported-version",
        "conf.spark.executor.cores invalid-type",
        "cluster.executorStartupMs too-small",
        "workload.jobs[0].stages[0].tasks too-small",
        "workload.jobs[0].stages[1].taskDurationMs not-integer",
        "workload.jobs[0].stages[1].id duplicate-stage-id",
      ].sort(),
    );
    expect(issueAt(issues, "workload.jobs[0].stages[0].tasks").message).toBe("must be an integer >= 1, got 0");
  });

  it("parseScenario throws one ScenarioError listing every issue, with the file name", () => {
    const bad = { seed: -1, workload: { jobs: [] } };
    let error: unknown;
    try {
      parseScenario(bad, "bad.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const e = error as ScenarioError;
    expect(e.source).toBe("bad.yaml");
    expect(e.issues).toHaveLength(2);
    expect(e.message).toBe(
      ["invalid scenario bad.yaml (2 problems):", "  - seed: must be an integer >= 0, got -1", "  - workload.jobs: must have at least one job, got an empty list"].join("\n"),
    );
  });

  it("parseScenario returns the scenario when valid", () => {
    expect(parseScenario(input({ seed: 5 })).seed).toBe(5);
  });

  it("never throws, whatever the input: either a scenario or at least one issue", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = validateScenario(value);
        expect(r.ok || r.issues.length > 0).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (workload, conf) => {
        const r = validateScenario({ workload, conf });
        expect(r.ok || r.issues.length > 0).toBe(true);
      }),
    );
  });
});

describe("cluster.manager", () => {
  it("accepts generic, kubernetes, yarn and standalone and rejects anything else with the allowed values", () => {
    const base = { workload: { jobs: [{ stages: [{ id: 0, tasks: 1, taskDurationMs: 1 }] }] } };
    const k8s = validateScenario({ ...base, cluster: { manager: "kubernetes" } });
    expect(k8s.ok && k8s.scenario.cluster.manager).toBe("kubernetes");
    const none = validateScenario(base);
    expect(none.ok && none.scenario.cluster.manager).toBeUndefined();
    const yarn = validateScenario({ ...base, cluster: { manager: "yarn" } });
    expect(yarn.ok && yarn.scenario.cluster.manager).toBe("yarn");
    const standalone = validateScenario({ ...base, cluster: { manager: "standalone" } });
    expect(standalone.ok && standalone.scenario.cluster.manager).toBe("standalone");
    const bad = validateScenario({ ...base, cluster: { manager: "mesos" } });
    expect(bad.ok ? [] : bad.issues.map((i) => [i.path, i.message])).toEqual([["cluster.manager", 'must be one of generic, kubernetes, yarn, standalone, got "mesos"']]);
  });
});
