import { DEFAULT_SPARK_VERSION, safeParseSparkVersion } from "../../sim/index.js";
import { unwrap, type SafeParseResult } from "../../sim/errors.js";
import { sparkVersionOfEmrRelease } from "./emrReleases.js";
import { checkKeys, describeValue, readObject, readString, type PlainObject } from "./fieldReaders.js";
import { formatPath, IssueCollector, type IssuePath } from "./IssueCollector.js";
import { ScenarioError } from "./ScenarioError.js";
import { unwrapHeredoc } from "./shellHeredoc.js";
import { parseJsonText } from "./jsonText.js";
import { confValueMessage, confValueText } from "./sparkConfMap.js";
import { parseSparkSubmitParameters } from "./sparkSubmitParameters.js";

/** What the simulator takes from an EMR on EKS `StartJobRun` request. */
export interface ParsedJobRequest {
  /** The file (or name) the request came from. */
  readonly source: string;
  readonly releaseLabel?: string;
  /** The Spark version the release ships ("3.0.1"); absent when the label is unknown. */
  readonly sparkVersion?: string;
  /** `sparkVersion` as the model reads it (`parseSparkVersion`'s label); absent when the label is unknown or the version is not modelled. */
  readonly modelledSparkVersion?: string;
  /** Set when the release's Spark is one the model cannot run (EMR 5.x: Spark 2.x). */
  readonly unsupportedSparkVersion?: string;
  /** spark-defaults < --conf < --num-executors/--executor-cores/--executor-memory. */
  readonly conf: Readonly<Record<string, string>>;
  /** Options and classifications read but not modelled, as written. */
  readonly ignored: readonly string[];
  readonly warnings: readonly string[];
}

/** A request read, or the `ScenarioError` listing every issue that kept it from being read. */
export type JobRequestResult = SafeParseResult<ParsedJobRequest, ScenarioError>;

// StartJobRun request fields (API reference, 2020-10-01).
const REQUEST_KEYS = [
  "name", "virtualClusterId", "clientToken", "executionRoleArn", "releaseLabel", "jobDriver", "configurationOverrides",
  "tags", "jobTemplateId", "jobTemplateParameters", "retryPolicyConfiguration",
];
const SPARK_DEFAULTS = "spark-defaults";

/** Sets `key` in `layer`, warning when an earlier value of the same layer differs. */
function setOnce(layer: Map<string, string>, key: string, value: string, warn: (message: string) => void): void {
  const before = layer.get(key);
  if (before !== undefined && before !== value) warn(`${key} is set twice (${JSON.stringify(before)}, then ${JSON.stringify(value)}); the later one wins`);
  layer.set(key, value);
}

/** spark-defaults properties of `configurationOverrides.applicationConfiguration`. */
function readApplicationConfiguration(c: IssueCollector, path: IssuePath, value: unknown, defaults: Map<string, string>, ignored: string[], warn: (p: IssuePath, m: string) => void): void {
  if (!Array.isArray(value)) {
    c.add(path, "invalid-type", `must be a list of {classification, properties} entries, got ${describeValue(value)}`, value);
    return;
  }
  value.forEach((entry: unknown, i) => {
    const at = [...path, i];
    const obj = readObject(c, at, entry, "a map {classification, properties}");
    if (obj === undefined) return;
    checkKeys(c, at, obj, ["classification", "properties", "configurations"]);
    if (obj["classification"] === undefined) {
      c.add([...at, "classification"], "required", `is required (e.g. "${SPARK_DEFAULTS}")`);
      return;
    }
    const classification = readString(c, [...at, "classification"], obj["classification"]);
    if (classification === undefined) return;
    if (classification !== SPARK_DEFAULTS) {
      ignored.push(`${formatPath(at)}: classification ${JSON.stringify(classification)}`);
      return;
    }
    if (obj["configurations"] !== undefined) ignored.push(`${formatPath([...at, "configurations"])}: nested configurations of spark-defaults`);
    if (obj["properties"] === undefined) return;
    const props = readObject(c, [...at, "properties"], obj["properties"], "a map of Spark properties");
    if (props === undefined) return;
    for (const [key, v] of Object.entries(props)) {
      const text = confValueText(v);
      if (text === undefined) {
        c.add([...at, "properties", key], "invalid-type", confValueMessage(v), v);
        continue;
      }
      // SparkSubmitArguments.ignoreNonSparkProperties: the defaults file keeps spark.* only.
      if (!key.startsWith("spark.")) {
        ignored.push(`${formatPath([...at, "properties", key])}: not a Spark property (spark-submit ignores it)`);
        continue;
      }
      setOnce(defaults, key, text, (m) => warn([...at, "properties", key], m));
    }
  });
}

/** The driver's parameters string and where it is; "" when the driver gives none. */
function readJobDriver(c: IssueCollector, path: IssuePath, root: PlainObject): { params: string; at: IssuePath; sql: boolean } | undefined {
  const driver = root["jobDriver"];
  if (driver === undefined) {
    const template = root["jobTemplateId"] === undefined ? "" : " (job templates are not read: copy the template's jobDriver here)";
    c.add(path, "required", `is required: the spark-submit parameters are read from jobDriver.sparkSubmitJobDriver.sparkSubmitParameters${template}`);
    return undefined;
  }
  const obj = readObject(c, path, driver, "a map with sparkSubmitJobDriver (or sparkSqlJobDriver)");
  if (obj === undefined) return undefined;
  checkKeys(c, path, obj, ["sparkSubmitJobDriver", "sparkSqlJobDriver"]);
  const submit = obj["sparkSubmitJobDriver"];
  const sql = obj["sparkSqlJobDriver"];
  if (submit !== undefined && sql !== undefined) {
    c.add(path, "conflicting-keys", "give one of sparkSubmitJobDriver and sparkSqlJobDriver, not both");
    return undefined;
  }
  if (submit === undefined && sql === undefined) {
    c.add([...path, "sparkSubmitJobDriver"], "required", "is required (or sparkSqlJobDriver)");
    return undefined;
  }
  const [key, field, keys] =
    submit !== undefined
      ? (["sparkSubmitJobDriver", "sparkSubmitParameters", ["entryPoint", "entryPointArguments", "sparkSubmitParameters"]] as const)
      : (["sparkSqlJobDriver", "sparkSqlParameters", ["entryPoint", "sparkSqlParameters"]] as const);
  const inner = readObject(c, [...path, key], submit ?? sql, `a map {${keys.join(", ")}}`);
  if (inner === undefined) return undefined;
  checkKeys(c, [...path, key], inner, keys);
  const at = [...path, key, field];
  const params = inner[field];
  if (params === undefined) return { params: "", at, sql: sql !== undefined };
  if (typeof params !== "string") {
    c.add(at, "invalid-type", `must be a string of spark-submit options (e.g. "--conf spark.executor.cores=4"), got ${describeValue(params)}`, params);
    return undefined;
  }
  return { params, at, sql: sql !== undefined };
}

/**
 * Reads a parsed request object. Issues go to `c` under `path` (normally `jobRequest`);
 * returns undefined when there were any.
 */
export function readEmrJobRequest(c: IssueCollector, path: IssuePath, input: unknown, source: string): ParsedJobRequest | undefined {
  const before = c.issues.length;
  const warnings: string[] = [];
  const warn = (p: IssuePath, m: string): void => void warnings.push(`${formatPath(p)}: ${m}`);
  const root = readObject(c, path, input, "an EMR on EKS StartJobRun request (a map with releaseLabel, jobDriver, configurationOverrides)");
  if (root === undefined) return undefined;
  checkKeys(c, path, root, REQUEST_KEYS);

  let releaseLabel: string | undefined;
  let sparkVersion: string | undefined;
  let modelled: string | undefined;
  let unsupported: string | undefined;
  if (root["releaseLabel"] === undefined) warn([...path, "releaseLabel"], "not given; the Spark version comes from the scenario");
  else {
    releaseLabel = readString(c, [...path, "releaseLabel"], root["releaseLabel"]);
    if (releaseLabel !== undefined) {
      const found = sparkVersionOfEmrRelease(releaseLabel);
      if (found.kind === "unknown") warn([...path, "releaseLabel"], `${found.reason}; the Spark version comes from the scenario (sparkVersion, default ${DEFAULT_SPARK_VERSION})`);
      else if (found.kind === "unsupported") unsupported = `${releaseLabel}: ${found.reason}`;
      else {
        sparkVersion = found.sparkVersion;
        if (found.note !== undefined) warn([...path, "releaseLabel"], found.note);
        const parsed = safeParseSparkVersion(found.sparkVersion);
        if (!parsed.success) unsupported = `${releaseLabel} runs Spark ${found.sparkVersion}: ${parsed.error.message}`;
        else modelled = parsed.data.label;
      }
    }
  }

  const ignored: string[] = [];
  const defaults = new Map<string, string>();
  const overrides = root["configurationOverrides"];
  if (overrides !== undefined) {
    const at = [...path, "configurationOverrides"];
    const obj = readObject(c, at, overrides, "a map {applicationConfiguration, monitoringConfiguration}");
    if (obj !== undefined) {
      checkKeys(c, at, obj, ["applicationConfiguration", "monitoringConfiguration"]);
      if (obj["applicationConfiguration"] !== undefined) {
        readApplicationConfiguration(c, [...at, "applicationConfiguration"], obj["applicationConfiguration"], defaults, ignored, warn);
      }
    }
  }

  const driver = readJobDriver(c, [...path, "jobDriver"], root);
  const submitConf = new Map<string, string>();
  const optionConf = new Map<string, string>();
  if (driver !== undefined) {
    const at = driver.at;
    const parsed = parseSparkSubmitParameters(driver.params);
    for (const p of parsed.problems) {
      // spark-sql has options of its own (--hiveconf, -e, -f, ...): not errors there.
      if (driver.sql && p.code === "unknown-option") ignored.push(`${p.value} (spark-sql option)`);
      else c.add(at, p.code, p.message, p.value);
    }
    for (const [key, value] of parsed.conf) {
      // SparkSubmitArguments ignores --conf keys that do not start with "spark.".
      if (!key.startsWith("spark.")) ignored.push(`--conf ${key}=${value} (not a Spark property: spark-submit ignores it)`);
      else setOnce(submitConf, key, value, (m) => warn(at, m));
    }
    for (const [option, key, value] of parsed.properties) {
      const viaConf = submitConf.get(key);
      if (viaConf !== undefined && viaConf !== value) warn(at, `${option} ${value} overrides --conf ${key}=${viaConf} (spark-submit's own option wins)`);
      setOnce(optionConf, key, value, (m) => warn(at, m));
    }
    ignored.push(...parsed.ignored);
  }

  if (c.issues.length > before) return undefined;
  const conf = Object.fromEntries(new Map([...defaults, ...submitConf, ...optionConf]));
  return {
    source,
    ...(releaseLabel === undefined ? {} : { releaseLabel }),
    ...(sparkVersion === undefined ? {} : { sparkVersion }),
    ...(modelled === undefined ? {} : { modelledSparkVersion: modelled }),
    ...(unsupported === undefined ? {} : { unsupportedSparkVersion: unsupported }),
    conf,
    ignored,
    warnings,
  };
}

/** Non-throwing check of a request object (from JSON or YAML already parsed). */
export function validateEmrJobRequest(input: unknown, source = "jobRequest"): JobRequestResult {
  const c = new IssueCollector();
  const request = readEmrJobRequest(c, ["jobRequest"], input, source);
  return request === undefined ? { success: false, error: new ScenarioError(source, c.issues) } : { success: true, data: request };
}

/**
 * Reads request text: the JSON itself, or the shell snippet that writes it
 * (`cat >file.json << EOF` ... `EOF`, as in the EMR on EKS guide). Issues carry line and
 * column in the original text; `file` marks them when the text is not the scenario's own.
 */
export function safeParseEmrJobRequest(text: string, source: string, opts: { file?: string } = {}): JobRequestResult {
  const unwrapped = unwrapHeredoc(text);
  const parsed = parseJsonText(unwrapped.text, { lineOffset: unwrapped.lineOffset, ...opts });
  if (!parsed.ok) return { success: false, error: new ScenarioError(source, parsed.issues) };
  const locate = parsed.locate;
  // Issue paths start with "jobRequest"; the file's own paths do not.
  const c = new IssueCollector(locate === undefined ? undefined : (p) => locate(p.slice(1)), opts.file);
  const request = readEmrJobRequest(c, ["jobRequest"], parsed.value, source);
  if (request === undefined) return { success: false, error: new ScenarioError(source, c.sortedIssues()) };
  return { success: true, data: { ...request, warnings: [...unwrapped.notes.map((n) => `${source}: ${n}`), ...request.warnings] } };
}

/** Like `safeParseEmrJobRequest`, throwing a `ScenarioError` that lists every issue. */
export function parseEmrJobRequest(text: string, source: string): ParsedJobRequest {
  return unwrap(safeParseEmrJobRequest(text, source));
}
