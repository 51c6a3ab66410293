import { type JobSpec, MAX_TOTAL_TASKS, type ResourceProfileSpec, type StageSpec, type StragglerSpec, type UnpersistSpec } from "../../sim/index.js";
import { JOB, STAGE, STRAGGLERS, UNPERSIST, WORKLOAD } from "./format/scenarioFormat.js";
import { integerRule, keysOf, rangeRule, requiredText } from "./format/vocabulary.js";
import { readTaskDurationSpec } from "./durationSpec.js";
import { checkKeys, definedEntries, describeValue, readInteger, readNumberInRange, readObject, readString, required } from "./fieldReaders.js";
import type { IssueCollector, IssuePath } from "./IssueCollector.js";
import { checkStageGraph, type StageEntry } from "./stageGraph.js";
import { checkStageProfiles, readResourceProfiles } from "./readResourceProfiles.js";

// Keys, ranges and required keys come from the format's description (format/scenarioFormat.ts).
export const WORKLOAD_KEYS = keysOf(WORKLOAD);
export const JOB_KEYS = keysOf(JOB);
export const STAGE_KEYS = keysOf(STAGE);
export const UNPERSIST_KEYS = keysOf(UNPERSIST);

const SPARK_ID = integerRule(STAGE, "id");
const TASKS = integerRule(STAGE, "tasks");
const INPUT_REPLICAS = integerRule(STAGE, "inputReplicas");
const MS = integerRule(JOB, "submitAtMs");

const STRAGGLER_KEYS = keysOf(STRAGGLERS);

/** `stage.stragglers`: {fraction, factor}, both required. */
function readStragglers(c: IssueCollector, path: IssuePath, value: unknown): StragglerSpec | undefined {
  const obj = readObject(c, path, value, STRAGGLERS.what);
  if (obj === undefined) return undefined;
  checkKeys(c, path, obj, STRAGGLER_KEYS);
  const read = (key: "fraction" | "factor"): number | undefined => {
    const raw = required(c, obj, path, key, STRAGGLER_KEYS, requiredText(STRAGGLERS, key));
    return raw === undefined ? undefined : readNumberInRange(c, [...path, key], raw, rangeRule(STRAGGLERS, key));
  };
  const fraction = read("fraction");
  const factor = read("factor");
  return fraction === undefined || factor === undefined ? undefined : { fraction, factor };
}

function readStage(c: IssueCollector, path: IssuePath, value: unknown, jobIndex: number): { spec?: StageSpec; entry?: StageEntry } {
  const obj = readObject(c, path, value, STAGE.what);
  if (obj === undefined) return {};
  const before = c.issues.length;
  checkKeys(c, path, obj, STAGE_KEYS, STAGE.hints);
  const rawId = required(c, obj, path, "id", STAGE_KEYS, requiredText(STAGE, "id"));
  const id = rawId === undefined ? undefined : readInteger(c, [...path, "id"], rawId, SPARK_ID);
  const name = obj["name"] === undefined ? undefined : readString(c, [...path, "name"], obj["name"]);
  const rawTasks = required(c, obj, path, "tasks", STAGE_KEYS, requiredText(STAGE, "tasks"));
  const tasks = rawTasks === undefined ? undefined : readInteger(c, [...path, "tasks"], rawTasks, TASKS);
  const rawDuration = required(c, obj, path, "taskDurationMs", STAGE_KEYS, requiredText(STAGE, "taskDurationMs"));
  const taskDurationMs = rawDuration === undefined ? undefined : readTaskDurationSpec(c, [...path, "taskDurationMs"], rawDuration, tasks);

  const parents: { id: number; index: number }[] = [];
  if (obj["parents"] !== undefined) {
    if (!Array.isArray(obj["parents"])) {
      c.add([...path, "parents"], "invalid-type", `must be a list of stage ids (e.g. [0, 1]), got ${describeValue(obj["parents"])}`, obj["parents"]);
    } else {
      obj["parents"].forEach((p: unknown, index) => {
        const pid = readInteger(c, [...path, "parents", index], p, SPARK_ID);
        if (pid !== undefined) parents.push({ id: pid, index });
      });
    }
  }
  const shuffleId = obj["shuffleId"] === undefined ? undefined : readInteger(c, [...path, "shuffleId"], obj["shuffleId"], SPARK_ID);
  const cacheRddId = obj["cacheRddId"] === undefined ? undefined : readInteger(c, [...path, "cacheRddId"], obj["cacheRddId"], SPARK_ID);
  const stragglers = obj["stragglers"] === undefined ? undefined : readStragglers(c, [...path, "stragglers"], obj["stragglers"]);
  const resourceProfile = obj["resourceProfile"] === undefined ? undefined : readString(c, [...path, "resourceProfile"], obj["resourceProfile"]);
  const readsCachedRddId = obj["readsCachedRddId"] === undefined ? undefined : readInteger(c, [...path, "readsCachedRddId"], obj["readsCachedRddId"], SPARK_ID);
  const inputReplicas = obj["inputReplicas"] === undefined ? undefined : readInteger(c, [...path, "inputReplicas"], obj["inputReplicas"], INPUT_REPLICAS);
  const inputHosts = obj["inputHosts"] === undefined ? undefined : readInputHosts(c, [...path, "inputHosts"], obj["inputHosts"]);

  const entry: StageEntry = { jobIndex, path, id, parents, shuffleId, hasShuffleKey: obj["shuffleId"] !== undefined };
  if (c.issues.length > before || id === undefined || tasks === undefined || taskDurationMs === undefined) return { entry };
  const spec = definedEntries<StageSpec>({
    id,
    name,
    tasks,
    taskDurationMs,
    parents: parents.map((p) => p.id),
    shuffleId,
    cacheRddId,
    stragglers,
    resourceProfile,
    readsCachedRddId,
    inputReplicas,
    inputHosts,
  });
  return { spec, entry };
}

/**
 * `inputHosts`: a list (one per task) of lists of host names. A frozen list of good names is
 * kept as it is, not copied: it cannot change, and a replayed workload shares one list per
 * executor among all the tasks that read their input there (a copy per task was ~150 bytes each).
 */
function readInputHosts(c: IssueCollector, path: IssuePath, value: unknown): (readonly string[])[] | undefined {
  if (!Array.isArray(value)) {
    c.add(path, "invalid-type", `must be a list with, per task, a list of host names (e.g. [["node-1"], []]), got ${describeValue(value)}`, value);
    return undefined;
  }
  const out: (readonly string[])[] = [];
  value.forEach((hosts: unknown, i) => {
    if (!Array.isArray(hosts)) {
      c.add([...path, i], "invalid-type", `must be a list of host names (e.g. ["node-1"]), got ${describeValue(hosts)}`, hosts);
      return;
    }
    if (Object.isFrozen(hosts) && hosts.every(isHostName)) out.push(hosts as readonly string[]);
    else out.push(hosts.flatMap((h: unknown, k) => readString(c, [...path, i, k], h) ?? []));
  });
  return out;
}

/** What `readString` accepts without an issue. */
function isHostName(h: unknown): boolean {
  return typeof h === "string" && h.trim() !== "";
}

function readJob(c: IssueCollector, path: IssuePath, value: unknown, jobIndex: number, entries: StageEntry[]): JobSpec | undefined {
  const obj = readObject(c, path, value, JOB.what);
  if (obj === undefined) return undefined;
  const before = c.issues.length;
  checkKeys(c, path, obj, JOB_KEYS, JOB.hints);
  const name = obj["name"] === undefined ? undefined : readString(c, [...path, "name"], obj["name"]);
  if (obj["submitAtMs"] !== undefined && obj["afterPreviousMs"] !== undefined) {
    c.add(path, "conflicting-keys", "give submitAtMs (absolute time from application start) or afterPreviousMs (driver time after the previous job ends), not both");
  }
  const submitAtMs = obj["submitAtMs"] === undefined ? undefined : readInteger(c, [...path, "submitAtMs"], obj["submitAtMs"], MS);
  const afterPreviousMs = obj["afterPreviousMs"] === undefined ? undefined : readInteger(c, [...path, "afterPreviousMs"], obj["afterPreviousMs"], MS);
  const rawStages = required(c, obj, path, "stages", JOB_KEYS, requiredText(JOB, "stages"));
  const stages: StageSpec[] = [];
  if (rawStages !== undefined) {
    if (!Array.isArray(rawStages)) {
      c.add([...path, "stages"], "invalid-type", `must be a list of stages, got ${describeValue(rawStages)}`, rawStages);
    } else if (rawStages.length === 0) {
      c.add([...path, "stages"], "too-small", "must have at least one stage, got an empty list", rawStages);
    } else {
      rawStages.forEach((s: unknown, i) => {
        const r = readStage(c, [...path, "stages", i], s, jobIndex);
        if (r.entry !== undefined) entries.push(r.entry);
        if (r.spec !== undefined) stages.push(r.spec);
      });
    }
  }
  if (c.issues.length > before) return undefined;
  // A copy of the list at its length: pushed one by one, it holds room for 17 (most replayed jobs have one or two stages).
  return definedEntries<JobSpec>({ name, submitAtMs, afterPreviousMs, stages: stages.slice() });
}

function readUnpersist(c: IssueCollector, path: IssuePath, value: unknown): UnpersistSpec[] {
  if (!Array.isArray(value)) {
    c.add(path, "invalid-type", `must be a list of {rddId, atMs}, got ${describeValue(value)}`, value);
    return [];
  }
  const out: UnpersistSpec[] = [];
  value.forEach((u: unknown, i) => {
    const at = [...path, i];
    const obj = readObject(c, at, u, UNPERSIST.what);
    if (obj === undefined) return;
    checkKeys(c, at, obj, UNPERSIST_KEYS);
    const rawRdd = required(c, obj, at, "rddId", UNPERSIST_KEYS, requiredText(UNPERSIST, "rddId"));
    const rawAt = required(c, obj, at, "atMs", UNPERSIST_KEYS, requiredText(UNPERSIST, "atMs"));
    const rddId = rawRdd === undefined ? undefined : readInteger(c, [...at, "rddId"], rawRdd, SPARK_ID);
    const atMs = rawAt === undefined ? undefined : readInteger(c, [...at, "atMs"], rawAt, MS);
    if (rddId !== undefined && atMs !== undefined) out.push({ rddId, atMs });
  });
  return out;
}

/** `workload`: jobs (at least one) and unpersist calls, with the cross-stage checks. */
export function readWorkload(
  c: IssueCollector,
  path: IssuePath,
  value: unknown,
): { jobs: JobSpec[]; unpersist: UnpersistSpec[]; resourceProfiles?: ResourceProfileSpec[]; endAfterLastJobMs?: number } | undefined {
  const obj = readObject(c, path, value, WORKLOAD.what);
  if (obj === undefined) return undefined;
  const before = c.issues.length;
  checkKeys(c, path, obj, WORKLOAD_KEYS, WORKLOAD.hints);
  const jobs: JobSpec[] = [];
  const entries: StageEntry[] = [];
  const rawJobs = required(c, obj, path, "jobs", WORKLOAD_KEYS, requiredText(WORKLOAD, "jobs"));
  if (rawJobs !== undefined) {
    if (!Array.isArray(rawJobs)) c.add([...path, "jobs"], "invalid-type", `must be a list of jobs, got ${describeValue(rawJobs)}`, rawJobs);
    else if (rawJobs.length === 0) c.add([...path, "jobs"], "too-small", "must have at least one job, got an empty list", rawJobs);
    else {
      rawJobs.forEach((j: unknown, i) => {
        const job = readJob(c, [...path, "jobs", i], j, i, entries);
        if (job !== undefined) jobs.push(job);
      });
    }
  }
  checkStageGraph(c, entries);
  const totalTasks = jobs.reduce((n, j) => j.stages.reduce((m, s) => m + s.tasks, n), 0);
  if (totalTasks > MAX_TOTAL_TASKS) {
    c.add([...path, "jobs"], "over-limit", `the stages hold ${totalTasks} tasks in all; the simulator handles at most ${MAX_TOTAL_TASKS} tasks per scenario (see README "Limits"): simulate a sample of the workload, with fewer, longer tasks`);
  }
  const unpersist = obj["unpersist"] === undefined ? [] : readUnpersist(c, [...path, "unpersist"], obj["unpersist"]);
  const cached = new Set(jobs.flatMap((j) => j.stages.flatMap((s) => (s.cacheRddId === undefined ? [] : [s.cacheRddId]))));
  jobs.forEach((j, i) =>
    j.stages.forEach((s, k) => {
      if (s.readsCachedRddId !== undefined && !cached.has(s.readsCachedRddId)) {
        c.warn([...path, "jobs", i, "stages", k, "readsCachedRddId"], `no stage caches RDD ${s.readsCachedRddId} (no stage has cacheRddId: ${s.readsCachedRddId}), so its tasks have no cached partition to prefer`);
      }
    }),
  );
  unpersist.forEach((u, i) => {
    if (!cached.has(u.rddId)) c.warn([...path, "unpersist", i, "rddId"], `no stage caches RDD ${u.rddId} (no stage has cacheRddId: ${u.rddId}), so this unpersist changes nothing`);
  });
  // Driver time after the last job (writing results, spark.stop()): the application ends then.
  const tail = obj["endAfterLastJobMs"] === undefined ? undefined : readInteger(c, [...path, "endAfterLastJobMs"], obj["endAfterLastJobMs"], MS);
  const profiles = obj["resourceProfiles"] === undefined ? undefined : readResourceProfiles(c, [...path, "resourceProfiles"], obj["resourceProfiles"]);
  checkStageProfiles(c, path, jobs, profiles ?? []);
  if (c.issues.length > before) return undefined;
  return { jobs, unpersist, ...(profiles === undefined ? {} : { resourceProfiles: profiles }), ...(tail === undefined ? {} : { endAfterLastJobMs: tail }) };
}
