import type { SparkConf } from "../conf/SparkConf.js";
import type { Clock } from "../core/Simulation.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { CoarseGrainedSchedulerBackend } from "./CoarseGrainedSchedulerBackend.js";
import type { DAGScheduler } from "./DAGScheduler.js";
import type { DAGSchedulerHooks } from "./DAGSchedulerHooks.js";
import type { DriverContext } from "./DriverContext.js";
import { Phase } from "./phases.js";
import type { ListenerBus } from "./SparkListener.js";
import type { RunningTask, RunningTasks, TaskSchedulerImpl } from "./TaskSchedulerImpl.js";
import { TaskSetSpeculation } from "./TaskSetSpeculation.js";

export interface SpeculationSchedulerParts {
  readonly intervalMs: number;
  readonly taskScheduler: TaskSchedulerImpl;
  readonly bus: ListenerBus;
  readonly clock: Clock;
  /** The stage reads a shuffle missing map output: a copy would fail to fetch its input. */
  readsLostOutput(stageId: number): boolean;
  /** Puts a `speculationCheck` event on the queue at `atMs`. */
  schedule(atMs: number): void;
  record(e: SimEvent): void;
}

/**
 * TaskSchedulerImpl's speculation thread (`speculationScheduler`, started with spark.speculation
 * on): every spark.speculation.interval from the application start, `checkSpeculatableTasks`
 * asks each task set for tasks to copy; each found is posted as SparkListenerSpeculativeTaskSubmitted
 * (`DAGScheduler.speculativeTaskSubmitted`) and, if any, offers are revived. A check is queued
 * only while a task of an unfinished task set runs: with none running a check finds nothing.
 */
export class SpeculationScheduler {
  private queuedAtMs: number | undefined;
  private stopped = false;

  constructor(private readonly p: SpeculationSchedulerParts) {}

  /** A task was launched: the next check on the interval's grid is queued if none is. */
  wake(): void {
    if (this.stopped || this.queuedAtMs !== undefined) return;
    const interval = this.p.intervalMs;
    this.queue((Math.floor(this.p.clock.now / interval) + 1) * interval);
  }

  private queue(atMs: number): void {
    const t = Math.ceil(atMs);
    this.queuedAtMs = t;
    this.p.schedule(t);
  }

  /** The check: true when it submitted speculative tasks (the allocation listener's demand changed). */
  run(): boolean {
    const p = this.p;
    const now = p.clock.now;
    this.queuedAtMs = undefined;
    if (this.stopped) return false;
    let found = false;
    let running = false;
    for (const ts of p.taskScheduler.activeTaskSets) {
      const speculation = ts.speculation;
      if (speculation === undefined) continue;
      if (ts.running > 0 && !ts.zombie) running = true;
      // The model's fetch failures happen when output is lost (`handleLostMapOutputs`), not at a later launch: no copies meanwhile.
      if (p.readsLostOutput(ts.stageId)) continue;
      for (const index of speculation.check(ts.zombie, now)) {
        found = true;
        p.record({ timeMs: now, type: "speculativeTaskSubmitted", stageId: ts.stageId, attempt: ts.attempt, partition: ts.partitions[index]! });
        p.bus.postSpeculativeTaskSubmitted({ stageId: ts.stageId, attempt: ts.attempt, index });
      }
    }
    if (found) p.taskScheduler.reviveOffers();
    // A copy launched just now has queued the next check already.
    if (running && this.queuedAtMs === undefined) this.queue(now + p.intervalMs);
    return found;
  }

  /** The application ended. */
  stop(): void {
    this.stopped = true;
  }
}

/** The speculation check of an application, on its queue in the `SpeculationCheck` phase. */
export function speculationScheduler(ctx: DriverContext, taskScheduler: TaskSchedulerImpl, dag: () => DAGScheduler): SpeculationScheduler {
  const { sim, bus, conf } = ctx;
  return new SpeculationScheduler({
    intervalMs: conf.speculationSettings.intervalMs,
    taskScheduler,
    readsLostOutput: (stageId) => dag().readsLostOutput(stageId),
    bus,
    clock: sim,
    schedule: (atMs) => sim.schedule(atMs, Phase.SpeculationCheck, { type: "speculationCheck" }),
    record: ctx.record,
  });
}

/** What the DAGScheduler needs for speculation: each task set's state, and the record of a killed attempt. */
export function speculationHooks(
  conf: SparkConf,
  record: (e: SimEvent) => void,
  clock: Clock,
  kill: (task: RunningTask) => void,
  scheduler: SpeculationScheduler | undefined,
  tasks: RunningTasks,
): Pick<DAGSchedulerHooks, "speculationFor" | "killAttempt" | "onTaskKilled"> {
  if (!conf.speculation || scheduler === undefined) return { speculationFor: undefined, killAttempt: undefined, onTaskKilled: undefined };
  const wake = (): void => scheduler.wake();
  const settings = conf.speculationSettings;
  // SPARK-30417: slots per executor, at least 1.
  const slots = Math.max(conf.tasksPerExecutor, 1);
  return {
    killAttempt: kill,
    speculationFor: (numTasks) => new TaskSetSpeculation(tasks, numTasks, settings, conf.features.speculationPercentileHeap, numTasks <= slots, wake),
    onTaskKilled: (t) => {
      const ts = tasks.taskSet(t);
      record({ timeMs: clock.now, type: "taskKilled", stageId: ts.stageId, attempt: ts.attempt, partition: tasks.partition(t), executorId: tasks.executorId(t), speculative: tasks.speculative(t) });
    },
  };
}

/**
 * `killTask(reason = "another attempt succeeded")` (`TaskSetManager.handleSuccessfulTask`): the
 * attempt stops at once in the model and its slot takes other work.
 */
export function killAttempt(backend: CoarseGrainedSchedulerBackend, task: RunningTask): void {
  const p = backend.p, tasks = backend.tasks, slots = tasks.slots(task);
  tasks.markFailed(task);
  backend.runningTasks?.get(slots.id)?.delete(task);
  if (tasks.recordIndex(task) >= 0) p.taskRecords?.kill(tasks.recordIndex(task), p.sim.now);
  p.taskScheduler.releaseSlot(slots);
  p.dag.handleTaskKilled(task);
  if (!backend.stopped) p.taskScheduler.offerFreed(slots);
}
