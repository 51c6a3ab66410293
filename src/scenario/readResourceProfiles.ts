import type { JobSpec, ResourceProfileSpec } from "../../sim/index.js";
import { RESOURCE_PROFILE } from "./format/scenarioFormat.js";
import { integerRule, keysOf, requiredText } from "./format/vocabulary.js";
import { checkKeys, describeValue, readInteger, readObject, readString, required } from "./fieldReaders.js";
import type { IssueCollector, IssuePath } from "./IssueCollector.js";
import { readDurationSpec } from "./durationSpec.js";
import { suggest } from "../../sim/index.js";

export const RESOURCE_PROFILE_KEYS = keysOf(RESOURCE_PROFILE);
const INTEGER_KEYS = ["executorCores", "executorMemoryMiB", "executorMemoryOverheadMiB", "executorGpus", "taskCpus"] as const;

function readTaskGpus(c: IssueCollector, path: IssuePath, value: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    c.add(path, "invalid-value", `must be a number > 0 (GPUs per task; a fraction <= 0.5 shares a GPU), got ${describeValue(value)}`, value);
    return undefined;
  }
  // Spark: a fraction above 0.5 must be a whole number (`calculateAmountAndPartsForFraction`).
  if (value > 0.5 && !Number.isInteger(value)) {
    c.add(path, "invalid-value", `must be a whole number or a fraction <= 0.5 (as Spark requires of resource amounts), got ${value}`, value);
    return undefined;
  }
  return value;
}

function readProfile(c: IssueCollector, path: IssuePath, value: unknown): ResourceProfileSpec | undefined {
  const obj = readObject(c, path, value, RESOURCE_PROFILE.what);
  if (obj === undefined) return undefined;
  const before = c.issues.length;
  checkKeys(c, path, obj, RESOURCE_PROFILE_KEYS);
  const rawName = required(c, obj, path, "name", RESOURCE_PROFILE_KEYS, requiredText(RESOURCE_PROFILE, "name"));
  const name = rawName === undefined ? undefined : readString(c, [...path, "name"], rawName);
  const out: Record<string, number> = {};
  for (const key of INTEGER_KEYS) {
    if (obj[key] === undefined) continue;
    const n = readInteger(c, [...path, key], obj[key], integerRule(RESOURCE_PROFILE, key));
    if (n !== undefined) out[key] = n;
  }
  if (obj["taskGpus"] !== undefined) {
    const g = readTaskGpus(c, [...path, "taskGpus"], obj["taskGpus"]);
    if (g !== undefined) out["taskGpus"] = g;
  }
  const startup = obj["executorStartupMs"] === undefined ? undefined : readDurationSpec(c, [...path, "executorStartupMs"], obj["executorStartupMs"], { per: "executor" });
  if (c.issues.length > before || name === undefined) return undefined;
  return { name, ...out, ...(startup === undefined ? {} : { executorStartupMs: startup }) };
}

/** `workload.resourceProfiles`: a list of profiles with unique names. */
export function readResourceProfiles(c: IssueCollector, path: IssuePath, value: unknown): ResourceProfileSpec[] {
  if (!Array.isArray(value)) {
    c.add(path, "invalid-type", `must be a list of ${RESOURCE_PROFILE.what}, got ${describeValue(value)}`, value);
    return [];
  }
  const out: ResourceProfileSpec[] = [];
  value.forEach((v: unknown, i) => {
    const rp = readProfile(c, [...path, i], v);
    if (rp === undefined) return;
    if (out.some((o) => o.name === rp.name)) c.add([...path, i, "name"], "duplicate-profile", `profile name "${rp.name}" is already used by an earlier profile: names must be unique`, rp.name);
    else out.push(rp);
  });
  return out;
}

/** Every stage's `resourceProfile` names a listed profile. */
export function checkStageProfiles(c: IssueCollector, path: IssuePath, jobs: readonly JobSpec[], profiles: readonly ResourceProfileSpec[]): void {
  const names = profiles.map((p) => p.name);
  jobs.forEach((job, j) =>
    job.stages.forEach((stage, s) => {
      const name = stage.resourceProfile;
      if (name === undefined || names.includes(name)) return;
      const hint = suggest(name, names);
      const known = names.length === 0 ? "workload.resourceProfiles lists none" : `known: ${names.join(", ")}`;
      c.add([...path, "jobs", j, "stages", s, "resourceProfile"], "unknown-profile", `no resource profile is named "${name}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; ${known}`, name);
    }),
  );
}
