import type { RandomStream } from "../core/random.js";
import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";
import type { TaskRecords } from "../result/TaskRecords.js";
import { sampleDuration } from "../scenario/durations.js";
import { attemptDurationMs } from "./Stage.js";
import { DEFAULT_TERMINATION_GRACE_PERIOD_MS, type ExecutorLossCause } from "../scenario/Scenario.js";
import type { ExecutorStopped } from "./AppEvent.js";
import type { ExecutorPools } from "./ExecutorPools.js";
import type { DAGScheduler } from "./DAGScheduler.js";
import type { DriverContext } from "./DriverContext.js";
import { ExecutorDecommissioner, type DecommissionRemoval, type DecommissionState } from "./ExecutorDecommissioner.js";
import { afterLoss, failRunningTasks } from "./ExecutorLost.js";
import { executorAddedEvent, executorRemovedEvent, recordExecutorRemoved } from "./executorEvents.js";
import { ExecutorLosses, type ScheduledLoss } from "./ExecutorLosses.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import { podGoneAfterKillMs } from "./ExecutorPodsAllocator.js";
import type { ModelTraceRecorder } from "./ModelTraceRecorder.js";
import { Phase } from "./phases.js";
import type { TaskLocality } from "../result/TaskLocality.js";
import type { ClusterNodes } from "./ClusterNodes.js";
import type { ExecutorSlots, RunningTask, TaskSchedulerImpl, TaskSetManager } from "./TaskSchedulerImpl.js";
import type { RunningTasks } from "./RunningTask.js";

/** What the backend works with besides the driver's context. */
export interface SchedulerBackendParts extends DriverContext {
  readonly clusterManager: ExecutorPools;
  readonly taskScheduler: TaskSchedulerImpl;
  readonly nodes: ClusterNodes;
  readonly dag: DAGScheduler;
  readonly monitor: ExecutorMonitor;
  readonly taskRecords: TaskRecords | undefined;
  readonly trace: ModelTraceRecorder | undefined;
  /** A job was aborted (a task failed spark.task.maxFailures times): the application ends. */
  onAbort(): void;
}

/**
 * The driver's side of the executors (`CoarseGrainedSchedulerBackend`): registration, task
 * launches, kills with their removal latency, removal (`ExecutorRemoved` on the bus, map
 * outputs lost without the external shuffle service) and executor losses.
 */
export class CoarseGrainedSchedulerBackend {
  private kills = 0;
  /** Killed, container or pod not gone yet: tracked by the driver, and not (Kubernetes). */
  private stoppingTrackedCount = 0;
  private stoppingUntrackedCount = 0;
  /** Killed executors the driver still tracks until their container stops. */
  private readonly stopping = new Set<string>();
  /** Running tasks per executor, kept only when the scenario loses executors. */
  readonly runningTasks: Map<string, Set<RunningTask>> | undefined;
  stopped = false;
  private readonly removalStream: RandomStream;
  /** The scenario's executor losses (`cluster.executorLosses`). */
  private readonly losses: ExecutorLosses;
  /** Decommissioning executors (`spark.decommission.enabled`). */
  readonly decommissioner: ExecutorDecommissioner;
  tasksRun = 0; // task attempts launched (an engine counter)
  /** The running attempts, a row each (`RunningTask` is a row). */
  readonly tasks: RunningTasks;

  constructor(readonly p: SchedulerBackendParts) {
    this.tasks = p.taskScheduler.tasks;
    this.removalStream = p.random.stream("executorRemovalMs");
    const decommission = p.conf.decommission.enabled;
    this.losses = new ExecutorLosses(p.scenario.cluster.executorLosses ?? [], p.random, decommission);
    // Kept to fail the tasks of a lost or force-killed executor.
    this.runningTasks = this.losses.any || decommission ? new Map() : undefined;
    this.decommissioner = new ExecutorDecommissioner(p, p.monitor, {
      isExecutorActive: (id) => this.isExecutorActive(id),
      executorNumber: (id) => p.taskScheduler.executorNumber(id),
      stopOffers: (id) => p.taskScheduler.executorRemoved(id),
      removeDecommissioned: (d, finished) => this.removeDecommissioned(d, finished),
    });
  }

  /** At application start: the losses due at fixed times. */
  start(): void {
    for (const loss of this.losses.atStart()) this.scheduleLoss(loss);
  }

  /** Killed executors whose container the driver still counts, and all killed ones not gone yet. */
  get stoppingTracked(): number {
    return this.stoppingTrackedCount;
  }
  get stoppingTotal(): number {
    return this.stoppingTrackedCount + this.stoppingUntrackedCount;
  }

  /** `isExecutorActive`: registered, not killed, not decommissioning. */
  isExecutorActive(id: string): boolean {
    return this.p.monitor.isTracked(id) && !this.stopping.has(id) && !this.decommissioner.isDecommissioning(id);
  }

  /** `decommissionExecutors(ids)` for the allocation manager's scale-down ("spark scale down"). */
  decommissionExecutors(ids: readonly string[]): string[] {
    const removal = (id: string): DecommissionRemoval => {
      const t = this.p.monitor.timeoutOf(id);
      return { reason: t?.reason ?? "idle-timeout", ...(t !== undefined && t.idleStartMs >= 0 ? { idleSinceMs: t.idleStartMs } : {}) };
    };
    return this.decommissioner.decommission(ids, "scale-down", removal);
  }

  /** `RegisterExecutor`: false when its request was withdrawn meanwhile. */
  registerExecutor(executorId: string): boolean {
    const p = this.p;
    if (!p.clusterManager.register(executorId)) return false;
    const now = p.sim.now;
    const rpId = p.clusterManager.resourceProfileOf(executorId);
    p.events.executorAdded(executorId, now, rpId);
    p.bus.postExecutorAdded(executorAddedEvent(executorId, now, rpId));
    if (this.runningTasks !== undefined) {
      this.runningTasks.set(executorId, new Set());
      for (const loss of this.losses.onExecutorAdded(executorId, now)) this.scheduleLoss(loss);
    }
    p.taskScheduler.executorAdded(executorId, p.nodes.place(executorId, p.clusterManager.hostOf?.(executorId)), rpId, p.profiles.resourceProfileFromId(rpId).maxTasksPerExecutor);
    return true;
  }

  private scheduleLoss(loss: ScheduledLoss): void {
    this.p.sim.schedule(loss.atMs, Phase.ExecutorLost, { type: "executorLost", loss });
  }

  launchTask(ts: TaskSetManager, index: number, slots: ExecutorSlots, locality: TaskLocality, speculative: boolean): void {
    const p = this.p, executorId = slots.id, partition = ts.partitions[index]!;
    const now = p.sim.now;
    const durationMs = attemptDurationMs(ts, partition);
    const task = this.tasks.take(ts, index, partition, slots, durationMs, locality, now, speculative);
    this.tasksRun++;
    if (p.taskRecords !== undefined) this.tasks.setRecordIndex(task, p.taskRecords.start(ts.stageId, ts.attempt, partition, executorId, now, now + durationMs, locality, speculative));
    this.runningTasks?.get(executorId)?.add(task);
    ts.speculation?.launched(task);
    p.bus.postTaskStartOf(ts.stageId, ts.attempt, index, executorId, slots.number, speculative, now);
    p.sim.schedule(now + durationMs, Phase.TaskEnd, task);
  }

  /** `StatusUpdate` of a finished task: false when its executor was lost first (the failure was handled then) or it was killed. */
  taskEnded(task: RunningTask): boolean {
    const tasks = this.tasks;
    const ended = !tasks.failed(task);
    const slots = tasks.slots(task);
    if (ended) {
      this.runningTasks?.get(slots.id)?.delete(task);
      this.p.taskScheduler.releaseSlot(slots);
      this.p.dag.handleTaskSuccess(task);
    }
    // Its queue entry was the last reference: given back before the offer, whose launch takes it again while it is in cache.
    tasks.release(task);
    if (ended && !this.stopped) this.p.taskScheduler.offerFreed(slots);
    return ended;
  }

  /**
   * `killExecutors(force = false)`: a busy executor is not killed. A killed executor takes no
   * more tasks and the cluster manager stops counting it at once; its container or pod runs
   * on for the removal latency. YARN and generic: the driver tracks it (ExecutorMonitor counts
   * it, pending removal) until ExecutorRemoved at the end; Kubernetes: the driver removes it
   * at once (`doKillExecutors` calls `removeExecutor`) while the pod terminates.
   */
  kill(executorId: string): boolean {
    const p = this.p;
    if (p.taskScheduler.isExecutorBusy(executorId)) return false;
    const tracker = p.monitor.tracker(executorId);
    const reason = tracker?.timeoutReason ?? "idle-timeout";
    const idleSinceMs = tracker?.idleStartMs;
    const latencyMs = this.removalLatencyMs();
    this.kills++;
    p.clusterManager.executorGone(executorId);
    if (latencyMs === 0) {
      p.clusterManager.containerStopped(executorId);
      this.removeExecutor(executorId, reason, idleSinceMs);
      return true;
    }
    const driverTracks = p.scenario.cluster.manager !== "kubernetes";
    if (driverTracks) {
      this.stoppingTrackedCount++;
      this.stopping.add(executorId);
      p.taskScheduler.executorRemoved(executorId);
    } else {
      this.stoppingUntrackedCount++;
      this.removeExecutor(executorId, reason, idleSinceMs);
    }
    const killedAtMs = p.sim.now;
    p.sim.schedule(killedAtMs + latencyMs, Phase.ExecutorRemoved, { type: "executorStopped", executorId, driverTracks, reason, idleSinceMs, killedAtMs });
    return true;
  }

  /**
   * Kill to gone: the drawn `cluster.executorRemovalMs`; on Kubernetes the pod is gone at the
   * earlier of that and its delete grace period plus termination grace period.
   */
  private removalLatencyMs(): number {
    const cluster = this.p.scenario.cluster;
    const spec = cluster.executorRemovalMs;
    const drawnMs = spec === undefined ? 0 : Math.max(0, sampleDuration(spec, this.kills, this.removalStream));
    if (cluster.manager !== "kubernetes") return drawnMs;
    const terminationGracePeriodMs = cluster.kubernetes?.terminationGracePeriodMs ?? DEFAULT_TERMINATION_GRACE_PERIOD_MS;
    return podGoneAfterKillMs(drawnMs, this.p.conf.kubernetesDeleteGracePeriodMs, terminationGracePeriodMs);
  }

  /** A killed executor's container is gone: false when the driver had removed it already (Kubernetes). */
  executorStopped(e: ExecutorStopped): boolean {
    this.stopping.delete(e.executorId);
    this.p.clusterManager.containerStopped(e.executorId);
    if (!e.driverTracks) {
      this.stoppingUntrackedCount--;
      return false;
    }
    this.stoppingTrackedCount--;
    this.removeExecutor(e.executorId, e.reason, e.idleSinceMs, e.killedAtMs);
    return true;
  }

  private removeExecutor(executorId: string, reason: ExecutorRemovalReason, idleSinceMs?: number, killedAtMs?: number, cause?: ExecutorLossCause, finished = false): void {
    const p = this.p;
    p.taskScheduler.executorRemoved(executorId);
    p.nodes.release(executorId);
    this.runningTasks?.delete(executorId);
    const decommissioned = this.decommissioner.take(executorId);
    // Without the external shuffle service, map outputs die with the executor; when its node
    // goes, the node's shuffle service goes too (`ExecutorProcessLost` with a worker host).
    // At the application's end nothing reads them any more.
    if ((!p.conf.shuffleServiceEnabled || cause === "interruption") && reason !== "application-end") {
      // Losses and decommissions: kills of idle executors keep the model's behaviour (see resubmitLostMapTasks).
      const resubmit = (cause !== undefined || decommissioned !== undefined) && !p.conf.shuffleServiceEnabled;
      const lost = p.mapOutputs.removeOutputsOnExecutor(executorId, resubmit);
      if (resubmit) p.dag.resubmitLostMapTasks(executorId, lost);
    }
    const timeMs = p.sim.now;
    recordExecutorRemoved(p.events, executorId, timeMs, reason, idleSinceMs, killedAtMs, cause, decommissioned?.startMs, finished);
    p.bus.postExecutorRemoved(executorRemovedEvent(executorId, timeMs, reason, finished));
    p.trace?.removed(executorId);
  }

  /** A scheduled loss fired: false when it took no live executor. */
  executorLost(loss: ScheduledLoss): boolean {
    const ids = "count" in loss ? this.losses.choose(loss, this.p.monitor.executorIds()) : [loss.executorId];
    if (loss.lossAtMs !== undefined) return this.lossNotice(ids, loss.lossAtMs, loss.cause);
    let lostAny = false;
    for (const id of ids) if (!this.stopped && this.loseExecutor(id, loss.cause)) lostAny = true;
    return lostAny;
  }

  /**
   * The notice of a loss (Kubernetes' SIGPWR before a spot node goes): each executor
   * decommissions itself (`decommissionSelf`, the driver's `decommissionExecutors` with
   * `triggeredByExecutor`; the allocation manager's monitor is not told) and is lost at
   * `lossAtMs` if it has not exited by then.
   */
  private lossNotice(ids: readonly string[], lossAtMs: number, cause: ExecutorLossCause): boolean {
    for (const executorId of ids) this.scheduleLoss({ atMs: lossAtMs, executorId, cause });
    if (this.stopped) return false;
    return this.decommissioner.decommission(ids, "notice", () => ({ reason: "executor-lost", cause }), lossAtMs).length > 0;
  }

  /**
   * An executor is lost (`CoarseGrainedSchedulerBackend.removeExecutor` with a loss reason):
   * its running tasks fail (`ExecutorLostFailure`) and go back to pending, TaskEnd before
   * ExecutorRemoved; its map output goes (see `removeExecutor`); a running stage that needs
   * lost output fails and is resubmitted with its parents; the cluster manager replaces it.
   * False when it was not live.
   */
  private loseExecutor(executorId: string, cause: ExecutorLossCause): boolean {
    const p = this.p;
    // Not live, or killed and on its way out (its container stops anyway).
    if (!p.monitor.isTracked(executorId) || this.stopping.has(executorId)) return false;
    const abort = failRunningTasks(p, this.runningTasks?.get(executorId), executorId, cause === "failure");
    p.clusterManager.executorLost(executorId);
    this.removeExecutor(executorId, "executor-lost", undefined, undefined, cause);
    afterLoss(p, abort);
    return true;
  }

  /**
   * A decommissioning executor exits once done, or is force-killed (`killExecutors(force =
   * true)` after `forceKillTimeout`: its running tasks fail, not counted).
   */
  private removeDecommissioned(d: DecommissionState, finished: boolean): void {
    const p = this.p;
    const abort = finished ? undefined : failRunningTasks(p, this.runningTasks?.get(d.id), d.id, false);
    p.clusterManager.executorLost(d.id); // gone with its container; the manager tops up to its target
    this.removeExecutor(d.id, d.removal.reason, d.removal.idleSinceMs, undefined, d.removal.cause, finished);
    afterLoss(p, abort);
  }

  /** The application stops (`stop()`): requests are withdrawn and every executor goes, in id order. */
  stop(): void {
    this.stopped = true;
    this.p.clusterManager.cancelAll();
    const live = this.p.monitor.executorIds().sort((a, b) => Number(a) - Number(b));
    for (const id of live) {
      this.p.clusterManager.executorGone(id);
      this.removeExecutor(id, "application-end");
    }
    this.stoppingTrackedCount = 0;
    this.stoppingUntrackedCount = 0;
  }
}
