import type { EventSource, StageInfo, TaskEndReason } from "../eventlog/index.js";
import type { TaskTime } from "./ExtractionNotes.js";
import { POOLED_MAX_TASKS, type DurationPool } from "./DurationPool.js";

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
  /** One whole ms value per task (8 bytes a task: the scenario and the engine use this array). */
  readonly durationsMs: Float64Array;
  readonly fromLaterAttempt: number;
  readonly fromMean: number;
  /** Later-attempt successes that were not needed (recomputations): dropped. */
  readonly unusedLater: TaskTime;
}

/**
 * Tasks a stage may have beyond the highest task index the log shows; with more, its
 * `Number of Tasks` is taken as corrupt (or the log lost nearly all of the stage) and the
 * stage keeps only the tasks up to that index (see `StageRecord.taskCount`). A million
 * invented tasks would be a made-up workload, and a corrupt 1e9 would not fit in memory.
 */
export const MAX_UNSEEN_TASKS = 1_000_000;

/** Indices the first array of a stage's durations holds (8 KiB), unless the stage declares fewer tasks. */
const FIRST_CAPACITY = 1024;

/**
 * `values` copied into a longer array (made by `make`) that holds `index`: twice as long, at
 * least `index` + 1 and `first`, never past `limit`; new entries `empty`. The one growth rule
 * of a stage's arrays by task index (`DurationsByIndex`, `ExecutorByIndex`).
 */
function grownToHold<A extends Float64Array | Int32Array>(values: A, index: number, limit: number, first: number, make: new (length: number) => A, empty: number): A {
  const grown = new make(Math.min(limit, Math.max(index + 1, values.length * 2, first)));
  grown.fill(empty);
  grown.set(values);
  return grown;
}

/**
 * One duration per task index (NaN = not known yet), in a typed array grown by doubling as
 * indices arrive and never past the stage's task count: memory follows the tasks the log
 * shows, not the count the stage declares. The first array holds up to FIRST_CAPACITY
 * indices at once (a stage's declared count, when smaller): most stages never grow it.
 */
class DurationsByIndex {
  private values = new Float64Array(0);
  /** Highest index set, plus one. */
  extent = 0;

  constructor(private readonly limit: number) {}

  get(index: number): number {
    return index < this.values.length ? this.values[index]! : NaN;
  }

  /** `index` < the limit (the caller checks it against the stage's task count). */
  set(index: number, ms: number): void {
    if (index >= this.values.length) this.values = grownToHold(this.values, index, this.limit, FIRST_CAPACITY, Float64Array, NaN);
    this.values[index] = ms;
    if (index >= this.extent) this.extent = index + 1;
  }
}

/**
 * The executor number (`ExecutorIds`) of each task index, -1 for none, in an Int32Array grown by
 * doubling as indices arrive and never past the stage's task count.
 */
class ExecutorByIndex {
  private values = new Int32Array(0);
  /** Highest index set, plus one. */
  extent = 0;

  constructor(private readonly limit: number) {}

  get(index: number): number {
    return index < this.values.length ? this.values[index]! : -1;
  }

  set(index: number, executor: number): void {
    if (index >= this.values.length) this.values = grownToHold(this.values, index, this.limit, 64, Int32Array, -1);
    this.values[index] = executor;
    if (index >= this.extent) this.extent = index + 1;
  }
}

/**
 * One submitted stage: its shape from the first submitted attempt, and one task duration per
 * task index seen, kept in typed arrays (8 bytes a task, 16 with a retried attempt). Spark's
 * stage id is kept as the scenario's stage id.
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
  /** The StageSubmitted line that declared it, for messages (its part and number, not an object per stage). */
  private readonly declaredPart: string | undefined;
  private readonly declaredLine: number;
  submittedEpochMs: number | undefined;
  /** When its last attempt completed, if logged. */
  completedEpochMs: number | undefined;
  /** A task of this stage was a ShuffleMapTask: it writes a shuffle. */
  writesShuffle = false;

  /**
   * First successful duration of each index in the first attempt: a span of `numTasks` entries
   * of a `DurationPool` chunk from `firstOffset` (a stage of at most POOLED_MAX_TASKS tasks),
   * or an array of its own grown as indices arrive.
   */
  private readonly firstMs: Float64Array | DurationsByIndex;
  private readonly firstOffset: number;
  /** Highest index of the first attempt set in the pool's span, plus one. */
  private firstExtent = 0;
  /** What `durations` returned: it fills the pool's span in place, so it runs once. */
  private built: StageDurations | undefined;
  /** Latest successful duration of each index in later attempts (made at the first: most stages run once). */
  private laterMs: DurationsByIndex | undefined;
  /** Successes of later attempts, and their task time. */
  private laterCount = 0;
  private laterTaskMs = 0;
  private successSumMs = 0;
  private successCount = 0;
  /**
   * Task index -> the number (`ExecutorIds`) of the executor its first successful attempt ran
   * on NODE_LOCAL (the log's "Locality"), 4 bytes a task; made at the first such task (most
   * stages read no HDFS input).
   */
  private nodeLocal: ExecutorByIndex | undefined;

  /**
   * `name`: the stage's name (`info.name`, or the same text shared with other stages); `pool`:
   * where the first attempt's durations go (without it, an array of the stage's own).
   */
  constructor(info: StageInfo, jobOrdinal: number, cacheRddId: number | undefined, declaredAt?: EventSource, name = info.name, pool?: DurationPool) {
    this.id = info.stageId;
    this.name = name;
    this.numTasks = info.numTasks;
    this.firstAttemptId = info.stageAttemptId;
    this.parentIds = info.parentIds;
    this.cacheRddId = cacheRddId;
    this.resourceProfileId = info.resourceProfileId;
    this.jobOrdinal = jobOrdinal;
    this.declaredPart = declaredAt?.part;
    this.declaredLine = declaredAt?.line ?? 0;
    this.submittedEpochMs = info.submissionTimeMs;
    const pooled = pool !== undefined && info.numTasks > 0 && info.numTasks <= POOLED_MAX_TASKS;
    const span = pooled ? pool.reserve(info.numTasks) : undefined;
    this.firstMs = span?.chunk ?? new DurationsByIndex(info.numTasks);
    this.firstOffset = span?.offset ?? 0;
  }

  /** The first attempt's duration of task `index` (< numTasks), NaN when none is known. */
  private firstOf(index: number): number {
    const f = this.firstMs;
    return f instanceof Float64Array ? f[this.firstOffset + index]! : f.get(index);
  }

  /** The StageSubmitted line that declared it, for messages. */
  get declaredAt(): EventSource | undefined {
    return this.declaredPart === undefined ? undefined : { part: this.declaredPart, line: this.declaredLine };
  }

  /** Highest task index with a successful duration in the log, plus one. */
  get tasksSeen(): number {
    const first = this.firstMs instanceof Float64Array ? this.firstExtent : this.firstMs.extent;
    return Math.max(first, this.laterMs?.extent ?? 0);
  }

  /**
   * The stage's task count in the scenario: `numTasks`, or only the tasks up to the highest
   * index seen when more than MAX_UNSEEN_TASKS would otherwise get an invented duration.
   */
  get taskCount(): number {
    return this.numTasks - this.tasksSeen > MAX_UNSEEN_TASKS ? this.tasksSeen : this.numTasks;
  }

  /** Highest task index that ran NODE_LOCAL in the first attempt, plus one (0: none did). */
  get nodeLocalTasks(): number {
    return this.nodeLocal?.extent ?? 0;
  }

  /** The number (`ExecutorIds`) of the executor task `index` ran on NODE_LOCAL, or -1. */
  nodeLocalExecutorOf(index: number): number {
    return this.nodeLocal?.get(index) ?? -1;
  }

  /**
   * One TaskEnd of this stage. The workload keeps, per task index, (Finish - Launch) of the
   * first successful attempt in the first stage attempt; everything else is dropped work.
   */
  taskEnded(stageAttemptId: number, index: number, reason: TaskEndReason, durationMs: number, speculative: boolean, dropped: DroppedTally, nodeLocalOn = -1): void {
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
    if (stageAttemptId === this.firstAttemptId && index < this.numTasks && Number.isNaN(this.firstOf(index))) {
      const f = this.firstMs;
      if (f instanceof Float64Array) {
        f[this.firstOffset + index] = durationMs;
        if (index >= this.firstExtent) this.firstExtent = index + 1;
      } else {
        f.set(index, durationMs);
      }
      if (nodeLocalOn >= 0) (this.nodeLocal ??= new ExecutorByIndex(this.numTasks)).set(index, nodeLocalOn);
      return;
    }
    if (stageAttemptId !== this.firstAttemptId && index < this.numTasks) {
      // A later attempt's index i is not partition i (it counts only missing partitions);
      // used only as a fallback for an index that never succeeded in the first attempt.
      (this.laterMs ??= new DurationsByIndex(this.numTasks)).set(index, durationMs);
      this.laterCount++;
      this.laterTaskMs += durationMs;
      return;
    }
    dropped.add("duplicate", durationMs, speculative);
  }

  /**
   * The stage's duration list, one whole non-negative ms value per task of `taskCount`: the
   * pool's span, its unknown entries filled in place (so the list is made once, on the first call).
   */
  durations(): StageDurations {
    if (this.built !== undefined) return this.built;
    const count = this.taskCount;
    const f = this.firstMs;
    // A pooled stage's count is its declared count (at most POOLED_MAX_TASKS, never capped).
    const out = f instanceof Float64Array ? f.subarray(this.firstOffset, this.firstOffset + count) : new Float64Array(count);
    const mean = this.successCount > 0 ? Math.round(this.successSumMs / this.successCount) : 0;
    let fromLaterAttempt = 0;
    let fromMean = 0;
    let usedLaterCount = 0;
    let usedLaterMs = 0;
    for (let i = 0; i < count; i++) {
      const first = this.firstOf(i);
      if (!Number.isNaN(first)) {
        out[i] = first;
        continue;
      }
      const later = this.laterMs?.get(i) ?? NaN;
      if (!Number.isNaN(later)) {
        out[i] = later;
        fromLaterAttempt++;
        usedLaterCount++;
        usedLaterMs += later;
        continue;
      }
      out[i] = mean;
      fromMean++;
    }
    this.built = {
      durationsMs: out,
      fromLaterAttempt,
      fromMean,
      unusedLater: { count: this.laterCount - usedLaterCount, taskMs: this.laterTaskMs - usedLaterMs },
    };
    return this.built;
  }
}
