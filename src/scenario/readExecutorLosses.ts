import { EXECUTOR_LOSS_CAUSES, type ExecutorLossCause, type ExecutorLossSpec } from "../../sim/index.js";
import { EXECUTOR_LOSS, LOSS_FORMS } from "./format/scenarioFormat.js";
import { integerRule, keysOf } from "./format/vocabulary.js";
import { checkKeys, describeValue, readInteger, readObject, readString, type PlainObject } from "./fieldReaders.js";
import type { IssueCollector, IssuePath } from "./IssueCollector.js";

// Keys and ranges come from the format's description (format/scenarioFormat.ts); the rule
// that picks one of the four forms is code here and a oneOf there.
export const EXECUTOR_LOSS_KEYS = keysOf(EXECUTOR_LOSS);

const MS = integerRule(EXECUTOR_LOSS, "atMs");
const FORMS = LOSS_FORMS;

/** `cluster.executorLosses`: a list of losses, each in one of four forms (see `ExecutorLossSpec`). */
export function readExecutorLosses(c: IssueCollector, path: IssuePath, value: unknown): ExecutorLossSpec[] {
  if (!Array.isArray(value)) {
    c.add(path, "invalid-type", `must be a list of losses (${FORMS}), got ${describeValue(value)}`, value);
    return [];
  }
  const out: ExecutorLossSpec[] = [];
  value.forEach((raw: unknown, i) => {
    const at = [...path, i];
    const obj = readObject(c, at, raw, EXECUTOR_LOSS.what);
    if (obj === undefined) return;
    const before = c.issues.length;
    checkKeys(c, at, obj, EXECUTOR_LOSS_KEYS);
    // One typo, one issue: a misspelt key is not also reported as a missing form.
    if (c.issues.length > before) return;
    const spec = readOne(c, at, obj);
    const noticeMs = obj["noticeMs"] === undefined ? undefined : readInteger(c, [...at, "noticeMs"], obj["noticeMs"], MS);
    if (spec !== undefined && (obj["noticeMs"] === undefined || noticeMs !== undefined)) out.push(noticeMs === undefined || noticeMs === 0 ? spec : { ...spec, noticeMs });
  });
  return out;
}

function readOne(c: IssueCollector, at: IssuePath, obj: PlainObject): ExecutorLossSpec | undefined {
  const has = (k: string): boolean => obj[k] !== undefined;
  const cause = readCause(c, at, obj["cause"]);
  const forms = [has("executorId") && (has("atMs") || has("afterAddedMs")), has("count"), has("ratePerExecutorHour")].filter(Boolean).length;
  const mixed = (has("count") && (has("executorId") || has("afterAddedMs"))) || (has("ratePerExecutorHour") && (has("atMs") || has("executorId") || has("count")));
  if (forms !== 1 || mixed) {
    c.add(at, "invalid-value", `must be ${FORMS}; got keys ${Object.keys(obj).join(", ") || "none"}`, obj);
    return undefined;
  }
  if (has("ratePerExecutorHour")) {
    const rate = obj["ratePerExecutorHour"];
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) {
      c.add([...at, "ratePerExecutorHour"], "invalid-value", `must be a number > 0 (expected losses per executor per hour), got ${describeValue(rate)}`, rate);
      return undefined;
    }
    const fromMs = has("fromMs") ? readInteger(c, [...at, "fromMs"], obj["fromMs"], MS) : undefined;
    const untilMs = has("untilMs") ? readInteger(c, [...at, "untilMs"], obj["untilMs"], MS) : undefined;
    if ((has("fromMs") && fromMs === undefined) || (has("untilMs") && untilMs === undefined) || cause === undefined) return undefined;
    if (untilMs !== undefined && untilMs <= (fromMs ?? 0)) {
      c.add([...at, "untilMs"], "invalid-value", `must be after fromMs (${fromMs ?? 0}), got ${untilMs}`, untilMs);
      return undefined;
    }
    return { ratePerExecutorHour: rate, ...(fromMs === undefined ? {} : { fromMs }), ...(untilMs === undefined ? {} : { untilMs }), cause };
  }
  for (const k of ["fromMs", "untilMs"]) if (has(k)) c.add([...at, k], "invalid-value", `${k} goes with ratePerExecutorHour only`, obj[k]);
  if (has("count")) {
    const count = readInteger(c, [...at, "count"], obj["count"], integerRule(EXECUTOR_LOSS, "count"));
    const atMs = has("atMs") ? readInteger(c, [...at, "atMs"], obj["atMs"], MS) : missing(c, at, "atMs");
    if (count === undefined || atMs === undefined || cause === undefined) return undefined;
    return { atMs, count, cause };
  }
  const executorId = readString(c, [...at, "executorId"], obj["executorId"]);
  if (executorId !== undefined && !/^[1-9]\d*$/.test(executorId)) {
    c.add([...at, "executorId"], "invalid-value", `must be an executor id as Spark numbers them ("1", "2", ... in request order), got ${describeValue(executorId)}`, executorId);
    return undefined;
  }
  if (has("afterAddedMs")) {
    const afterAddedMs = readInteger(c, [...at, "afterAddedMs"], obj["afterAddedMs"], MS);
    const atMs = has("atMs") ? readInteger(c, [...at, "atMs"], obj["atMs"], MS) : undefined;
    if (executorId === undefined || afterAddedMs === undefined || (has("atMs") && atMs === undefined) || cause === undefined) return undefined;
    return atMs === undefined ? { afterAddedMs, executorId, cause } : { afterAddedMs, atMs, executorId, cause };
  }
  const atMs = readInteger(c, [...at, "atMs"], obj["atMs"], MS);
  if (executorId === undefined || atMs === undefined || cause === undefined) return undefined;
  return { atMs, executorId, cause };
}

function missing(c: IssueCollector, at: IssuePath, key: string): undefined {
  c.add([...at, key], "required", "is required with count: when the executors are lost, in ms from application start");
  return undefined;
}

function readCause(c: IssueCollector, at: IssuePath, value: unknown): ExecutorLossCause | undefined {
  if (value === undefined) return "interruption";
  if (typeof value === "string" && (EXECUTOR_LOSS_CAUSES as readonly string[]).includes(value)) return value as ExecutorLossCause;
  c.add([...at, "cause"], "invalid-value", `must be one of ${EXECUTOR_LOSS_CAUSES.join(", ")}, got ${describeValue(value)}`, value);
  return undefined;
}
