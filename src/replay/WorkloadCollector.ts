import {
  type SparkEvent,
  type SparkListenerJobStart,
  type SparkListenerResourceProfileAdded,
  type SparkListenerStageSubmitted,
  isCachedStorageLevel,
} from "../eventlog/index.js";
import { ExecutorIds } from "./ExecutorIds.js";
import { DurationPool } from "./DurationPool.js";
import { DroppedTally, StageRecord } from "./StageRecord.js";

/** One logged job, in the order JobStart events appear. */
export interface JobRecord {
  readonly jobId: number;
  /** Position in the log's job order. */
  readonly ordinal: number;
  readonly startEpochMs: number | undefined;
  endEpochMs: number | undefined;
  readonly description: string | undefined;
  /** Stages this job submitted first, in submission order (a copy at its length once the job ends). */
  stages: StageRecord[];
}

interface ActiveJob {
  readonly record: JobRecord;
  /** `Stage IDs` of its JobStart: the stages it may submit (dropped when the job ends). */
  readonly stageIds: ReadonlySet<number>;
}

/**
 * The streaming half of workload extraction: fed the typed events in log order, it keeps
 * only what the scenario needs (one record per job and per submitted stage, task durations
 * in typed arrays) and per-job state while the job is active. Memory follows the number of
 * stages and of tasks the log shows (8 bytes a task), not the size of the log.
 */
export class WorkloadCollector {
  appName = "";
  appId: string | undefined;
  loggedSparkVersion: string | undefined;
  properties: ReadonlyMap<string, string> | undefined;
  readonly resourceProfileIds = new Set<number>();
  /** `SparkListenerResourceProfileAdded` by profile id (the first of each). */
  readonly resourceProfiles = new Map<number, SparkListenerResourceProfileAdded>();
  readonly jobs: JobRecord[] = [];
  /** Submitted stages by id, in submission order. */
  readonly stages = new Map<number, StageRecord>();
  /** JobStart `Parent IDs` per stage, for stages whose StageSubmitted has none. */
  readonly jobStartParents = new Map<number, readonly number[]>();
  /** TaskEnds whose finish time is before their launch by more than clock skew explains (replay sanity). */
  tasksFinishedBeforeLaunch = 0;
  /**
   * Jobs, stages and tasks logged before ApplicationStart: a log out of order (reversed or
   * reordered). Events after ApplicationEnd are not counted: Spark's asynchronous listener bus
   * writes a few there (TaskEnd, JobEnd) in real logs.
   */
  eventsOutOfOrder = 0;
  private started = false;
  /** UnpersistRDD carries no time: it is placed at the latest time seen before it. */
  readonly unpersists: { readonly rddId: number; readonly epochMs: number }[] = [];
  readonly dropped = new DroppedTally();
  /** The executors of NODE_LOCAL tasks, by the number a stage keeps per task. */
  readonly executorIds = new ExecutorIds();
  /** The first-attempt durations of the stages (most of them), which the scenario then shares. */
  private readonly durationPool = new DurationPool();
  stageAttempts = 0;
  taskEnds = 0;
  taskEndsOfUnknownStages = 0;
  speculativeTaskStarts = 0;
  /** The latest event time seen so far (epoch ms), as last given to `add`. */
  latestEpochMs = -Infinity;
  private readonly active: ActiveJob[] = [];
  /** One string per distinct stage name and job description: a log repeats them job after job. */
  private readonly texts = new Map<string, string>();

  /** First stage submitted in the log (its time may come only with StageCompleted). */
  get firstStage(): StageRecord | undefined {
    return this.stages.values().next().value;
  }

  /**
   * `latestEpochMs`: the latest event time seen so far, this event's included (the running
   * maximum of `latestTimestampMs`, which `ExecutorObserver` keeps in the same pass).
   */
  add(event: SparkEvent, latestEpochMs: number): void {
    this.latestEpochMs = latestEpochMs;
    if (!this.started && /^SparkListener(Job|Stage|Task)/.test(event.event)) this.eventsOutOfOrder++;
    if (event.event === "SparkListenerApplicationStart") this.started = true;
    switch (event.event) {
      case "SparkListenerLogStart":
        this.loggedSparkVersion ??= event.sparkVersion;
        return;
      case "SparkListenerApplicationStart":
        if (this.appName === "") this.appName = event.appName;
        this.appId ??= event.appId;
        return;
      case "SparkListenerEnvironmentUpdate":
        this.properties ??= event.sparkProperties;
        return;
      case "SparkListenerResourceProfileAdded":
        this.resourceProfileIds.add(event.resourceProfileId);
        if (!this.resourceProfiles.has(event.resourceProfileId)) this.resourceProfiles.set(event.resourceProfileId, event);
        return;
      case "SparkListenerJobStart":
        this.jobStarted(event);
        return;
      case "SparkListenerJobEnd": {
        const i = this.active.findIndex((a) => a.record.jobId === event.jobId);
        const job = i >= 0 ? this.active.splice(i, 1)[0]!.record : this.jobs.find((j) => j.jobId === event.jobId);
        if (job !== undefined) {
          job.endEpochMs = event.completionTimeMs;
          // Pushed one by one, the list holds room for 17 stages (152 bytes); most jobs have one or two.
          job.stages = job.stages.slice();
        }
        return;
      }
      case "SparkListenerStageSubmitted":
        this.stageSubmitted(event);
        return;
      case "SparkListenerStageCompleted": {
        const stage = this.stages.get(event.stageInfo.stageId);
        if (stage === undefined) return;
        // 1.2-2.2 logs put the submission time only here (eventlog-format.md §3).
        stage.submittedEpochMs ??= event.stageInfo.submissionTimeMs;
        const done = event.stageInfo.completionTimeMs;
        if (done !== undefined) stage.completedEpochMs = Math.max(done, stage.completedEpochMs ?? -Infinity);
        return;
      }
      case "SparkListenerTaskStart":
        if (event.task.speculative) this.speculativeTaskStarts++;
        return;
      case "SparkListenerTaskEnd": {
        this.taskEnds++;
        const stage = this.stages.get(event.stageId);
        if (stage === undefined) {
          this.taskEndsOfUnknownStages++;
          return;
        }
        if (event.taskType === "ShuffleMapTask") stage.writesShuffle = true;
        // Clock skew between hosts can make a very short task negative: durations are >= 0.
        // More than a second negative is no skew: counted, and reported by the replay's checks.
        if (event.task.finishTimeMs - event.task.launchTimeMs < -1000) this.tasksFinishedBeforeLaunch++;
        const durationMs = Math.max(0, Math.round(event.task.finishTimeMs - event.task.launchTimeMs));
        const nodeLocalOn = event.task.locality === "NODE_LOCAL" ? this.executorIds.numberOf(event.task.executorId) : -1;
        stage.taskEnded(event.stageAttemptId, event.task.index, event.reason, durationMs, event.task.speculative, this.dropped, nodeLocalOn);
        return;
      }
      case "SparkListenerUnpersistRDD":
        this.unpersists.push({ rddId: event.rddId, epochMs: this.latestEpochMs });
        return;
      case "SparkListenerApplicationEnd":
      case "SparkListenerExecutorAdded":
      case "SparkListenerExecutorRemoved":
      case "SparkListenerBlockManagerAdded":
      case "SparkListenerBlockManagerRemoved":
      case "SparkListenerBlockUpdated":
        // Executors are observed by ExecutorObserver in the same pass.
        return;
    }
  }

  private jobStarted(event: SparkListenerJobStart): void {
    const record: JobRecord = {
      jobId: event.jobId,
      ordinal: this.jobs.length,
      startEpochMs: event.submissionTimeMs,
      endEpochMs: undefined,
      description: event.jobDescription === undefined ? undefined : this.shared(event.jobDescription),
      stages: [],
    };
    this.jobs.push(record);
    this.active.push({ record, stageIds: new Set(event.stageIds) });
    for (const info of event.stageInfos) {
      if (info.parentIds.length > 0 && !this.jobStartParents.has(info.stageId)) this.jobStartParents.set(info.stageId, info.parentIds);
    }
  }

  private stageSubmitted(event: SparkListenerStageSubmitted): void {
    this.stageAttempts++;
    const info = event.stageInfo;
    // Already submitted: a retry (Stage Attempt ID > 0), or resubmitted after lost map output.
    if (this.stages.has(info.stageId)) return;
    const owner = this.ownerOf(info.stageId);
    const cached = info.rddInfos.find((r) => isCachedStorageLevel(r.storageLevel));
    const stage = new StageRecord(info, owner.ordinal, cached?.rddId, event, this.shared(info.name), this.durationPool);
    this.stages.set(stage.id, stage);
    owner.stages.push(stage);
  }

  private shared(text: string): string {
    const kept = this.texts.get(text);
    if (kept !== undefined) return kept;
    this.texts.set(text, text);
    return text;
  }

  /**
   * The job that submitted a stage: among the active jobs whose JobStart lists it, the
   * earliest (a stage is created by the first job that needs it and reused by later ones;
   * FIFO scheduling runs the earlier job's stages first). Falls back to the latest active
   * job, then to the latest job, then to a placeholder job for a log that starts mid-job.
   */
  private ownerOf(stageId: number): JobRecord {
    const listed = this.active.find((a) => a.stageIds.has(stageId));
    if (listed !== undefined) return listed.record;
    const latest = this.active[this.active.length - 1]?.record ?? this.jobs[this.jobs.length - 1];
    if (latest !== undefined) return latest;
    const placeholder: JobRecord = { jobId: -1, ordinal: 0, startEpochMs: undefined, endEpochMs: undefined, description: "stages before any JobStart", stages: [] };
    this.jobs.push(placeholder);
    return placeholder;
  }
}
