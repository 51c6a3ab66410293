import type { TaskLocality } from "../result/TaskLocality.js";
import { BlockManagerMaster } from "./BlockManagerMaster.js";
import type { CoarseGrainedSchedulerBackend } from "./CoarseGrainedSchedulerBackend.js";
import type { ClusterNodes } from "./ClusterNodes.js";
import type { DriverContext } from "./DriverContext.js";
import { Phase } from "./phases.js";
import { PreferredLocations } from "./PreferredLocations.js";
import type { DAGScheduler } from "./DAGScheduler.js";
import { speculationScheduler, type SpeculationScheduler } from "./SpeculationScheduler.js";
import { TaskSchedulerImpl, type ExecutorSlots, type TaskSetManager } from "./TaskSchedulerImpl.js";

/** The task scheduler with what locality needs: hosts, cached block locations, preferred locations. */
export interface TaskScheduling {
  readonly taskScheduler: TaskSchedulerImpl;
  readonly nodes: ClusterNodes;
  /** On the listener bus: it learns where cached blocks are from the driver's events. */
  readonly blocks: BlockManagerMaster;
  readonly preferredLocations: PreferredLocations;
  /** TaskSchedulerImpl's speculation check (spark.speculation on). */
  readonly speculation: SpeculationScheduler | undefined;
  /** Where the task scheduler launches: set its backend once built. */
  readonly launcher: BackendLauncher;
}

/**
 * Hands the task scheduler's launches to the backend, which is built after the scheduler: an
 * object of one class, not a closure made per run (see `Clock`).
 */
export class BackendLauncher {
  backend: CoarseGrainedSchedulerBackend | undefined = undefined;

  launchTask(ts: TaskSetManager, index: number, slots: ExecutorSlots, locality: TaskLocality, speculative: boolean): void {
    this.backend!.launchTask(ts, index, slots, locality, speculative);
  }
}

/** Builds the task scheduler, on the cluster manager's hosts, and the preferred locations of tasks. */
export function createTaskScheduling(
  ctx: DriverContext,
  nodes: ClusterNodes,
  dag: () => DAGScheduler,
  /** The run keeps task records (`SimulateOptions.recordTasks`): running tasks keep their record rows. */
  recordTasks = false,
): TaskScheduling {
  const { conf, sim, random, mapOutputs } = ctx;
  const launcher = new BackendLauncher();
  const taskScheduler = new TaskSchedulerImpl({
    slotsPerExecutor: conf.tasksPerExecutor,
    multipleProfiles: ctx.profiles.hasCustomProfiles,
    offerShuffle: random.stream("resourceOffers"),
    locality: conf.locality,
    clock: sim,
    scheduleRevive: (atMs) => sim.schedule(atMs, Phase.Driver, { type: "reviveOffers" }),
    launcher,
    // Only speculation reads a running task's duration and launch time.
    runningTaskFields: { times: conf.speculation, records: recordTasks },
  });
  const blocks = new BlockManagerMaster();
  const preferredLocations = new PreferredLocations({ conf: conf.locality, mapOutputs, blocks, nodes, view: taskScheduler, random, clock: sim });
  const speculation = conf.speculation ? speculationScheduler(ctx, taskScheduler, dag) : undefined;
  return { taskScheduler, nodes, blocks, preferredLocations, speculation, launcher };
}
