import type { SeededRandom } from "../core/random.js";
import type { Clock } from "../core/Simulation.js";
import type { TaskDurationCache } from "../scenario/durations.js";
import type { JobSpec } from "../scenario/Scenario.js";
import type { MapOutputTracker } from "./MapOutputTracker.js";
import { profileField, type ResourceProfileManager } from "../conf/ResourceProfile.js";
import type { PreferredLocations } from "./PreferredLocations.js";
import { lineageOf, Stage, type ActiveJob } from "./Stage.js";
import type { ListenerBus, StageInfo } from "./SparkListener.js";
import { TaskSetManager, type RunningTask, type TaskSchedulerImpl } from "./TaskSchedulerImpl.js";
import type { DAGSchedulerHooks } from "./DAGSchedulerHooks.js";

/** `DAGScheduler.RESUBMIT_TIMEOUT`: failed stages are resubmitted this long after a fetch failure. */
export const RESUBMIT_TIMEOUT_MS = 200;

/** A stage aborted because a task failed `spark.task.maxFailures` times (`TaskSetManager.abort`). */
export interface StageAbort {
  readonly stageId: number;
  readonly message: string;
  /** Active jobs that depended on the stage, by job id. */
  readonly jobs: ReadonlyArray<{ readonly jobId: number; readonly jobIndex: number }>;
}

/**
 * Jobs and stages (`DAGScheduler`): a job's stages run when their parents' shuffle output is
 * available; a shuffle stage computed earlier and still available is skipped (its shuffle is
 * reused); partitions lost with an executor are recomputed by a new stage attempt.
 */
export class DAGScheduler {
  private readonly stages = new Map<number, Stage>();
  /** Per job index: final stages and the whole lineage (own stages plus ancestors). */
  private readonly jobFinalStages: Stage[][] = [];
  private readonly jobLineage: Stage[][] = [];
  private readonly waitingStages = new Set<Stage>();
  /** Stages failed by a fetch failure, resubmitted together (`failedStages`). */
  private readonly failedStages = new Map<Stage, number>();
  private readonly activeJobs = new Map<number, ActiveJob>();
  private nextJobId = 0;

  constructor(
    jobs: readonly JobSpec[],
    private readonly bus: ListenerBus,
    private readonly taskScheduler: TaskSchedulerImpl,
    private readonly mapOutputs: MapOutputTracker,
    private readonly random: SeededRandom,
    private readonly clock: Clock,
    private readonly profiles: ResourceProfileManager,
    private readonly hooks: DAGSchedulerHooks,
    private readonly durationCache?: TaskDurationCache,
    private readonly locality?: PreferredLocations,
  ) {
    for (const job of jobs) for (const s of job.stages) this.stages.set(s.id, new Stage(s));
    for (const stage of this.stages.values()) {
      for (const p of stage.spec.parents) stage.parents.push(this.stage(p));
    }
    for (const job of jobs) {
      const own = job.stages.map((s) => this.stage(s.id));
      const ownParents = new Set(own.flatMap((s) => s.parents));
      this.jobFinalStages.push(own.filter((s) => !ownParents.has(s)));
      this.jobLineage.push(lineageOf(own));
    }
  }

  /** Shuffle ids written by a job's lineage (own stages and all ancestors), in stage order. */
  lineageShuffleIds(jobIndex: number): number[] {
    return this.jobLineage[jobIndex]!.flatMap((s) => (s.spec.shuffleId === undefined ? [] : [s.spec.shuffleId]));
  }

  /** `handleJobSubmitted`: JobStart with the whole lineage, then submit the final stages. */
  submitJob(jobIndex: number): void {
    const jobId = this.nextJobId++;
    const lineage = this.jobLineage[jobIndex]!;
    const finals = this.jobFinalStages[jobIndex]!;
    const job: ActiveJob = { jobId, jobIndex, pendingFinalStages: 0 };
    this.activeJobs.set(jobId, job);

    const skipped = lineage.filter((s) => this.isAvailable(s) && !finals.includes(s)).map((s) => s.spec.id);
    this.hooks.onJobStart(jobId, jobIndex, lineage.map((s) => s.spec.id), skipped);
    const stageInfos: StageInfo[] = lineage.map((s) => ({ stageId: s.spec.id, shuffleId: s.spec.shuffleId, numTasks: s.spec.tasks }));
    this.bus.postJobStart({ jobId, timeMs: this.clock.now, stageInfos });

    for (const stage of finals) {
      // A map stage that is already computed finishes its job at once (a map-stage job).
      if (this.isAvailable(stage)) continue;
      stage.finalFor.add(job);
      job.pendingFinalStages++;
    }
    if (job.pendingFinalStages === 0) {
      this.finishJob(job);
      return;
    }
    for (const stage of finals) if (stage.finalFor.has(job)) this.submitStage(stage, jobId);
  }

  /**
   * A task succeeded: record its output, post TaskEnd, and complete stages and jobs. Tasks of
   * an earlier (zombie) attempt count too: their map output is registered and their partition
   * is no longer pending, as `handleTaskCompletion` does.
   */
  handleTaskSuccess(task: RunningTask): void {
    const tasks = this.taskScheduler.tasks;
    const ts = tasks.taskSet(task), index = tasks.index(task), partition = tasks.partition(task);
    const slots = tasks.slots(task), executorId = slots.id;
    const stage = ts.stage ?? this.stage(ts.stageId);
    const timeMs = this.clock.now;
    ts.taskSucceeded(index);
    const losers = ts.speculation?.succeeded(task);
    if (stage.running !== ts) stage.running?.speculation?.markCompleted(stage.running.indexOfPartition(partition));
    if (stage.spec.shuffleId !== undefined) this.mapOutputs.registerMapOutput(stage.spec.shuffleId, partition, executorId, slots.number);
    if (stage.spec.cacheRddId !== undefined) {
      // The block is stored while the task runs, so its update precedes TaskEnd.
      this.bus.postBlockUpdated({ executorId, rddId: stage.spec.cacheRddId, partition, valid: true, useDisk: false });
    }
    this.bus.postTaskEndOf(ts.stageId, ts.attempt, index, executorId, slots.number, tasks.speculative(task), "Success", timeMs);
    // The task's other attempts are killed now (their TaskEnd follows this one, as in Spark).
    if (losers !== undefined) for (const other of losers) this.hooks.killAttempt?.(other);
    if (stage.resultDone !== undefined) stage.resultDone[partition] = 1;
    const running = stage.running;
    if (running === undefined || stage.pending === undefined || stage.pending[partition] !== 1) return;
    stage.pending[partition] = 0;
    if (--stage.pendingCount > 0) return;
    this.completeStage(stage, running);
  }

  /** A losing attempt was killed (`TaskKilled("another attempt succeeded")`): not a failure, nothing to retry. */
  handleTaskKilled(task: RunningTask): void {
    const tasks = this.taskScheduler.tasks, ts = tasks.taskSet(task);
    ts.running--;
    ts.speculation?.ended(task);
    this.hooks.onTaskKilled?.(task);
    this.bus.postTaskEnd({ stageId: ts.stageId, attempt: ts.attempt, index: tasks.index(task), executorId: tasks.executorId(task), speculative: tasks.speculative(task), reason: "TaskKilled", timeMs: this.clock.now });
  }

  /** The running attempt computed its last pending partition: the stage is done (or goes again). */
  private completeStage(stage: Stage, running: TaskSetManager): void {
    const timeMs = this.clock.now;
    stage.running = undefined;
    stage.pending = undefined;
    running.zombie = true;
    this.taskScheduler.taskSetFinished(running);
    this.hooks.onStageCompleted(running.stageId, running.attempt);
    this.bus.postStageCompleted({ stageId: running.stageId, attempt: running.attempt, timeMs });

    if (stage.isShuffleMap && !this.isAvailable(stage)) {
      // Outputs were lost while it ran (an executor went without the shuffle service): go
      // again, through `submitStage`, which first resubmits parents that lost output too.
      this.submitStage(stage, running.priority);
      return;
    }
    for (const job of [...stage.finalFor].sort((a, b) => a.jobId - b.jobId)) {
      stage.finalFor.delete(job);
      if (--job.pendingFinalStages === 0) this.finishJob(job);
    }
    const children = [...this.waitingStages]
      .filter((s) => s.parents.includes(stage))
      .sort((a, b) => a.waitingForJobId - b.waitingForJobId || a.spec.id - b.spec.id);
    // `submitWaitingChildStages`: each child is submitted again, which resubmits any parent
    // whose output was lost while it waited (possible without tracking or the shuffle service).
    for (const child of children) {
      this.waitingStages.delete(child);
      child.waiting = false;
      this.submitStage(child, child.waitingForJobId);
    }
  }

  /**
   * A running task failed (its executor was lost): TaskEnd with a failure, and the index is
   * pending again (`handleFailedTask`). Returns the abort when the failure counts toward
   * `spark.task.maxFailures` and the index has now failed that many times.
   */
  handleTaskFailure(task: RunningTask, countsTowardFailures: boolean, maxFailures: number): StageAbort | undefined {
    const tasks = this.taskScheduler.tasks, ts = tasks.taskSet(task), index = tasks.index(task);
    const wasZombie = ts.zombie;
    ts.speculation?.ended(task);
    const failures = ts.taskFailed(index, countsTowardFailures);
    this.bus.postTaskEnd({ stageId: ts.stageId, attempt: ts.attempt, index, executorId: tasks.executorId(task), speculative: tasks.speculative(task), reason: "Failure", timeMs: this.clock.now });
    if (wasZombie || failures < maxFailures) return undefined;
    const stage = this.stage(ts.stageId);
    const message = `Task ${index} in stage ${ts.stageId}.${ts.attempt} failed ${maxFailures} times; aborting job (spark.task.maxFailures)`;
    const jobs = [...this.activeJobs.values()]
      .filter((j) => this.jobLineage[j.jobIndex]!.includes(stage))
      .sort((a, b) => a.jobId - b.jobId)
      .map((j) => ({ jobId: j.jobId, jobIndex: j.jobIndex }));
    return { stageId: ts.stageId, message, jobs };
  }

  /**
   * `TaskSetManager.executorLost` for running shuffle map stages (no shuffle service): map
   * tasks of the running attempt that had succeeded on the lost executor are pending again
   * and posted as TaskEnd "Resubmitted" (which the allocation listener treats as a failure),
   * so the attempt recomputes them before it completes. `lost` is flat [shuffleId, partition, ...].
   */
  resubmitLostMapTasks(executorId: string, lost: readonly number[]): void {
    if (lost.length === 0) return;
    const byShuffle = new Map<number, Stage>();
    for (const s of this.stages.values()) if (s.spec.shuffleId !== undefined && s.running !== undefined && !s.running.zombie) byShuffle.set(s.spec.shuffleId, s);
    for (let i = 0; i < lost.length; i += 2) {
      const stage = byShuffle.get(lost[i]!);
      const partition = lost[i + 1]!;
      if (stage === undefined || stage.pending === undefined || stage.pending[partition] !== 0) continue;
      const ts = stage.running!;
      const index = ts.indexOfPartition(partition);
      if (index < 0) continue;
      stage.pending[partition] = 1;
      stage.pendingCount++;
      ts.resubmit(index);
      this.bus.postTaskEnd({ stageId: ts.stageId, attempt: ts.attempt, index, executorId, speculative: false, reason: "Failure", timeMs: this.clock.now });
    }
  }

  /**
   * After an executor's map outputs were removed: a running stage that reads a shuffle now
   * missing outputs and still has tasks to launch would fetch-fail on them, so the attempt
   * fails (its running tasks finish as a zombie) and the stage with its lost parents is
   * resubmitted after `RESUBMIT_TIMEOUT` (`handleTaskCompletion` for `FetchFailed`). Tasks
   * already running are taken to have fetched their input.
   */
  handleLostMapOutputs(): void {
    const failed = [...this.stages.values()]
      .filter((s) => s.running !== undefined && s.running.hasPending && s.parents.some((p) => !this.isAvailable(p)))
      .sort((a, b) => a.spec.id - b.spec.id);
    for (const stage of failed) {
      const ts = stage.running!;
      ts.zombie = true;
      stage.running = undefined;
      stage.pending = undefined;
      this.taskScheduler.taskSetFinished(ts);
      const lost = stage.parents.filter((p) => !this.isAvailable(p)).map((p) => p.spec.shuffleId);
      this.hooks.onStageFailed(ts.stageId, ts.attempt, `FetchFailed: map output of shuffle ${lost.join(", ")} lost`);
      this.bus.postStageCompleted({ stageId: ts.stageId, attempt: ts.attempt, timeMs: this.clock.now });
      if (this.failedStages.size === 0) this.hooks.scheduleResubmit(RESUBMIT_TIMEOUT_MS);
      this.failedStages.set(stage, ts.priority);
    }
  }

  /** `resubmitFailedStages`: each failed stage again, by job and stage id (its lost parents first). */
  resubmitFailedStages(): void {
    const failed = [...this.failedStages].sort(([a, ja], [b, jb]) => ja - jb || a.spec.id - b.spec.id);
    this.failedStages.clear();
    for (const [stage, jobId] of failed) this.submitStage(stage, jobId);
  }

  /** A shuffle the stage reads misses map output (lost with an executor, not yet recomputed). */
  readsLostOutput(stageId: number): boolean {
    return this.stage(stageId).parents.some((p) => !this.isAvailable(p));
  }

  private finishJob(job: ActiveJob): void {
    this.activeJobs.delete(job.jobId);
    this.bus.postJobEnd({ jobId: job.jobId, timeMs: this.clock.now });
    this.hooks.onJobEnd(job.jobId, job.jobIndex);
  }

  private isAvailable(stage: Stage): boolean {
    return stage.spec.shuffleId !== undefined && this.mapOutputs.isAvailable(stage.spec.shuffleId);
  }

  /** `submitStage`: run it if its parents are available, else submit them and wait. */
  private submitStage(stage: Stage, jobId: number): void {
    if (stage.running !== undefined || stage.waiting) return;
    const missing = stage.parents.filter((p) => !this.isAvailable(p)).sort((a, b) => a.spec.id - b.spec.id);
    if (missing.length === 0) {
      this.submitMissingTasks(stage, jobId);
      return;
    }
    for (const p of missing) this.submitStage(p, jobId);
    stage.waiting = true;
    stage.waitingForJobId = jobId;
    this.waitingStages.add(stage);
  }

  private submitMissingTasks(stage: Stage, jobId: number): void {
    const spec = stage.spec;
    stage.drawDurations(this.random, this.durationCache);
    const partitions = stage.findMissingPartitions(this.mapOutputs);
    stage.markPending(partitions);
    const attempt = stage.attempts++;
    const rpId = this.profiles.stageProfileId(spec);
    const locality = this.locality?.forTaskSet(stage, partitions);
    const ts = new TaskSetManager(spec.id, attempt, jobId, partitions, stage.durations!, locality, rpId, stage.stragglerFactors);
    ts.speculation = this.hooks.speculationFor?.(partitions.length);
    ts.stage = stage;
    stage.running = ts;
    this.hooks.onStageSubmitted(spec.id, attempt, ts.numTasks, rpId);
    const prefs = locality === undefined ? {} : { taskLocalityPreferences: locality.preferred };
    this.bus.postStageSubmitted({ stageId: spec.id, attempt, numTasks: ts.numTasks, timeMs: this.clock.now, ...prefs, ...profileField(rpId) });
    // Zombie attempts computed every partition while it waited: done at once (`markStageAsFinished`).
    if (partitions.length === 0) {
      this.completeStage(stage, ts);
      return;
    }
    this.taskScheduler.submitTasks(ts);
  }

  private stage(id: number): Stage {
    const s = this.stages.get(id);
    if (s === undefined) throw new Error(`DAGScheduler: unknown stage ${id} (the scenario was not validated)`);
    return s;
  }
}
