import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Epoch ms of application start in synthetic logs. */
export const T0 = 1_700_000_000_000;

type Json = Record<string, unknown>;

const NO_CACHE = { "Use Disk": false, "Use Memory": false, Deserialized: false, Replication: 1 };
const MEMORY = { "Use Disk": false, "Use Memory": true, Deserialized: true, Replication: 1 };

export interface SyntheticStage {
  readonly id: number;
  readonly tasks: number;
  readonly parents?: readonly number[];
  readonly cachedRddId?: number;
}

/**
 * Writes small Spark event logs line by line, in Spark's own JSON (as 3.x writes it), so
 * tests go through the real reader. Times are ms from application start.
 */
export class SyntheticLog {
  readonly lines: Json[] = [];
  private taskId = 0;

  /** `version` null: no SparkListenerLogStart, as in Spark 1.2 logs. */
  start(props: Record<string, string>, version: string | null = "3.3.1"): this {
    if (version !== null) this.lines.push({ Event: "SparkListenerLogStart", "Spark Version": version });
    this.lines.push({ Event: "SparkListenerApplicationStart", "App Name": "synthetic", "App ID": "app-1", Timestamp: T0, User: "test" });
    this.lines.push({ Event: "SparkListenerEnvironmentUpdate", "Spark Properties": props });
    return this;
  }

  executor(id: string, atMs: number, cores = 1): this {
    this.lines.push({ Event: "SparkListenerExecutorAdded", Timestamp: T0 + atMs, "Executor ID": id, "Executor Info": { Host: `host-${id}`, "Total Cores": cores } });
    return this;
  }

  removeExecutor(id: string, atMs: number, reason = "Executor killed by driver."): this {
    this.lines.push({ Event: "SparkListenerExecutorRemoved", Timestamp: T0 + atMs, "Executor ID": id, "Removed Reason": reason });
    return this;
  }

  private stageInfo(s: SyntheticStage, attempt: number, submittedMs: number | undefined): Json {
    return {
      "Stage ID": s.id,
      "Stage Attempt ID": attempt,
      "Stage Name": `stage ${s.id}`,
      "Number of Tasks": s.tasks,
      "RDD Info": [{ "RDD ID": s.cachedRddId ?? 100 + s.id, Name: "rdd", "Storage Level": s.cachedRddId === undefined ? NO_CACHE : MEMORY }],
      "Parent IDs": s.parents ?? [],
      ...(submittedMs === undefined ? {} : { "Submission Time": T0 + submittedMs }),
    };
  }

  jobStart(jobId: number, atMs: number, stages: readonly SyntheticStage[]): this {
    this.lines.push({
      Event: "SparkListenerJobStart",
      "Job ID": jobId,
      "Submission Time": T0 + atMs,
      "Stage Infos": stages.map((s) => this.stageInfo(s, 0, undefined)),
      "Stage IDs": stages.map((s) => s.id),
    });
    return this;
  }

  stageSubmitted(s: SyntheticStage, atMs: number, attempt = 0): this {
    this.lines.push({ Event: "SparkListenerStageSubmitted", "Stage Info": this.stageInfo(s, attempt, atMs) });
    return this;
  }

  stageCompleted(s: SyntheticStage, submittedMs: number, atMs: number, attempt = 0): this {
    this.lines.push({ Event: "SparkListenerStageCompleted", "Stage Info": { ...this.stageInfo(s, attempt, submittedMs), "Completion Time": T0 + atMs } });
    return this;
  }

  /** A TaskStart and its TaskEnd. */
  task(
    stageId: number,
    index: number,
    executorId: string,
    launchMs: number,
    finishMs: number,
    opts: { reason?: string; attempt?: number; stageAttempt?: number; speculative?: boolean; shuffleMap?: boolean; locality?: string } = {},
  ): this {
    const info = {
      "Task ID": this.taskId++,
      Index: index,
      Attempt: opts.attempt ?? 0,
      "Launch Time": T0 + launchMs,
      "Executor ID": executorId,
      Host: `host-${executorId}`,
      Locality: opts.locality ?? "PROCESS_LOCAL",
      Speculative: opts.speculative ?? false,
      "Getting Result Time": 0,
      Failed: (opts.reason ?? "Success") !== "Success" && opts.reason !== "TaskKilled",
      Killed: opts.reason === "TaskKilled",
    };
    const stageAttempt = opts.stageAttempt ?? 0;
    this.lines.push({ Event: "SparkListenerTaskStart", "Stage ID": stageId, "Stage Attempt ID": stageAttempt, "Task Info": { ...info, "Finish Time": 0 } });
    this.lines.push({
      Event: "SparkListenerTaskEnd",
      "Stage ID": stageId,
      "Stage Attempt ID": stageAttempt,
      "Task Type": opts.shuffleMap === true ? "ShuffleMapTask" : "ResultTask",
      "Task End Reason": { Reason: opts.reason ?? "Success" },
      "Task Info": { ...info, "Finish Time": T0 + finishMs },
    });
    return this;
  }

  jobEnd(jobId: number, atMs: number): this {
    this.lines.push({ Event: "SparkListenerJobEnd", "Job ID": jobId, "Completion Time": T0 + atMs, "Job Result": { Result: "JobSucceeded" } });
    return this;
  }

  unpersist(rddId: number): this {
    this.lines.push({ Event: "SparkListenerUnpersistRDD", "RDD ID": rddId });
    return this;
  }

  end(atMs: number): this {
    this.lines.push({ Event: "SparkListenerApplicationEnd", Timestamp: T0 + atMs });
    return this;
  }

  /**
   * A whole single-stage job on one executor with one slot: tasks back to back from
   * `startMs`. Returns the job's end time.
   */
  sequentialJob(jobId: number, stage: SyntheticStage, startMs: number, taskMs: number, executorId = "1"): number {
    this.jobStart(jobId, startMs, [stage]).stageSubmitted(stage, startMs);
    let t = startMs;
    for (let i = 0; i < stage.tasks; i++, t += taskMs) this.task(stage.id, i, executorId, t, t + taskMs);
    this.stageCompleted(stage, startMs, t).jobEnd(jobId, t);
    return t;
  }

  write(dir: string, name: string): string {
    const path = join(dir, name);
    writeFileSync(path, this.lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    return path;
  }
}
