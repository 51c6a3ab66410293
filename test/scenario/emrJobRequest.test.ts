import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEmrJobRequest, safeParseEmrJobRequest, ScenarioError, validateEmrJobRequest, validateScenario, type ScenarioIssue } from "../../src/scenario/index.js";
import { input, issueAt, okOf } from "./scenarioInput.js";
import { itShared, SHARED_SEED_GUIDE } from "../helpers/sharedEventLogs.js";

/** The seed guide's request, as written there (a shell heredoc) and as the JSON file it writes. */
const EXAMPLES = "scenarios/emr-on-eks";
const seedText = readFileSync(`${EXAMPLES}/spark-python-in-s3-dra.sh`, "utf8");
const seedJson = readFileSync(`${EXAMPLES}/spark-python-in-s3-dra.json`, "utf8");

/** The seed document's conf: spark-defaults properties, then the --conf parameters. */
const SEED_CONF = {
  "spark.dynamicAllocation.enabled": "true",
  "spark.dynamicAllocation.shuffleTracking.enabled": "true",
  "spark.dynamicAllocation.minExecutors": "5",
  "spark.dynamicAllocation.maxExecutors": "100",
  "spark.dynamicAllocation.initialExecutors": "10",
  "spark.driver.cores": "5",
  "spark.executor.memory": "20G",
  "spark.driver.memory": "15G",
  "spark.executor.cores": "6",
};

/** A request with these sparkSubmitParameters and spark-defaults properties. */
function request(sparkSubmitParameters: unknown, properties?: Record<string, unknown>, releaseLabel = "emr-6.2.0-latest"): Record<string, unknown> {
  return {
    releaseLabel,
    jobDriver: { sparkSubmitJobDriver: { entryPoint: "s3://b/job.py", sparkSubmitParameters } },
    ...(properties === undefined ? {} : { configurationOverrides: { applicationConfiguration: [{ classification: "spark-defaults", properties }] } }),
  };
}

function ok(value: unknown): ReturnType<typeof parseEmrJobRequest> {
  const r = validateEmrJobRequest(value);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues, null, 1));
  return r.data;
}

function issues(value: unknown): readonly ScenarioIssue[] {
  const r = validateEmrJobRequest(value);
  if (r.success) throw new Error("expected issues");
  return r.error.issues;
}

describe("the seed document's request", () => {
  it("the example is a heredoc that writes the example JSON file", () => {
    expect(seedText.startsWith("cat >spark-python-in-s3-dra.json << EOF\n")).toBe(true);
    expect(seedText.endsWith("\nEOF\n")).toBe(true);
    expect(seedText.slice(seedText.indexOf("\n") + 1, -"EOF\n".length)).toBe(seedJson);
  });

  itShared("the example is the seed guide's snippet verbatim, heredoc wrapper included", () => {
    expect(readFileSync(SHARED_SEED_GUIDE, "utf8")).toContain(seedText);
  });

  it("parses as written, with the heredoc wrapper, to its conf and Spark 3.0.1", () => {
    const r = parseEmrJobRequest(seedText, "spark-python-in-s3-dra.txt");
    expect(r.conf).toEqual(SEED_CONF);
    expect(r.sparkVersion).toBe("3.0.1");
    expect(r.releaseLabel).toBe("emr-6.2.0-latest");
    expect(r.ignored).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it("parses the same as plain JSON", () => {
    const r = parseEmrJobRequest(seedJson, "spark-python-in-s3-dra.json");
    expect(r.conf).toEqual(SEED_CONF);
    expect(r.sparkVersion).toBe("3.0.1");
  });

  it("spark-defaults come first, then --conf (key order shows the layers)", () => {
    expect(Object.keys(parseEmrJobRequest(seedJson, "x").conf)).toEqual(Object.keys(SEED_CONF));
  });
});

describe("heredoc and fence wrappers", () => {
  const body = JSON.stringify(request("--conf spark.executor.cores=2"), null, 2);

  it.each([
    ["quoted delimiter, redirect after", `cat <<'JSON' > req.json\n${body}\nJSON\n`],
    ["<<- strips leading tabs", `cat >req.json <<-EOF\n${body.split("\n").map((l) => `\t${l}`).join("\n")}\n\tEOF\n`],
    ["inside a Markdown fence", "```\ncat >req.json << EOF\n" + body + "\nEOF\n```\n"],
    ["a fence around plain JSON", "```json\n" + body + "\n```"],
  ])("%s", (_name, text) => {
    expect(parseEmrJobRequest(text, "x").conf).toEqual({ "spark.executor.cores": "2" });
  });

  it("reports JSON errors at their line in the original text", () => {
    const text = 'cat >req.json << EOF\n{\n  "releaseLabel": "emr-6.2.0-latest",\n  "jobDriver": {}\n  "x": 1\n}\nEOF\n';
    const r = safeParseEmrJobRequest(text, "req.txt");
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toEqual([{ path: "", code: "syntax-error", message: "invalid JSON: expected ',' or '}' after a property value, got \"\\\"\"", line: 5, column: 3 }]);
  });

  it("notes an unclosed heredoc and reads on", () => {
    const r = parseEmrJobRequest(`cat >r.json << EOF\n${body}\n`, "r.txt");
    expect(r.warnings).toEqual(["r.txt: the heredoc has no closing EOF line; read to the end of the text"]);
  });

  it("parseEmrJobRequest throws a ScenarioError naming the file and the position", () => {
    expect(() => parseEmrJobRequest("{\n  'a': 1\n}", "req.json")).toThrow(ScenarioError);
    expect(() => parseEmrJobRequest("{\n  'a': 1\n}", "req.json")).toThrow("req.json:2:3 invalid JSON: expected a property name in double quotes");
  });
});

describe("sparkSubmitParameters", () => {
  it("maps --num-executors, --executor-cores and --executor-memory to their properties", () => {
    expect(ok(request("--num-executors 4 --executor-cores=2 --executor-memory 8g")).conf).toEqual({
      "spark.executor.instances": "4",
      "spark.executor.cores": "2",
      "spark.executor.memory": "8g",
    });
  });

  it("reads --conf k=v, --conf=k=v, -c k=v and quoted values", () => {
    const r = ok(request(`--conf spark.a.b=1 --conf=spark.c=x=y -c spark.d= --conf "spark.executor.extraJavaOptions=-Da=1 -Db=2"`));
    expect(r.conf).toEqual({ "spark.a.b": "1", "spark.c": "x=y", "spark.d": "", "spark.executor.extraJavaOptions": "-Da=1 -Db=2" });
  });

  it("lists options it does not model as ignored, not as errors", () => {
    const r = ok(request("--class org.Main --jars a.jar,b.jar --py-files deps.zip --driver-memory 15G --driver-cores 2 --name job --verbose --conf x.y=1"));
    expect(r.ignored).toEqual([
      "--conf x.y=1 (not a Spark property: spark-submit ignores it)",
      "--class org.Main",
      "--jars a.jar,b.jar",
      "--py-files deps.zip",
      "--driver-memory 15G",
      "--driver-cores 2",
      "--name job",
      "--verbose",
    ]);
    expect(r.conf).toEqual({});
  });

  it("rejects what spark-submit would reject, at the parameters' path", () => {
    const path = "jobRequest.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters";
    const unknown = issueAt(issues(request("--num-executor 5")), path);
    expect(unknown.code).toBe("unknown-option");
    expect(unknown.message).toContain('"--num-executor"');
    expect(unknown.message).toContain("did you mean --num-executors?");
    expect(issueAt(issues(request("--conf spark.executor.cores")), path).message).toContain('--conf needs key=value, got "spark.executor.cores"');
    expect(issueAt(issues(request("--conf")), path).message).toContain("--conf needs a value");
    expect(issueAt(issues(request("--conf 'spark.a=1")), path).message).toContain("unterminated single quote");
    expect(issueAt(issues(request("main.py --conf spark.a=1")), path).message).toContain('unexpected argument "main.py"');
  });

  it("must be a string", () => {
    const found = issues(request(["--conf", "spark.a=1"]));
    expect(found.map((i) => i.path)).toEqual(["jobRequest.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters"]);
    expect(found[0]!.code).toBe("invalid-type");
    expect(found[0]!.message).toContain("a list of 2");
  });
});

describe("precedence inside the request", () => {
  it("spark-defaults < --conf < --num-executors", () => {
    const r = ok(
      request("--conf spark.executor.instances=3 --conf spark.dynamicAllocation.maxExecutors=50 --num-executors 4", {
        "spark.executor.instances": "2",
        "spark.dynamicAllocation.maxExecutors": "100",
        "spark.dynamicAllocation.minExecutors": "1",
      }),
    );
    expect(r.conf).toEqual({ "spark.executor.instances": "4", "spark.dynamicAllocation.maxExecutors": "50", "spark.dynamicAllocation.minExecutors": "1" });
    expect(r.warnings).toEqual([
      "jobRequest.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters: --num-executors 4 overrides --conf spark.executor.instances=3 (spark-submit's own option wins)",
    ]);
  });

  it("a later --conf of the same key wins, with a warning", () => {
    const r = ok(request("--conf spark.a=1 --conf spark.a=2"));
    expect(r.conf).toEqual({ "spark.a": "2" });
    expect(r.warnings[0]).toContain('spark.a is set twice ("1", then "2")');
  });
});

describe("configurationOverrides", () => {
  it("reads spark-defaults properties, converting numbers and booleans to strings", () => {
    expect(ok(request("", { "spark.dynamicAllocation.enabled": true, "spark.dynamicAllocation.maxExecutors": 10 })).conf).toEqual({
      "spark.dynamicAllocation.enabled": "true",
      "spark.dynamicAllocation.maxExecutors": "10",
    });
  });

  it("ignores other classifications and non-Spark keys, listing them", () => {
    const r = ok({
      releaseLabel: "emr-6.2.0-latest",
      jobDriver: { sparkSubmitJobDriver: { entryPoint: "x.py" } },
      configurationOverrides: {
        applicationConfiguration: [
          { classification: "spark-log4j", properties: { "log4j.rootCategory": "WARN" } },
          { classification: "spark-defaults", properties: { "spark.a": "1", "hive.x": "2" } },
        ],
        monitoringConfiguration: { s3MonitoringConfiguration: { logUri: "s3://logs" } },
      },
    });
    expect(r.conf).toEqual({ "spark.a": "1" });
    expect(r.ignored).toEqual([
      'jobRequest.configurationOverrides.applicationConfiguration[0]: classification "spark-log4j"',
      "jobRequest.configurationOverrides.applicationConfiguration[1].properties.hive.x: not a Spark property (spark-submit ignores it)",
    ]);
  });

  it("checks the entries", () => {
    const bad = {
      releaseLabel: "emr-6.2.0-latest",
      jobDriver: { sparkSubmitJobDriver: {} },
      configurationOverrides: { applicationConfiguration: [{ properties: {} }, { classification: "spark-defaults", properties: { "spark.a": null } }] },
    };
    expect(issues(bad).map((i) => `${i.path} ${i.code}`)).toEqual([
      "jobRequest.configurationOverrides.applicationConfiguration[0].classification required",
      "jobRequest.configurationOverrides.applicationConfiguration[1].properties.spark.a invalid-type",
    ]);
  });
});

describe("request structure", () => {
  it("requires jobDriver, naming where parameters are read from", () => {
    const found = issues({ releaseLabel: "emr-6.2.0-latest" });
    expect(found.map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest.jobDriver required"]);
    expect(found[0]!.message).toContain("jobDriver.sparkSubmitJobDriver.sparkSubmitParameters");
  });

  it("suggests request keys that were meant", () => {
    const found = issues({ ...request(""), releaselabel: "emr-6.2.0-latest" });
    expect(issueAt(found, "jobRequest.releaselabel").message).toContain('did you mean "releaseLabel"?');
  });

  it("reads sparkSqlJobDriver parameters too, where spark-sql's own options are not errors", () => {
    const r = ok({ releaseLabel: "emr-6.2.0-latest", jobDriver: { sparkSqlJobDriver: { entryPoint: "q.sql", sparkSqlParameters: "--hiveconf a=b --conf spark.a=1" } } });
    expect(r.conf).toEqual({ "spark.a": "1" });
    expect(r.ignored).toEqual(["--hiveconf (spark-sql option)"]);
  });

  it("takes one driver", () => {
    const both = { releaseLabel: "emr-6.2.0-latest", jobDriver: { sparkSqlJobDriver: {}, sparkSubmitJobDriver: {} } };
    expect(issues(both).map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest.jobDriver conflicting-keys"]);
    expect(issues({ releaseLabel: "emr-6.2.0-latest", jobDriver: {} }).map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest.jobDriver.sparkSubmitJobDriver required"]);
  });

  it("must be a map", () => {
    expect(issues("emr-6.2.0").map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest invalid-type"]);
  });
});

describe("releaseLabel", () => {
  it("maps a known release to its Spark version", () => {
    expect(ok(request("", undefined, "emr-7.1.0-latest")).sparkVersion).toBe("3.5.0");
    expect(ok(request("", undefined, "emr-6.14.0-java17-al2023-latest")).sparkVersion).toBe("3.4.1");
  });

  it("warns on an unknown release and leaves the version to the scenario", () => {
    const r = ok(request("", undefined, "emr-9.9.0-latest"));
    expect(r.sparkVersion).toBeUndefined();
    expect(r.warnings).toEqual(["jobRequest.releaseLabel: EMR release 9.9.0 is not in this simulator's release table; the Spark version comes from the scenario (sparkVersion, default 3.5)"]);
  });

  it("marks releases whose Spark the model cannot run", () => {
    expect(ok(request("", undefined, "emr-5.32.0-latest")).unsupportedSparkVersion).toContain("emr-5.32.0-latest runs Spark 2.4.7");
  });
});

describe("a job request in a scenario", () => {
  const seedRequest: unknown = JSON.parse(seedJson);

  it("the scenario's conf wins over the request's", () => {
    const r = okOf(validateScenario(input({ jobRequest: seedRequest, conf: { "spark.dynamicAllocation.maxExecutors": 20 } })));
    expect(r.scenario.conf).toEqual({ ...SEED_CONF, "spark.dynamicAllocation.maxExecutors": "20" });
    expect(r.jobRequest?.releaseLabel).toBe("emr-6.2.0-latest");
  });

  it("without sparkVersion, the request's release decides it", () => {
    expect(okOf(validateScenario(input({ jobRequest: seedRequest }))).scenario.sparkVersion).toBe("3.0.1");
  });

  it("an explicit sparkVersion wins, with a warning", () => {
    const r = okOf(validateScenario(input({ jobRequest: seedRequest, sparkVersion: 3.5 })));
    expect(r.scenario.sparkVersion).toBe("3.5");
    expect(r.warnings).toEqual(["sparkVersion: the scenario's 3.5 is used; the job request's releaseLabel emr-6.2.0-latest runs Spark 3.0.1"]);
  });

  it("an unmodelled release is an issue unless the scenario sets a version", () => {
    const old = request("", undefined, "emr-5.32.0-latest");
    const bad = validateScenario(input({ jobRequest: old }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest.releaseLabel unsupported-version"]);
    const r = okOf(validateScenario(input({ jobRequest: old, sparkVersion: "3.0" })));
    expect(r.warnings[0]).toContain("the job request's release is not modelled");
  });

  it("a path needs its file read beforehand (in-memory validation reads no files)", () => {
    const r = validateScenario(input({ jobRequest: "req.json" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest job-request-unresolved"]);
  });

  it("places the issues that kept the request file from being read on the jobRequest key", () => {
    const r = validateScenario(input({ jobRequest: "req.json" }), "s.yaml", {
      jobRequestFile: { issues: [{ path: "", code: "file-not-found", message: "file not found: dir/req.json", value: "dir/req.json" }] },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.path} ${i.code} ${i.message}`)).toEqual(["jobRequest file-not-found file not found: dir/req.json"]);
  });

  it("reads a path's request from the file given; its issues name that file and line", () => {
    const r = validateScenario(input({ jobRequest: "req.json" }), "s.yaml", {
      jobRequestFile: { text: '{\n  "releaseLabel": "emr-6.2.0-latest",\n  "jobDriver": {"sparkSubmitJobDriver": {"sparkSubmitParameters": 5}}\n}', source: "dir/req.json" },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        path: "jobRequest.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters",
        code: "invalid-type",
        message: 'must be a string of spark-submit options (e.g. "--conf spark.executor.cores=4"), got 5',
        value: 5,
        file: "dir/req.json",
        line: 3,
        column: 42,
      },
    ]);
  });

  it("rejects a jobRequest that is neither a path nor a map", () => {
    const r = validateScenario(input({ jobRequest: 3 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.path} ${i.code}`)).toEqual(["jobRequest invalid-type"]);
  });
});

describe("safeParseEmrJobRequest / parseEmrJobRequest", () => {
  it("safeParse never throws on any text; parse throws its ScenarioError exactly when it fails", () => {
    const texts = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom(seedText, seedJson).chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const r = safeParseEmrJobRequest(text, "req.json");
        if (r.success) expect(parseEmrJobRequest(text, "req.json")).toEqual(r.data);
        else {
          expect(r.error).toBeInstanceOf(ScenarioError);
          expect(r.error.issues.length).toBeGreaterThan(0);
          expect(() => parseEmrJobRequest(text, "req.json")).toThrow(r.error.message);
        }
      }),
      { numRuns: 300 },
    );
  });
});
