import type { StageInfo, TaskEndReason } from "../eventlog/index.js";
import type { TaskTime } from "./ExtractionNotes.js";

/** Running tallies of the attempts left out of the workload (see `DroppedAttempts`). */
export class DroppedTally {
  failed = { count: 0, taskMs: 0 };
  killed = { count: 0, taskMs: 0 };
  duplicate = { count: 0, taskMs: 0 };
  speculative = { count: 0, taskMs: 0 };
  resubmitted = 0;

  add(kind: "failed" | "killed" | "duplicate", taskMs: number, speculative: boolean): void {
    this[kind].count++;
    this[kind].taskMs += taskMs;
    if (speculative) {
      this.speculative.count++;
      this.speculative.taskMs += taskMs;
    }
  }
}

/** The final duration list of a stage, and how many entries needed a fallback. */
export interface StageDurations {
  readonly durationsMs: number[];
  readonly fromLaterAttempt: number;
  readonly fromMean: number;
  /** Later-attempt successes that were not needed (recomputations): dropped. */
  readonly unusedLater: TaskTime;
}

/**
 * One submitted stage: its shape from the first submitted attempt, and one task duration per
 * task index, kept in typed arrays (NaN = not known yet) so a stage of a million tasks costs
 * 16 bytes a task. Spark's stage id is kept as the scenario's stage id.
 */
export class StageRecord {
  readonly id: number;
  readonly name: string;
  /** `Number of Tasks` of the first submitted attempt (attempt 0 unless the log starts later). */
  readonly numTasks: number;
  readonly firstAttemptId: number;
  /** `Parent IDs` of that attempt (empty when the log has none). */
  readonly parentIds: readonly number[];
  /** First RDD of the stage whose storage level uses memory, disk or off-heap. */
  readonly cacheRddId: number | undefined;
  readonly resourceProfileId: number;
  /** Index in the log's job order of the job that submitted it. */
  readonly jobOrdinal: number;
  submittedEpochMs: number | undefined;
  /** A task of this stage was a ShuffleMapTask: it writes a shuffle. */
  writesShuffle = false;
  attempts = 1;

  /** First successful duration of each index in the first attempt. */
  private readonly firstMs: Float64Array;
  /** Latest successful duration of each index in later attempts (allocated on first use). */
  private laterMs: Float64Array | undefined;
  private laterTotal = { count: 0, taskMs: 0 };
  private successSumMs = 0;
  private successCount = 0;

  constructor(info: StageInfo, jobOrdinal: number, cacheRddId: number | undefined) {
    this.id = info.stageId;
    this.name = info.name;
    this.numTasks = info.numTasks;
    this.firstAttemptId = info.stageAttemptId;
    this.parentIds = info.parentIds;
    this.cacheRddId = cacheRddId;
    this.resourceProfileId = info.resourceProfileId;
    this.jobOrdinal = jobOrdinal;
    this.submittedEpochMs = info.submissionTimeMs;
    this.firstMs = new Float64Array(info.numTasks).fill(NaN);
  }

  /**
   * One TaskEnd of this stage. The workload keeps, per task index, (Finish - Launch) of the
   * first successful attempt in the first stage attempt; everything else is dropped work.
   */
  taskEnded(stageAttemptId: number, index: number, reason: TaskEndReason, durationMs: number, speculative: boolean, dropped: DroppedTally): void {
    switch (reason.kind) {
      case "Resubmitted":
        // A second TaskEnd for a task that already succeeded (its map output was lost): no new work.
        dropped.resubmitted++;
        return;
      case "TaskKilled":
        dropped.add("killed", durationMs, speculative);
        return;
      case "Success":
        break;
      case "ExceptionFailure":
      case "ExecutorLostFailure":
      case "FetchFailed":
      case "TaskResultLost":
      case "TaskCommitDenied":
      case "UnknownReason":
        dropped.add("failed", durationMs, speculative);
        return;
    }
    this.successSumMs += durationMs;
    this.successCount++;
    if (stageAttemptId === this.firstAttemptId && index < this.numTasks && Number.isNaN(this.firstMs[index]!)) {
      this.firstMs[index] = durationMs;
      return;
    }
    if (stageAttemptId !== this.firstAttemptId && index < this.numTasks) {
      // A later attempt's index i is not partition i (it counts only missing partitions);
      // used only as a fallback for an index that never succeeded in the first attempt.
      this.laterMs ??= new Float64Array(this.numTasks).fill(NaN);
      this.laterMs[index] = durationMs;
      this.laterTotal.count++;
      this.laterTotal.taskMs += durationMs;
      return;
    }
    dropped.add("duplicate", durationMs, speculative);
  }

  /** The stage's duration list, one whole non-negative ms value per task index. */
  durations(): StageDurations {
    const out = new Array<number>(this.numTasks);
    const mean = this.successCount > 0 ? Math.round(this.successSumMs / this.successCount) : 0;
    let fromLaterAttempt = 0;
    let fromMean = 0;
    let usedLater = { count: 0, taskMs: 0 };
    for (let i = 0; i < this.numTasks; i++) {
      const first = this.firstMs[i]!;
      if (!Number.isNaN(first)) {
        out[i] = first;
        continue;
      }
      const later = this.laterMs?.[i];
      if (later !== undefined && !Number.isNaN(later)) {
        out[i] = later;
        fromLaterAttempt++;
        usedLater = { count: usedLater.count + 1, taskMs: usedLater.taskMs + later };
        continue;
      }
      out[i] = mean;
      fromMean++;
    }
    return {
      durationsMs: out,
      fromLaterAttempt,
      fromMean,
      unusedLater: { count: this.laterTotal.count - usedLater.count, taskMs: this.laterTotal.taskMs - usedLater.taskMs },
    };
  }
}
