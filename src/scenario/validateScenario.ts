import { DEFAULT_SPARK_VERSION, safeParseSparkVersion, type Scenario, unreleasedPatchError } from "../../sim/index.js";
import { SCENARIO } from "./format/scenarioFormat.js";
import { integerRule, keysOf, requiredText } from "./format/vocabulary.js";
import { readCluster } from "./readCluster.js";
import { readEmrJobRequest, safeParseEmrJobRequest, type ParsedJobRequest } from "./emrJobRequest.js";
import { checkKeys, describeValue, isPlainObject, readInteger, readString, required } from "./fieldReaders.js";
import { IssueCollector, type Locator } from "./IssueCollector.js";
import { mergeJobRequestConf } from "./jobRequestConf.js";
import { readWorkload } from "./readWorkload.js";
import { ScenarioError, type ScenarioIssue } from "./ScenarioError.js";
import { readSparkConf } from "./sparkConfMap.js";

// Keys, hints (keys users put at the top level that belong further down) and the seed's
// range come from the format's description (format/scenarioFormat.ts).
export const SCENARIO_KEYS = keysOf(SCENARIO);
const DEFAULT_SEED = 1;
const TOP_LEVEL_HINTS: Readonly<Record<string, string>> = SCENARIO.hints ?? {};

/**
 * The job request file a scenario names, read before validation (which does no IO): its text
 * and the name to report it by, or the issues that kept it from being read (file-not-found,
 * unreadable).
 */
export type JobRequestFile = { readonly text: string; readonly source: string } | { readonly issues: readonly ScenarioIssue[] };

export interface ValidateScenarioOptions {
  /** Positions of paths in the source text, for line:column in issues. */
  readonly locate?: Locator;
  /** The file a jobRequest path names, already read; without it such a path is an issue. */
  readonly jobRequestFile?: JobRequestFile;
}

export type ValidateScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: string[]; readonly jobRequest?: ParsedJobRequest }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/** "dir/my-scenario.yaml" -> "my-scenario"; no IO, so the module stays usable anywhere. */
function baseName(source: string | undefined): string {
  const file = source?.split(/[\\/]/).pop() ?? "";
  const stem = file.replace(/\.[^.]*$/, "");
  return stem === "" ? "scenario" : stem;
}

/** YAML reads `sparkVersion: 3.5` as a number; `4.0` even as the integer 4. */
function versionText(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function readSparkVersionField(c: IssueCollector, value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") {
    c.add(["sparkVersion"], "invalid-type", `must be a Spark version such as "3.5" or "3.4.1", got ${describeValue(value)}`, value);
    return undefined;
  }
  const text = typeof value === "number" ? versionText(value) : value.trim();
  const result = safeParseSparkVersion(text);
  if (!result.success) {
    c.add(["sparkVersion"], /^\d+\.\d+/.test(text) ? "unsupported-version" : "invalid-value", result.error.message, value);
    return undefined;
  }
  const parsed = result.data;
  const unreleased = unreleasedPatchError(parsed);
  if (unreleased !== undefined) {
    c.add(["sparkVersion"], "unsupported-version", unreleased, value);
    return undefined;
  }
  return parsed.label;
}

function readJobRequestField(c: IssueCollector, value: unknown, source: string | undefined, options: ValidateScenarioOptions): ParsedJobRequest | undefined {
  if (isPlainObject(value)) return readEmrJobRequest(c, ["jobRequest"], value, source ?? "jobRequest");
  if (typeof value !== "string" || value.trim() === "") {
    c.add(["jobRequest"], "invalid-type", `must be the path of a StartJobRun request JSON file (relative to this file) or the request itself as a map, got ${describeValue(value)}`, value);
    return undefined;
  }
  const file = options.jobRequestFile;
  if (file === undefined) {
    c.add(
      ["jobRequest"],
      "job-request-unresolved",
      `${JSON.stringify(value)} is a file path, but this scenario was not read from a file; load it with loadScenarioFile, pass jobRequestFile, or give the request inline`,
      value,
    );
    return undefined;
  }
  if ("issues" in file) {
    // A document-level issue of the request file (not found, unreadable) is placed on the key.
    for (const i of file.issues) {
      if (i.path === "") c.add(["jobRequest"], i.code, i.message, i.value);
      else c.addAll([i]);
    }
    return undefined;
  }
  const r = safeParseEmrJobRequest(file.text, file.source, { file: file.source });
  if (r.success) return r.data;
  c.addAll(r.error.issues);
  return undefined;
}

/** The scenario's version wins over the request's; the request's over the default. */
function resolveSparkVersion(c: IssueCollector, explicit: string | undefined, request: ParsedJobRequest | undefined): string {
  const label = request?.releaseLabel ?? "?";
  if (explicit !== undefined) {
    if (request?.unsupportedSparkVersion !== undefined) {
      c.warn(["sparkVersion"], `the job request's release is not modelled (${request.unsupportedSparkVersion}); simulating Spark ${explicit} as the scenario says`);
    } else if (request?.modelledSparkVersion !== undefined && request.modelledSparkVersion !== explicit) {
      c.warn(["sparkVersion"], `the scenario's ${explicit} is used; the job request's releaseLabel ${label} runs Spark ${request.sparkVersion}`);
    }
    return explicit;
  }
  if (request?.unsupportedSparkVersion !== undefined) {
    c.add(["jobRequest", "releaseLabel"], "unsupported-version", `${request.unsupportedSparkVersion}; set sparkVersion in the scenario to simulate the job as a modelled Spark version`, label);
    return DEFAULT_SPARK_VERSION;
  }
  return request?.modelledSparkVersion ?? DEFAULT_SPARK_VERSION;
}

/**
 * Turns an untrusted parsed object (YAML, JSON or a library user's) into a `Scenario` with
 * defaults applied, or returns every issue found. `source` names the file: the default
 * scenario name is its base name.
 */
export function validateScenario(input: unknown, source?: string, options: ValidateScenarioOptions = {}): ValidateScenarioResult {
  const c = new IssueCollector(options.locate);
  if (!isPlainObject(input)) {
    const empty = input === null || input === undefined ? " (the file is empty?)" : "";
    c.add([], "invalid-type", `a scenario must be a map with at least workload.jobs, got ${describeValue(input)}${empty}`, input);
    return { ok: false, issues: c.issues };
  }
  if (input["workload"] === undefined && (input["jobDriver"] !== undefined || input["configurationOverrides"] !== undefined)) {
    // An EMR on EKS StartJobRun request sets the conf but says nothing of the workload.
    c.add(
      [],
      "invalid-value",
      "this is an EMR on EKS job request, not a scenario: it sets the Spark conf but has no workload. " +
        "Give it a workload: `dra-sim run <scenario> --job-request <this file>`, or name it in a scenario with `jobRequest: <this file>`",
      undefined,
    );
    return { ok: false, issues: c.issues };
  }
  const hints: Record<string, string> = { ...TOP_LEVEL_HINTS };
  for (const key of Object.keys(input)) if (key === "spark" || key.startsWith("spark.")) hints[key] = "Spark properties go under conf";
  checkKeys(c, [], input, SCENARIO_KEYS, hints);

  const name = input["name"] === undefined ? baseName(source) : readString(c, ["name"], input["name"]);
  const seed = input["seed"] === undefined ? DEFAULT_SEED : readInteger(c, ["seed"], input["seed"], integerRule(SCENARIO, "seed"));
  if (input["description"] !== undefined) readString(c, ["description"], input["description"], { allowEmpty: true });
  const explicitVersion = input["sparkVersion"] === undefined ? undefined : readSparkVersionField(c, input["sparkVersion"]);
  const conf = input["conf"] === undefined ? {} : readSparkConf(c, ["conf"], input["conf"]);
  const request = input["jobRequest"] === undefined ? undefined : readJobRequestField(c, input["jobRequest"], source, options);

  const cluster = readCluster(c, input["cluster"]);

  const rawWorkload = required(c, input, [], "workload", SCENARIO_KEYS, requiredText(SCENARIO, "workload"));
  const workload = rawWorkload === undefined ? undefined : readWorkload(c, ["workload"], rawWorkload);

  const sparkVersion = resolveSparkVersion(c, explicitVersion, request);
  if (request !== undefined) c.warnings.push(...request.warnings);

  if (cluster !== undefined && workload !== undefined) checkInputReplicas(c, cluster.nodes?.count, workload.jobs);
  if (c.failed || name === undefined || seed === undefined || conf === undefined || cluster === undefined || workload === undefined) {
    return { ok: false, issues: c.sortedIssues() };
  }
  const scenario: Scenario = {
    name,
    seed,
    sparkVersion,
    conf: mergeJobRequestConf(request, conf),
    cluster,
    workload,
  };
  return { ok: true, scenario, warnings: c.warnings, ...(request === undefined ? {} : { jobRequest: request }) };
}

/** A stage's `inputReplicas` are stored on the cluster's nodes: it needs `cluster.nodes`, and no more replicas than nodes. */
function checkInputReplicas(c: IssueCollector, nodeCount: number | undefined, jobs: Scenario["workload"]["jobs"]): void {
  jobs.forEach((j, i) =>
    j.stages.forEach((s, k) => {
      const replicas = s.inputReplicas;
      if (replicas === undefined) return;
      const path = ["workload", "jobs", i, "stages", k, "inputReplicas"];
      if (nodeCount === undefined) c.add(path, "invalid-value", "input replicas live on the cluster's nodes: declare cluster.nodes (count, executorsPerNode or the node's resources), or drop inputReplicas", replicas);
      else if (replicas > nodeCount) c.add(path, "too-big", `must be at most cluster.nodes.count (${nodeCount}): each replica is on a different node, got ${replicas}`, replicas);
    }),
  );
}

/** Like `validateScenario`, throwing a `ScenarioError` that lists every issue. */
export function parseScenario(input: unknown, source?: string, options: ValidateScenarioOptions = {}): Scenario {
  const r = validateScenario(input, source, options);
  if (!r.ok) throw new ScenarioError(source ?? "scenario", r.issues);
  return r.scenario;
}
