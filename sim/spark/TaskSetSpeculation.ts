import type { SpeculationSettings } from "../conf/SparkConf.js";
import { PercentileHeap } from "./PercentileHeap.js";
import type { RunningTask, RunningTasks } from "./RunningTask.js";

/**
 * One task set's speculation state (`TaskSetManager` with `spark.speculation` on): the copies
 * running per index, which indices succeeded, the successful durations and their median, the
 * running attempts oldest first, the speculatable indices waiting for an offer, and the
 * executors each index has run on (a copy never runs where an attempt of its task ran:
 * `hasAttemptOnHost`; the model's executors are its hosts).
 */
export class TaskSetSpeculation {
  readonly copiesRunning: Uint8Array;
  readonly successful: Uint8Array;
  private readonly durations: PercentileHeap;
  private successSumMs = 0;
  /** `runningTasksSet`, in launch order (a Set iterates in insertion order). */
  private readonly running = new Set<RunningTask>();
  /** Running attempts per index (at most two: the original and one copy). */
  private readonly runningByIndex = new Map<number, RunningTask[]>();
  /** `speculatableTasks`. */
  private readonly speculatable = new Set<number>();
  /** `pendingSpeculatableTasks.all`: a stack, dequeued from the end, cleaned lazily. */
  private readonly pendingSpeculatable: number[] = [];
  /** Executors each index ran an attempt on (`taskAttempts(index)`'s hosts). */
  private readonly attemptExecutors = new Map<number, string[]>();
  private readonly minFinished: number;
  private readonly thresholdSpecified: boolean;

  constructor(
    /** The running attempts' rows (what a `RunningTask` names). */
    private readonly tasks: Pick<RunningTasks, "index" | "executorId" | "durationMs" | "launchMs">,
    private readonly numTasks: number,
    private readonly s: SpeculationSettings,
    percentileHeap: boolean,
    /** `speculationTasksLessEqToSlots`: the task set fits one executor's slots. */
    private readonly fitsOneExecutor: boolean,
    /** A task launched: the speculation check must run while tasks do. */
    private readonly onLaunch?: () => void,
  ) {
    this.copiesRunning = new Uint8Array(numTasks);
    this.successful = new Uint8Array(numTasks);
    this.durations = new PercentileHeap(!percentileHeap);
    this.minFinished = Math.max(Math.floor(s.quantile * numTasks), 1);
    this.thresholdSpecified = s.taskDurationThresholdMs !== undefined && s.taskDurationThresholdMs > 0;
  }

  /** `pendingSpeculatableTasks.all.nonEmpty` (it may hold indices done since; a dequeue drops them). */
  get hasPendingSpeculatable(): boolean {
    return this.pendingSpeculatable.length > 0;
  }

  /** `prepareLaunchingTask`'s bookkeeping. */
  launched(task: RunningTask): void {
    const index = this.tasks.index(task), executorId = this.tasks.executorId(task);
    this.copiesRunning[index]!++;
    this.running.add(task);
    const same = this.runningByIndex.get(index);
    if (same === undefined) this.runningByIndex.set(index, [task]);
    else same.push(task);
    const execs = this.attemptExecutors.get(index);
    if (execs === undefined) this.attemptExecutors.set(index, [executorId]);
    else execs.push(executorId);
    this.onLaunch?.();
  }

  /** The attempt ended (success, failure or kill): it no longer runs. */
  ended(task: RunningTask): void {
    if (!this.running.delete(task)) return;
    const index = this.tasks.index(task);
    this.copiesRunning[index]!--;
    const same = this.runningByIndex.get(index);
    if (same === undefined) return;
    const rest = same.filter((t) => t !== task);
    if (rest.length === 0) this.runningByIndex.delete(index);
    else this.runningByIndex.set(index, rest);
  }

  /**
   * `handleSuccessfulTask`: the index succeeded; its duration joins the median; returns the
   * other attempts of the index still running, which Spark kills ("another attempt succeeded").
   */
  succeeded(task: RunningTask): RunningTask[] {
    this.ended(task);
    const durationMs = this.tasks.durationMs(task), index = this.tasks.index(task);
    this.durations.insert(durationMs);
    this.successSumMs += durationMs;
    this.successful[index] = 1;
    return this.runningByIndex.get(index)?.slice() ?? [];
  }

  /** `markPartitionCompleted`: another attempt of the stage computed it. */
  markCompleted(index: number): void {
    this.successful[index] = 1;
  }

  /** A failed index goes back to the pending list only when no copy of it runs or succeeded. */
  shouldRetry(index: number): boolean {
    return this.successful[index] === 0 && this.copiesRunning[index] === 0;
  }

  /**
   * `dequeueTaskHelper(speculative = true)` over the one list the model has (no locality
   * preferences): from the end, skipping indices with an attempt on this executor (they stay),
   * dropping the ones done or already copied. Returns -1 when none can run here.
   */
  takeSpeculative(executorId: string): number {
    const list = this.pendingSpeculatable;
    for (let i = list.length - 1; i >= 0; i--) {
      const index = list[i]!;
      if (this.attemptExecutors.get(index)?.includes(executorId) === true) continue;
      list.splice(i, 1);
      if (this.successful[index] === 1) continue;
      const copies = this.copiesRunning[index]!;
      if (copies <= 1) {
        this.speculatable.delete(index);
        return index;
      }
    }
    return -1;
  }

  /**
   * `checkSpeculatableTasks(minTimeToSpeculation)`: the indices that became speculatable now,
   * in launch order of their running attempt. Once `quantile` of the tasks succeeded, a task
   * running longer than max(multiplier x median, minTaskRuntime) is speculatable; before, only
   * a task set that fits one executor, against spark.speculation.task.duration.threshold.
   */
  check(zombie: boolean, nowMs: number): number[] {
    if (zombie || (this.numTasks === 1 && !this.thresholdSpecified)) return [];
    const s = this.s;
    if (this.durations.size >= this.minFinished) {
      const threshold = Math.max(s.multiplier * this.durations.percentile()!, s.minTaskRuntimeMs);
      return this.findSpeculatable(nowMs, threshold, false);
    }
    if (this.thresholdSpecified && this.fitsOneExecutor) return this.findSpeculatable(nowMs, s.taskDurationThresholdMs!, true);
    return [];
  }

  /** `checkAndSubmitSpeculatableTasks`. The running set is in launch order, so the walk stops at the first task within the threshold. */
  private findSpeculatable(nowMs: number, threshold: number, customized: boolean): number[] {
    const found: number[] = [];
    for (const t of this.running) {
      const runtimeMs = nowMs - this.tasks.launchMs(t);
      if (!(runtimeMs > threshold)) break;
      const index = this.tasks.index(t);
      if (this.successful[index] === 1 || this.copiesRunning[index] !== 1 || this.speculatable.has(index)) continue;
      if (!customized && !this.mayBeInefficient(t, runtimeMs, threshold)) continue;
      this.speculatable.add(index);
      this.pendingSpeculatable.push(index);
      found.push(index);
    }
    return found;
  }

  /**
   * `checkMaySpeculate` (3.4+ with spark.speculation.efficiency.enabled): inefficient when it
   * ran longer than longRunTaskFactor x the threshold, or its record rate is below
   * processRateMultiplier x the stage's average. The model's tasks of a stage read equal
   * records at a steady rate, so a task's rate is 1 / its duration and the average is
   * successes / their summed durations.
   */
  private mayBeInefficient(t: RunningTask, runtimeMs: number, threshold: number): boolean {
    const s = this.s;
    if (!s.efficiencyEnabled) return true;
    if (runtimeMs > s.efficiencyLongRunTaskFactor * threshold) return true;
    if (this.successSumMs <= 0) return true;
    return this.tasks.durationMs(t) * s.efficiencyProcessRateMultiplier * this.durations.size > this.successSumMs;
  }
}
