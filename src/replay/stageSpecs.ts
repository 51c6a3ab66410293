import type { StageSpec } from "../../sim/index.js";
import type { TaskTime } from "./ExtractionNotes.js";
import type { ExecutorIds } from "./ExecutorIds.js";
import { MAX_UNSEEN_TASKS, type StageRecord } from "./StageRecord.js";
import type { JobRecord, WorkloadCollector } from "./WorkloadCollector.js";

/** A logged job that ran at least one stage, with its stages as the scenario has them. */
export interface ExtractedJob {
  readonly record: JobRecord;
  readonly stages: readonly StageSpec[];
}

export interface StageGraphResult {
  readonly jobs: readonly ExtractedJob[];
  readonly jobsWithoutStages: number;
  readonly tasksFromLaterAttempt: number;
  readonly tasksWithMeanDuration: number;
  readonly parentsNeverRun: number;
  readonly unusedLaterAttempts: TaskTime;
  readonly messages: readonly string[];
}

/**
 * The scenario's stages, job by job. Parents come from StageSubmitted `Parent IDs` (else the
 * JobStart's Stage Infos). A parent that never ran anywhere in the log is dropped: its data
 * came from elsewhere (a reused exchange, a checkpoint). A parent submitted by an earlier job
 * is kept: the later job then skips it and reads its shuffle, as Spark did. Every parent, and
 * every stage that ran ShuffleMapTasks, writes a shuffle whose id is its stage id (the log has
 * no shuffle ids; one shuffle per map stage).
 */
export function buildStageSpecs(collector: WorkloadCollector): StageGraphResult {
  const messages: string[] = [];
  for (const s of collector.stages.values()) {
    if (s.taskCount < s.numTasks) messages.push(cappedStageMessage(s));
  }
  // Spark submits a stage of 0 tasks and completes it at once; the model has no such stage.
  const declaredEmpty = [...collector.stages.values()].filter((s) => s.numTasks === 0).length;
  const empty = new Set([...collector.stages.values()].filter((s) => s.taskCount === 0).map((s) => s.id));
  if (declaredEmpty > 0) messages.push(`${declaredEmpty} stage(s) with 0 tasks were left out (Spark completes them without running anything)`);

  const chained = lacksParentInfo(collector);
  if (chained) {
    messages.push("the log has no stage parent information (an early 1.x log): the stages of each job are chained in submission order");
  }
  let parentsNeverRun = 0;
  let parentsInLaterJob = 0;
  const parentsOf = new Map<StageRecord, number[]>();
  for (const job of collector.jobs) {
    const stages = job.stages.filter((s) => !empty.has(s.id));
    stages.forEach((stage, i) => {
      const logged = chained ? (i > 0 ? [stages[i - 1]!.id] : []) : stage.parentIds.length > 0 ? stage.parentIds : (collector.jobStartParents.get(stage.id) ?? []);
      const kept: number[] = [];
      for (const id of logged) {
        const parent = collector.stages.get(id);
        if (parent === undefined) {
          parentsNeverRun++;
          continue;
        }
        if (empty.has(id) || id === stage.id || kept.includes(id)) continue;
        // Cannot happen with Spark's own ordering; a scenario parent must not be in a later job.
        if (parent.jobOrdinal > stage.jobOrdinal) {
          parentsInLaterJob++;
          continue;
        }
        kept.push(id);
      }
      parentsOf.set(stage, kept);
    });
  }
  if (parentsInLaterJob > 0) messages.push(`${parentsInLaterJob} parent link(s) to a stage of a later job were dropped (inconsistent log)`);

  const writers = new Set<number>();
  for (const parents of parentsOf.values()) for (const id of parents) writers.add(id);
  for (const stage of parentsOf.keys()) if (stage.writesShuffle) writers.add(stage.id);

  const jobs: ExtractedJob[] = [];
  let jobsWithoutStages = 0;
  let tasksFromLaterAttempt = 0;
  let tasksWithMeanDuration = 0;
  const unusedLater = { count: 0, taskMs: 0 };
  const hostLists = new HostLists(collector.executorIds);
  for (const record of collector.jobs) {
    const stages: StageSpec[] = [];
    for (const stage of record.stages) {
      const parents = parentsOf.get(stage);
      if (parents === undefined) continue;
      const d = stage.durations();
      tasksFromLaterAttempt += d.fromLaterAttempt;
      tasksWithMeanDuration += d.fromMean;
      unusedLater.count += d.unusedLater.count;
      unusedLater.taskMs += d.unusedLater.taskMs;
      stages.push({
        id: stage.id,
        ...(stage.name === "" ? {} : { name: stage.name }),
        tasks: stage.taskCount,
        taskDurationMs: d.durationsMs,
        parents,
        ...(writers.has(stage.id) ? { shuffleId: stage.id } : {}),
        ...(stage.cacheRddId === undefined ? {} : { cacheRddId: stage.cacheRddId }),
        ...inputHostsOf(stage, parents, hostLists),
      });
    }
    if (stages.length === 0) jobsWithoutStages++;
    else jobs.push({ record, stages });
  }
  if (parentsNeverRun > 0) {
    messages.push(`${parentsNeverRun} parent stage(s) never ran in the log (their data came from elsewhere, e.g. a reused exchange) and were dropped from the parent lists`);
  }
  return { jobs, jobsWithoutStages, tasksFromLaterAttempt, tasksWithMeanDuration, parentsNeverRun, unusedLaterAttempts: unusedLater, messages };
}

/**
 * A stage without parents whose tasks ran NODE_LOCAL in the log read input stored on a host
 * (HDFS): each such task's input is taken to be on the host of the executor that ran it, which
 * in a replay (no cluster.nodes: one host per executor) is "host-<executor id>".
 */
function inputHostsOf(stage: StageRecord, parents: readonly number[], hostLists: HostLists): { inputHosts?: (readonly string[])[] } {
  const last = stage.nodeLocalTasks - 1;
  if (parents.length > 0 || last < 0) return {};
  const hosts: (readonly string[])[] = [];
  for (let i = 0; i <= last && i < stage.taskCount; i++) hosts.push(hostLists.of(stage.nodeLocalExecutorOf(i)));
  return { inputHosts: hosts };
}

/** One frozen host list per executor, shared by every task that read its input there (not a list and a string per task). */
class HostLists {
  private static readonly NONE: readonly string[] = Object.freeze([]);
  private readonly byExecutor = new Map<number, readonly string[]>();

  constructor(private readonly executorIds: ExecutorIds) {}

  /** The list of executor number `executor` (`ExecutorIds`); none for -1. */
  of(executor: number): readonly string[] {
    if (executor < 0) return HostLists.NONE;
    let list = this.byExecutor.get(executor);
    if (list === undefined) this.byExecutor.set(executor, (list = Object.freeze([`host-${this.executorIds.idOf(executor)}`])));
    return list;
  }
}

/**
 * Early logs (1.2, and the 1.4 snapshot here) have no `Parent IDs` at all. Detected as: no stage anywhere has a parent
 * although some job ran several stages (every multi-stage job has a shuffle boundary).
 */
function lacksParentInfo(collector: WorkloadCollector): boolean {
  if (collector.jobStartParents.size > 0) return false;
  for (const s of collector.stages.values()) if (s.parentIds.length > 0) return false;
  return collector.jobs.some((j) => j.stages.length > 1);
}

/** A stage whose declared task count is far beyond what the log shows (see `StageRecord.taskCount`). */
function cappedStageMessage(s: StageRecord): string {
  const where = s.declaredAt === undefined ? "" : ` (${s.declaredAt.part} line ${s.declaredAt.line})`;
  const kept = s.tasksSeen === 0 ? "it is left out (no task of it finished in the log)" : `it is simulated with ${s.tasksSeen}, up to the highest task index the log shows`;
  return (
    `stage ${s.id} declares ${s.numTasks} tasks${where} but the log shows a duration for at most ${s.tasksSeen} of them: ` +
    `over ${MAX_UNSEEN_TASKS} tasks would get an invented duration, so the count is taken as corrupt and ${kept}`
  );
}
