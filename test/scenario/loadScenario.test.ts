import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate } from "../../sim/spark/SparkApplication.js";
import { loadScenarioFile, loadScenarioText, parseEmrJobRequestFile, ScenarioError, type ScenarioIssue } from "../../src/scenario/index.js";
import { MAX_SYNTAX_ISSUES } from "../../src/scenario/sourceText.js";
import { sparkConf } from "../helpers/builders.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";
import { useTempDir } from "../helpers/tempDir.js";

const FIXTURES = "test/fixtures/scenario";
const dir = useTempDir("scenario-load");

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The ScenarioError a promise or call rejects with. */
async function scenarioError(run: () => Promise<unknown> | unknown): Promise<ScenarioError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

const brief = (i: ScenarioIssue): string => `${i.line ?? "?"}:${i.column ?? "?"} ${i.path} ${i.code}`;

describe("loadScenarioFile: the seed request", () => {
  it("reads the request the scenario names, relative to the scenario file, and merges its conf under the scenario's", async () => {
    const loaded = await loadScenarioFile(`${FIXTURES}/seed-dra.yaml`);
    expect(loaded.source).toBe(`${FIXTURES}/seed-dra.yaml`);
    expect(loaded.scenario.name).toBe("seed-dra");
    expect(loaded.scenario.sparkVersion).toBe("3.0.1");
    expect(loaded.scenario.conf).toEqual({
      "spark.dynamicAllocation.enabled": "true",
      "spark.dynamicAllocation.shuffleTracking.enabled": "true",
      "spark.dynamicAllocation.minExecutors": "5",
      "spark.dynamicAllocation.maxExecutors": "20",
      "spark.dynamicAllocation.initialExecutors": "10",
      "spark.driver.cores": "5",
      "spark.executor.memory": "20G",
      "spark.driver.memory": "15G",
      "spark.executor.cores": "6",
    });
    expect(loaded.jobRequest?.source).toBe(join(FIXTURES, "../../../scenarios/emr-on-eks/spark-python-in-s3-dra.sh"));
    expect(loaded.warnings).toEqual([]);
  });

  it("the loaded scenario runs in the engine", async () => {
    const { scenario } = await loadScenarioFile(`${FIXTURES}/seed-dra.yaml`);
    const result = simulate(scenario, sparkConf(scenario.conf, scenario.sparkVersion));
    expect(result.scenarioName).toBe("seed-dra");
    expect(result.sparkVersion).toBe("3.0.1");
    expect(result.stats.tasksRun).toBeGreaterThanOrEqual(250);
  });

  it("a JSON scenario with an explicit version keeps it and warns about the request's", async () => {
    const loaded = await loadScenarioFile(`${FIXTURES}/seed-dra.json`);
    expect(loaded.scenario.sparkVersion).toBe("3.5");
    expect(loaded.warnings).toEqual(["sparkVersion: the scenario's 3.5 is used; the job request's releaseLabel emr-6.2.0-latest runs Spark 3.0.1"]);
    expect(loaded.scenario.conf["spark.dynamicAllocation.maxExecutors"]).toBe("100");
  });
});

describe("loadScenarioFile: errors name the file, the place and the fix", () => {
  it("reports every problem of a file, each with its line", async () => {
    const e = await scenarioError(() => loadScenarioFile(`${FIXTURES}/many-problems.yaml`));
    expect(e.source).toBe(`${FIXTURES}/many-problems.yaml`);
    expect(e.issues.map(brief).sort()).toEqual(
      [
        "2:1 sparkVersion unsupported-version",
        "3:1 seed too-small",
        "5:3 conf.spark.dynamicAllocation.maxExecutors invalid-type",
        "10:11 workload.jobs[0].stages[0].tasks too-small",
        "11:11 workload.jobs[0].stages[0].taskDuration unknown-key",
        "14:11 workload.jobs[0].stages[1].taskDurationMs length-mismatch",
        "9:11 workload.jobs[0].stages[0] parent-without-shuffle",
      ].sort(),
    );
    expect(e.message).toContain(`${FIXTURES}/many-problems.yaml:10:11 workload.jobs[0].stages[0].tasks: must be an integer >= 1, got 0`);
    expect(e.message.split("\n")[0]).toBe(`invalid scenario ${FIXTURES}/many-problems.yaml (7 problems):`);
  });

  it("a YAML syntax error has line and column", async () => {
    const e = await scenarioError(() => loadScenarioFile(`${FIXTURES}/bad-syntax.yaml`));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: "", code: "syntax-error", line: 4, column: 3 });
    expect(e.message).toContain(`${FIXTURES}/bad-syntax.yaml:4:3 invalid YAML:`);
  });

  it("a JSON syntax error has line and column", async () => {
    const path = file("trailing.json", '{\n  "workload": {\n    "jobs": [],\n  }\n}\n');
    const e = await scenarioError(() => loadScenarioFile(path));
    expect(e.issues).toEqual([{ path: "", code: "syntax-error", message: "invalid JSON: trailing comma before '}'", line: 4, column: 3 }]);
    expect(e.message).toContain(`${path}:4:3 invalid JSON: trailing comma before '}'`);
  });

  it("a key given twice in JSON is an error, not a silent last-one-wins", async () => {
    const path = file("dup.json", '{\n  "seed": 1,\n  "seed": 2,\n  "workload": {}\n}');
    const e = await scenarioError(() => loadScenarioFile(path));
    expect(e.issues.map(brief)).toEqual(["3:3  syntax-error"]);
    expect(e.issues[0]!.message).toContain('key "seed" is given twice');
  });

  it("a key given twice in YAML is an error", async () => {
    const path = file("dup.yaml", "seed: 1\nseed: 2\nworkload: {}\n");
    const e = await scenarioError(() => loadScenarioFile(path));
    expect(e.issues.map(brief)).toEqual(["2:1  syntax-error"]);
    expect(e.issues[0]!.message).toContain("key seed is given twice");
  });

  it("a missing file is a ScenarioError with code file-not-found, not a stack trace", async () => {
    const e = await scenarioError(() => loadScenarioFile(join(dir, "nope.yaml")));
    expect(e.issues).toEqual([{ path: "", code: "file-not-found", message: `file not found: ${join(dir, "nope.yaml")}`, value: join(dir, "nope.yaml") }]);
    expect(e.message).toBe(`invalid scenario ${join(dir, "nope.yaml")} (1 problem):\n  - file not found: ${join(dir, "nope.yaml")}`);
  });

  it("a directory is unreadable", async () => {
    const e = await scenarioError(() => loadScenarioFile(dir));
    expect(e.issues[0]?.code).toBe("file-unreadable");
    expect(e.issues[0]?.message).toContain("it is a directory");
  });

  it("a missing request file is an issue on jobRequest, naming the resolved path", async () => {
    const e = await scenarioError(() => loadScenarioFile(`${FIXTURES}/missing-request.yaml`));
    expect(e.issues.map(brief)).toEqual(["1:1 jobRequest file-not-found"]);
    expect(e.issues[0]!.message).toContain(join(FIXTURES, "requests/does-not-exist.json"));
    expect(e.issues[0]!.message).toContain("relative to the scenario file");
  });

  it("a problem inside the request file names that file and its line", async () => {
    file("req/bad.json", '{\n  "releaseLabel": "emr-6.2.0-latest",\n  "jobDriver": {"sparkSubmitJobDriver": {"sparkSubmitParameters": "--num-executors"}}\n}\n');
    const path = file("with-bad-request.yaml", "jobRequest: req/bad.json\nworkload: {jobs: [{stages: [{id: 0, tasks: 1, taskDurationMs: 1}]}]}\n");
    const e = await scenarioError(() => loadScenarioFile(path));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: "jobRequest.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters", code: "invalid-option", file: join(dir, "req/bad.json"), line: 3 });
    expect(e.message).toContain(`${join(dir, "req/bad.json")}:3:`);
  });
});

describeShared("loadScenarioFile: a Spark event log given as a scenario", () => {
  const HINT = /is a Spark event log, not a scenario: replay it with `dra-sim replay .*` or turn it into a scenario with `dra-sim import .* -o scenario\.yaml`/;

  it("is one issue saying how to replay or import it, not an issue per line", async () => {
    const log = sharedLog("sparklint/application_1472176676028_407508_1");
    const e = await scenarioError(() => loadScenarioFile(log));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.message).toMatch(HINT);
    expect(e.issues[0]!.message).toContain(`dra-sim replay ${log}`);
    expect(e.message.split("\n")).toHaveLength(2);
  });

  it("recognises a .json or .yaml name, a byte-order mark, a compressed log and a rolling directory too", async () => {
    const line = '{"Event":"SparkListenerLogStart","Spark Version":"3.5.1"}\n{"Event":"SparkListenerApplicationStart","App Name":"x","Timestamp":1}\n';
    for (const name of ["log.json", "log.yaml"]) expect((await scenarioError(() => loadScenarioFile(file(name, `\uFEFF${line}`)))).issues[0]!.message).toMatch(HINT);
    const zstd = await scenarioError(() => loadScenarioFile(sharedLog("spark-rapids-tools/rp_sql_eventlog.zstd")));
    expect(zstd.issues).toHaveLength(1);
    expect(zstd.issues[0]!.message).toMatch(/is zstd-compressed data \(a compressed Spark event log\?\), not a scenario: replay it with `dra-sim replay/);
    const rolling = await scenarioError(() => loadScenarioFile(sharedLog("spark-rapids-tools/eventlog_v2_local-1623876083964")));
    expect(rolling.issues[0]!.message).toMatch(/is a Spark event-log directory, not a scenario: replay it with/);
  });

  it("caps the syntax errors of a file that is not YAML at all", async () => {
    const text = readFileSync(sharedLog("sparklint/application_1472176676028_407508_1"), "utf8").split("\n").slice(1, 400).join("\n");
    const e = await scenarioError(() => loadScenarioFile(file("not-yaml.yaml", `name: x\n${text}`)));
    expect(e.issues).toHaveLength(MAX_SYNTAX_ISSUES + 1);
    expect(e.issues.slice(0, MAX_SYNTAX_ISSUES).every((i) => i.code === "syntax-error" && i.line !== undefined)).toBe(true);
    expect(e.issues.at(-1)!.message).toMatch(/^\.\.\. and \d+ more syntax errors not listed/);
    expect(e.message.split("\n").length).toBe(MAX_SYNTAX_ISSUES + 2);
  });
});

describe("loadScenarioFile: formats", () => {
  it("YAML numbers for sparkVersion are read as written: 3.5 and 4.0", async () => {
    const jobs = "workload: {jobs: [{stages: [{id: 0, tasks: 1, taskDurationMs: 1}]}]}\n";
    expect((await loadScenarioFile(file("v35.yaml", `sparkVersion: 3.5\n${jobs}`))).scenario.sparkVersion).toBe("3.5");
    expect((await loadScenarioFile(file("v40.yml", `sparkVersion: 4.0\n${jobs}`))).scenario.sparkVersion).toBe("4.0");
  });

  it("an unknown extension is read as YAML, which reads JSON too", async () => {
    const loaded = await loadScenarioFile(file("run.scenario", '{"workload": {"jobs": [{"stages": [{"id": 0, "tasks": 1, "taskDurationMs": 1}]}]}}'));
    expect(loaded.scenario.name).toBe("run");
  });

  it("a JSON file may start with a byte-order mark", async () => {
    const loaded = await loadScenarioFile(file("bom.json", '\uFEFF{"workload": {"jobs": [{"stages": [{"id": 0, "tasks": 1, "taskDurationMs": 1}]}]}}'));
    expect(loaded.scenario.workload.jobs).toHaveLength(1);
  });

  it("an empty file says so", async () => {
    const e = await scenarioError(() => loadScenarioFile(file("empty.yaml", "")));
    expect(e.issues[0]?.message).toContain("empty");
  });
});

describe("loadScenarioText", () => {
  const jobs = "workload:\n  jobs:\n    - stages: [{id: 0, tasks: 1, taskDurationMs: 1}]\n";

  it("parses in-memory YAML, with positions in issues", () => {
    const e = (() => {
      try {
        loadScenarioText(`seed: "3"\n${jobs}`, "inline", "yaml");
      } catch (err) {
        return err as ScenarioError;
      }
      throw new Error("expected an error");
    })();
    expect(e.issues.map(brief)).toEqual(["1:1 seed invalid-type"]);
    expect(e.message).toContain('inline:1:1 seed: must be an integer >= 0, got "3" (a string: remove the quotes)');
  });

  it("reads no file for a jobRequest path unless given the file (jobRequestFile)", async () => {
    const e = await scenarioError(() => loadScenarioText(`jobRequest: r.json\n${jobs}`, "inline", "yaml"));
    expect(e.issues.map(brief)).toEqual(["1:1 jobRequest job-request-unresolved"]);
    const loaded = loadScenarioText(`jobRequest: r.json\n${jobs}`, "inline", "yaml", {
      jobRequestFile: { text: '{"releaseLabel": "emr-7.1.0-latest", "jobDriver": {"sparkSubmitJobDriver": {"sparkSubmitParameters": "--num-executors 3"}}}', source: "r.json" },
    });
    expect(loaded.scenario.sparkVersion).toBe("3.5.0");
    expect(loaded.scenario.conf).toEqual({ "spark.executor.instances": "3" });
  });

  it("takes nested conf keys from YAML", () => {
    const loaded = loadScenarioText(`conf:\n  spark:\n    dynamicAllocation:\n      enabled: true\n      maxExecutors: 20\n${jobs}`, "inline", "yaml");
    expect(loaded.scenario.conf).toEqual({ "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.maxExecutors": "20" });
  });

  it("points a did-you-mean at the misspelt key's line", async () => {
    const e = await scenarioError(() => loadScenarioText("workload:\n  jobs:\n    - stages:\n        - id: 0\n          tasks: 1\n          taskDuration: 5\n", "inline", "yaml"));
    expect(e.issues.map(brief)).toEqual(["6:11 workload.jobs[0].stages[0].taskDuration unknown-key"]);
    expect(e.issues[0]!.message).toContain('did you mean "taskDurationMs"?');
  });
});

describe("paths relative to a working directory (the CLI's)", () => {
  it("loadScenarioFile reads a relative path from cwd, its request too, and reports the path as given", async () => {
    const loaded = await loadScenarioFile("seed-dra.yaml", FIXTURES);
    expect(loaded.source).toBe("seed-dra.yaml");
    expect(loaded.scenario.sparkVersion).toBe("3.0.1");
    const e = await scenarioError(() => loadScenarioFile("nope.yaml", FIXTURES));
    expect(e.issues[0]?.message).toBe("file not found: nope.yaml");
  });

  it("parseEmrJobRequestFile reads a request file on its own", async () => {
    const r = await parseEmrJobRequestFile("spark-python-in-s3-dra.sh", "scenarios/emr-on-eks");
    expect(r.sparkVersion).toBe("3.0.1");
    expect(r.conf["spark.dynamicAllocation.initialExecutors"]).toBe("10");
    const e = await scenarioError(() => parseEmrJobRequestFile(join(dir, "none.json")));
    expect(e.issues[0]?.code).toBe("file-not-found");
  });
});

describe("YAML conveniences", () => {
  it("merge keys reuse a stage template", () => {
    const text = [
      "workload:",
      "  jobs:",
      "    - stages:",
      "        - &stage {id: 0, tasks: 4, taskDurationMs: 100, shuffleId: 0}",
      "        - {<<: *stage, id: 1, shuffleId: 1, parents: [0]}",
    ].join("\n");
    const stages = loadScenarioText(text, "inline", "yaml").scenario.workload.jobs[0]!.stages;
    expect(stages[1]).toEqual({ id: 1, tasks: 4, taskDurationMs: 100, parents: [0], shuffleId: 1 });
  });

  it("passes on what the YAML reader warns about, with the line", () => {
    const loaded = loadScenarioText("name: !custom x\nworkload: {jobs: [{stages: [{id: 0, tasks: 1, taskDurationMs: 1}]}]}\n", "inline", "yaml");
    expect(loaded.warnings).toEqual(["line 1: Unresolved tag: !custom"]);
  });
});

describe("src/scenario/FORMAT.md", () => {
  it("its example scenario is valid", () => {
    const doc = readFileSync("src/scenario/FORMAT.md", "utf8");
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const loaded = loadScenarioText(example, "example.yaml", "yaml", {
      jobRequestFile: { text: '{"releaseLabel": "emr-7.1.0-latest", "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "x.py"}}}', source: "request.json" },
    });
    expect(loaded.scenario.name).toBe("nightly-etl");
    expect(loaded.scenario.sparkVersion).toBe("3.5");
    expect(loaded.warnings).toEqual(["sparkVersion: the scenario's 3.5 is used; the job request's releaseLabel emr-7.1.0-latest runs Spark 3.5.0"]);
  });
});
