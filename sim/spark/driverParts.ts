import type { SchedulerBackendParts } from "./CoarseGrainedSchedulerBackend.js";
import type { DAGSchedulerHooks } from "./DAGSchedulerHooks.js";
import type { DriverContext } from "./DriverContext.js";
import type { DriverProgramParts } from "./DriverProgram.js";

// The parts objects the application hands its components, each written as one literal with its
// properties named one by one. A spread (`{ ...ctx, dag }`) would do the same in fewer words, but
// once V8's clone cache for it goes megamorphic (a few runs into one process: a sweep, a bench),
// every run's object gets a hidden class of its own, and the hot readers of it (`launchTask`,
// `taskEnded`, `submitMissingTasks`) deoptimise and recompile in every run.

type Own<T> = Omit<T, keyof DriverContext>;

/** The scheduler backend's parts: the context and its own. */
export function schedulerBackendParts(ctx: DriverContext, own: Own<SchedulerBackendParts>): SchedulerBackendParts {
  return {
    sim: ctx.sim,
    conf: ctx.conf,
    scenario: ctx.scenario,
    bus: ctx.bus,
    mapOutputs: ctx.mapOutputs,
    profiles: ctx.profiles,
    random: ctx.random,
    record: ctx.record,
    events: ctx.events,
    clusterManager: own.clusterManager,
    taskScheduler: own.taskScheduler,
    nodes: own.nodes,
    dag: own.dag,
    monitor: own.monitor,
    taskRecords: own.taskRecords,
    trace: own.trace,
    onAbort: own.onAbort,
  };
}

/** The driver program's parts: the context and its own. */
export function driverProgramParts(ctx: DriverContext, own: Own<DriverProgramParts>): DriverProgramParts {
  return {
    sim: ctx.sim,
    conf: ctx.conf,
    scenario: ctx.scenario,
    bus: ctx.bus,
    mapOutputs: ctx.mapOutputs,
    profiles: ctx.profiles,
    random: ctx.random,
    record: ctx.record,
    events: ctx.events,
    clusterManager: own.clusterManager,
    initialTarget: own.initialTarget,
    onJobEnded: own.onJobEnded,
    endApplication: own.endApplication,
  };
}

type Recording = Pick<DAGSchedulerHooks, "onJobStart" | "onStageSubmitted" | "onStageCompleted" | "onStageFailed">;
type Application = Pick<DAGSchedulerHooks, "onJobEnd" | "scheduleResubmit">;
type Speculation = Pick<DAGSchedulerHooks, "speculationFor" | "killAttempt" | "onTaskKilled">;

/** The DAGScheduler's hooks, every one present (the speculation ones undefined when it is off). */
export function dagSchedulerHooks(recording: Recording, app: Application, speculation: Speculation): DAGSchedulerHooks {
  return {
    onJobStart: recording.onJobStart,
    onJobEnd: app.onJobEnd,
    onStageSubmitted: recording.onStageSubmitted,
    onStageCompleted: recording.onStageCompleted,
    onStageFailed: recording.onStageFailed,
    scheduleResubmit: app.scheduleResubmit,
    speculationFor: speculation.speculationFor,
    killAttempt: speculation.killAttempt,
    onTaskKilled: speculation.onTaskKilled,
  };
}
