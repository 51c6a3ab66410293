import type { SeededRandom } from "../core/random.js";
import { sampleDurations, type TaskDurationCache } from "../scenario/durations.js";
import type { JobSpec, StageSpec } from "../scenario/Scenario.js";
import type { MapOutputTracker } from "./MapOutputTracker.js";
import type { ListenerBus, StageInfo } from "./SparkListener.js";
import { TaskSetManager, type RunningTask, type TaskSchedulerImpl } from "./TaskSchedulerImpl.js";

class Stage {
  readonly parents: Stage[] = [];
  /** Per-partition task durations, drawn on first submission. */
  durations: Float64Array | undefined;
  attempts = 0;
  running: TaskSetManager | undefined;
  waiting = false;
  /** Job that asked for this stage while it waited (its FIFO priority). */
  waitingForJobId = 0;
  /** Jobs for which this is a final stage. */
  readonly finalFor = new Set<ActiveJob>();

  constructor(readonly spec: StageSpec) {}

  get isShuffleMap(): boolean {
    return this.spec.shuffleId !== undefined;
  }
}

interface ActiveJob {
  readonly jobId: number;
  readonly jobIndex: number;
  pendingFinalStages: number;
}

export interface DAGSchedulerHooks {
  onJobStart(jobId: number, jobIndex: number, stageIds: readonly number[], skippedStageIds: readonly number[]): void;
  onJobEnd(jobId: number, jobIndex: number): void;
  onStageSubmitted(stageId: number, attempt: number, numTasks: number): void;
  onStageCompleted(stageId: number, attempt: number): void;
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
  private nextJobId = 0;

  constructor(
    jobs: readonly JobSpec[],
    private readonly bus: ListenerBus,
    private readonly taskScheduler: TaskSchedulerImpl,
    private readonly mapOutputs: MapOutputTracker,
    private readonly random: SeededRandom,
    private readonly now: () => number,
    private readonly hooks: DAGSchedulerHooks,
    private readonly durationCache?: TaskDurationCache,
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

    const skipped = lineage.filter((s) => this.isAvailable(s) && !finals.includes(s)).map((s) => s.spec.id);
    this.hooks.onJobStart(jobId, jobIndex, lineage.map((s) => s.spec.id), skipped);
    const stageInfos: StageInfo[] = lineage.map((s) => ({ stageId: s.spec.id, shuffleId: s.spec.shuffleId, numTasks: s.spec.tasks }));
    this.bus.postJobStart({ jobId, timeMs: this.now(), stageInfos });

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

  /** A task succeeded: record its output, post TaskEnd, and complete stages and jobs. */
  handleTaskSuccess(task: RunningTask): void {
    const ts = task.taskSet;
    const stage = this.stage(ts.stageId);
    const timeMs = this.now();
    ts.succeeded++;
    if (stage.spec.shuffleId !== undefined) {
      this.mapOutputs.registerMapOutput(stage.spec.shuffleId, task.partition, task.executorId);
    }
    if (stage.spec.cacheRddId !== undefined) {
      // The block is stored while the task runs, so its update precedes TaskEnd.
      this.bus.postBlockUpdated({ executorId: task.executorId, rddId: stage.spec.cacheRddId, partition: task.partition, valid: true, useDisk: false });
    }
    this.bus.postTaskEnd({ stageId: ts.stageId, attempt: ts.attempt, index: task.index, executorId: task.executorId, speculative: false, reason: "Success", timeMs });
    if (!ts.isComplete) return;

    stage.running = undefined;
    this.taskScheduler.taskSetFinished(ts);
    this.hooks.onStageCompleted(ts.stageId, ts.attempt);
    this.bus.postStageCompleted({ stageId: ts.stageId, attempt: ts.attempt, timeMs });

    if (stage.isShuffleMap && !this.isAvailable(stage)) {
      // Outputs were lost while it ran (only without shuffle tracking or service): go again.
      this.submitMissingTasks(stage, ts.priority);
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

  private finishJob(job: ActiveJob): void {
    this.bus.postJobEnd({ jobId: job.jobId, timeMs: this.now() });
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
    if (stage.durations === undefined) {
      const key = `${String(this.random.seed)}/${spec.id}`;
      const drawn = this.durationCache?.get(key) ?? sampleDurations(spec.taskDurationMs, spec.tasks, this.random.stream("taskDurationMs", spec.id));
      this.durationCache?.set(key, drawn);
      stage.durations = drawn;
    }
    let partitions: Int32Array;
    if (spec.shuffleId !== undefined) {
      this.mapOutputs.registerShuffle(spec.shuffleId, spec.tasks);
      partitions = Int32Array.from(this.mapOutputs.missingPartitions(spec.shuffleId));
    } else {
      partitions = new Int32Array(spec.tasks);
      for (let i = 0; i < spec.tasks; i++) partitions[i] = i;
    }
    const attempt = stage.attempts++;
    const ts = new TaskSetManager(spec.id, attempt, jobId, partitions, stage.durations);
    stage.running = ts;
    this.hooks.onStageSubmitted(spec.id, attempt, ts.numTasks);
    this.bus.postStageSubmitted({ stageId: spec.id, attempt, numTasks: ts.numTasks, timeMs: this.now() });
    this.taskScheduler.submitTasks(ts);
  }

  private stage(id: number): Stage {
    const s = this.stages.get(id);
    if (s === undefined) throw new Error(`DAGScheduler: unknown stage ${id} (the scenario was not validated)`);
    return s;
  }
}

/** A set of stages and all their ancestors, sorted by stage id. */
function lineageOf(stages: readonly Stage[]): Stage[] {
  const seen = new Set<Stage>();
  const stack = [...stages];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    stack.push(...s.parents);
  }
  return [...seen].sort((a, b) => a.spec.id - b.spec.id);
}
