import { SeededRandom } from "../core/random.js";
import { MAX_SIMULATED_MS } from "../limits.js";
import { Simulation } from "../core/Simulation.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { SimulationResult } from "../result/SimulationResult.js";
import { TaskRecords } from "../result/TaskRecords.js";
import { COL, TIMELINE_COLUMNS, Timeline } from "../result/Timeline.js";
import type { TaskDurationCache } from "../scenario/durations.js";
import type { ExecutorLossCause, Scenario } from "../scenario/Scenario.js";
import { RESULT_FORMAT_VERSION, SIMULATOR_VERSION } from "../version.js";
import { SimulationError } from "./SimulationError.js";
import { ClusterManager, type ClusterManagerBackend, type ClusterManagerHooks } from "./ClusterManager.js";
import { ExecutorPodsAllocator, podGoneAfterKillMs } from "./ExecutorPodsAllocator.js";
import { YarnAllocator } from "./YarnAllocator.js";
import { NodeAutoscaler } from "./NodeAutoscaler.js";
import { PodStartup } from "./PodStartup.js";

import { sampleDuration } from "../scenario/durations.js";
import type { RandomStream } from "../core/random.js";
import { DEFAULT_TERMINATION_GRACE_PERIOD_MS, DEFAULT_YARN } from "../scenario/Scenario.js";
import type { SparkConf } from "../conf/SparkConf.js";
import { ContextCleaner } from "./ContextCleaner.js";
import { DAGScheduler, type StageAbort } from "./DAGScheduler.js";
import { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import { ALLOCATION_TICK_MS, ExecutorAllocationManager, maxExecutorsNeeded, type TargetChangeCause } from "./ExecutorAllocationManager.js";
import { ExecutorLosses, type ScheduledLoss } from "./ExecutorLosses.js";
import { ExecutorMonitor } from "./ExecutorMonitor.js";
import { MapOutputTracker } from "./MapOutputTracker.js";
import { ModelTraceRecorder } from "./ModelTraceRecorder.js";
import { Phase } from "./phases.js";
import { ListenerBus, type ExecutorRemovalReason } from "./SparkListener.js";
import { TaskSchedulerImpl, type RunningTask, type TaskSetManager } from "./TaskSchedulerImpl.js";

/** Executors requested at start when dynamic allocation is off and instances is unset (YARN/K8s). */
export const DEFAULT_STATIC_EXECUTORS = 2;

export interface SimulateOptions {
  /** What was found before the run (reading the scenario and the conf): the result carries them. */
  readonly warnings?: readonly string[];
  /** Evaluate the allocation tick every 100 ms with a full executor scan: the reference that tick skipping is tested against. */
  readonly evaluateEveryTick?: boolean;
  /** Stop with an error if simulated time passes this (default 30 days). */
  readonly maxSimulatedMs?: number;
  /** Keep every task attempt (stage, partition, executor, start, end) in the result. */
  readonly recordTasks?: boolean;
  /** Keep the model state behind the events (executor states, target decisions): `explain` and the report read it. */
  readonly recordTrace?: boolean;
  /** Task durations drawn by earlier runs of the same scenario (by seed and stage), reused and added to. */
  readonly taskDurationCache?: TaskDurationCache;
}

type AppEvent =
  | RunningTask
  | { readonly type: "executorRegistered"; readonly executorId: string }
  | { readonly type: "driverReady" }
  | { readonly type: "submitJob"; readonly jobIndex: number }
  | { readonly type: "unpersist"; readonly rddId: number }
  | { readonly type: "periodicGC" }
  | { readonly type: "applicationEnd" }
  | { readonly type: "podAllocationRound"; readonly periodic: boolean }
  | { readonly type: "yarnHeartbeat" }
  | { readonly type: "nodeChange"; readonly kind: "up" | "down" }
  | {
      readonly type: "executorStopped";
      readonly executorId: string;
      /** The driver still tracks it (YARN, generic) and posts ExecutorRemoved now; Kubernetes removed it at the kill. */
      readonly driverTracks: boolean;
      readonly reason: ExecutorRemovalReason;
      readonly idleSinceMs: number | undefined;
      readonly killedAtMs: number;
    }
  | { readonly type: "allocationTick" }
  | { readonly type: "executorLost"; readonly loss: ScheduledLoss }
  | { readonly type: "resubmitFailedStages" };

const ceilToTick = (ms: number): number => Math.ceil(ms / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS;

/**
 * One Spark application on a simulated cluster: the driver (DAG and task schedulers, the
 * allocation manager and monitor, the ContextCleaner) and a cluster manager, on one event
 * queue. t = 0 is application start (SparkContext created, allocation manager started).
 */
class SparkApplication {
  private readonly sim: Simulation<AppEvent>;
  private readonly bus = new ListenerBus();
  private readonly monitor: ExecutorMonitor;
  private readonly listener: ExecutorAllocationListener;
  private readonly eam: ExecutorAllocationManager | undefined;
  private readonly taskScheduler: TaskSchedulerImpl;
  private readonly dag: DAGScheduler;
  private readonly mapOutputs = new MapOutputTracker();
  private readonly cleaner: ContextCleaner | undefined;
  private readonly cluster: ClusterManagerBackend;
  private readonly podAllocator: ExecutorPodsAllocator | undefined;
  private readonly yarnAllocator: YarnAllocator | undefined;
  private readonly nodeAutoscaler: NodeAutoscaler | undefined;
  private readonly removalStream: RandomStream;
  private kills = 0;
  /** Killed, container or pod not gone yet: tracked by the driver, and not (Kubernetes). */
  private stoppingTracked = 0;
  private stoppingUntracked = 0;
  private readonly scheduledRounds = new Set<number>();
  private readonly random: SeededRandom;
  private readonly staticTarget: number;
  private readonly losses: ExecutorLosses;
  /** Killed executors the driver still tracks until their container stops. */
  private readonly stopping = new Set<string>();
  /** Running tasks per executor, kept only when the scenario loses executors. */
  private readonly runningTasks: Map<string, Set<RunningTask>> | undefined;

  readonly events: SimEvent[] = [];
  readonly timeline = new Timeline();
  private readonly taskRecords: TaskRecords | undefined;
  private readonly trace: ModelTraceRecorder | undefined;
  private readonly row = new Float64Array(TIMELINE_COLUMNS.length);
  private ended = false;
  private driverReady = false;
  private jobsEnded = 0;
  private tasksRun = 0;
  private ticksEvaluated = 0;
  private lastTickMs = -1;
  private readonly scheduledTicks = new Set<number>();

  constructor(
    private readonly scenario: Scenario,
    private readonly conf: SparkConf,
    private readonly options: SimulateOptions,
  ) {
    this.sim = new Simulation<AppEvent>((e) => this.handle(e));
    this.taskRecords = options.recordTasks === true ? new TaskRecords() : undefined;
    this.random = new SeededRandom(scenario.seed);
    this.losses = new ExecutorLosses(scenario.cluster.executorLosses ?? [], this.random);
    this.runningTasks = this.losses.any ? new Map() : undefined;
    const now = (): number => this.sim.now;
    const dra = conf.dynamicAllocationEnabled;

    // The every-tick mode is the reference for tests: it also scans every executor each time.
    this.monitor = new ExecutorMonitor(conf, now, (deadlineMs) => this.requestTick(deadlineMs), undefined, options.evaluateEveryTick === true);
    const clusterHooks: ClusterManagerHooks = {
      scheduleRegistration: (executorId, atMs) => this.sim.schedule(atMs, Phase.ExecutorRegistered, { type: "executorRegistered", executorId }),
      onRequested: (executorId) => this.record({ timeMs: now(), type: "executorRequested", executorId }),
      onCancelled: (executorId) => this.record({ timeMs: now(), type: "executorRequestCancelled", executorId }),
      kill: (executorId) => this.kill(executorId),
    };
    const startupStream = this.random.stream("executorStartupMs");
    this.removalStream = this.random.stream("executorRemovalMs");
    this.yarnAllocator = undefined;
    const nodes = scenario.cluster.nodes;
    this.nodeAutoscaler =
      nodes === undefined || scenario.cluster.manager === "yarn"
        ? undefined
        : new NodeAutoscaler(nodes, (atMs, kind) => this.sim.schedule(atMs, Phase.ClusterManagerRound, { type: "nodeChange", kind }));
    const podStartup = scenario.cluster.kubernetes?.podStartup;
    if (scenario.cluster.manager === "kubernetes") {
      this.podAllocator = new ExecutorPodsAllocator(
        {
          batchSize: conf.kubernetesAllocationBatchSize,
          maxPendingPods: conf.features.kubernetesMaxPendingPods ? conf.kubernetesMaxPendingPods : Infinity,
          executorIdleTimeoutMs: conf.executorIdleTimeoutMs,
          spark30Rules: conf.features.kubernetesAllocatorSpark30,
        },
        scenario.cluster.executorStartupMs,
        startupStream,
        now,
        { ...clusterHooks, requestRound: () => this.scheduleRound(this.sim.now, false) },
        scenario.cluster.maxContainers ?? Infinity,
        this.nodeAutoscaler,
        podStartup === undefined ? undefined : new PodStartup(podStartup, this.random),
      );
      this.cluster = this.podAllocator;
    } else if (scenario.cluster.manager === "yarn") {
      this.podAllocator = undefined;
      const yarn = scenario.cluster.yarn ?? DEFAULT_YARN;
      this.yarnAllocator = new YarnAllocator(
        {
          heartbeatIntervalMs: conf.yarnHeartbeatIntervalMs,
          initialAllocationIntervalMs: conf.yarnInitialAllocationIntervalMs,
          amStartupMs: yarn.amStartupMs,
          containerAllocationMs: yarn.containerAllocationMs,
          maxContainers: scenario.cluster.maxContainers ?? Infinity,
        },
        scenario.cluster.executorStartupMs,
        startupStream,
        now,
        { ...clusterHooks, scheduleHeartbeat: (atMs) => this.sim.schedule(atMs, Phase.ClusterManagerRound, { type: "yarnHeartbeat" }) },
      );
      this.cluster = this.yarnAllocator;
    } else {
      this.podAllocator = undefined;
      this.cluster = new ClusterManager(scenario.cluster.executorStartupMs, startupStream, now, clusterHooks, scenario.cluster.maxContainers ?? Infinity, this.nodeAutoscaler);
    }
    this.eam = dra
      ? new ExecutorAllocationManager(conf, this.monitor, () => this.listener, this.cluster, now, {
          onTargetChanged: (target, previous, cause) => {
            this.record({ timeMs: now(), type: "targetChanged", target, previous, cause });
            if (this.trace !== undefined) this.traceTargetDecision(target, previous, cause);
          },
          onAddTimeSet: (addTimeMs) => this.requestTick(addTimeMs),
        })
      : undefined;
    this.listener = new ExecutorAllocationListener(this.eam);
    // The allocation listener first, then the monitor (their order on Spark's queue).
    this.bus.add(this.listener);
    this.bus.add(this.monitor);
    this.staticTarget = conf.executorInstances ?? DEFAULT_STATIC_EXECUTORS;

    this.taskScheduler = new TaskSchedulerImpl(conf.tasksPerExecutor, this.random.stream("resourceOffers"), (ts, index, executorId) =>
      this.launchTask(ts, index, executorId),
    );
    this.dag = new DAGScheduler(scenario.workload.jobs, this.bus, this.taskScheduler, this.mapOutputs, this.random, now, {
      onJobStart: (jobId, jobIndex, stageIds, skippedStageIds) => {
        const name = scenario.workload.jobs[jobIndex]!.name;
        this.record({ timeMs: now(), type: "jobStart", jobId, jobIndex, ...(name === undefined ? {} : { name }), stageIds, skippedStageIds });
      },
      onJobEnd: (jobId, jobIndex) => this.jobEnded(jobId, jobIndex),
      onStageSubmitted: (stageId, attempt, tasks) => this.record({ timeMs: now(), type: "stageSubmitted", stageId, attempt, tasks }),
      onStageCompleted: (stageId, attempt) => this.record({ timeMs: now(), type: "stageCompleted", stageId, attempt }),
      onStageFailed: (stageId, attempt, reason) => this.record({ timeMs: now(), type: "stageFailed", stageId, attempt, reason }),
      scheduleResubmit: (delayMs) => this.sim.schedule(now() + delayMs, Phase.Driver, { type: "resubmitFailedStages" }),
    }, options.taskDurationCache);

    const cleanerOn = conf.cleanerReferenceTracking && Number.isFinite(conf.cleanerPeriodicGcIntervalMs) && conf.cleanerPeriodicGcIntervalMs > 0;
    const shufflesByJob = scenario.workload.jobs.map((_, i) => this.dag.lineageShuffleIds(i));
    this.cleaner = cleanerOn ? new ContextCleaner(shufflesByJob) : undefined;
    if (options.recordTrace === true) {
      this.monitor.trackChanges();
      const shuffleJobIndices = new Map<number, number[]>();
      shufflesByJob.forEach((ids, jobIndex) => {
        for (const id of ids) shuffleJobIndices.set(id, [...(shuffleJobIndices.get(id) ?? []), jobIndex]);
      });
      this.trace = new ModelTraceRecorder(shuffleJobIndices);
    } else this.trace = undefined;
  }

  run(): SimulationResult {
    // Periodic events (GC, pod rounds) never let the queue empty, so say this one up front.
    if (this.eam === undefined && this.staticTarget === 0) throw new SimulationError(this.stallMessage(), "no-executors");
    this.start();
    const limit = this.options.maxSimulatedMs ?? MAX_SIMULATED_MS;
    while (!this.ended) {
      const t = this.sim.nextTime();
      if (t === undefined) throw new SimulationError(this.stallMessage());
      if (t > limit) {
        const days = limit === MAX_SIMULATED_MS ? " (30 days, the simulator's limit: see README \"Limits\")" : "";
        throw new SimulationError(`simulated time passed ${limit} ms${days} before the workload finished: ${this.stallMessage()}`, "time-limit");
      }
      this.sim.runUntil(t);
      this.sample(t);
    }
    const endMs = this.sim.now;
    if (this.timeline.lastTime() !== endMs) {
      this.fillRow(endMs);
      this.timeline.push(this.row);
    }
    return {
      formatVersion: RESULT_FORMAT_VERSION,
      simulatorVersion: SIMULATOR_VERSION,
      scenarioName: this.scenario.name,
      seed: this.scenario.seed,
      sparkVersion: this.conf.sparkVersion.label,
      scenario: this.scenario,
      conf: this.conf,
      timeline: this.timeline,
      events: this.events,
      tasks: this.taskRecords,
      trace: this.trace?.trace(),
      warnings: this.options.warnings ?? [],
      stats: { eventsProcessed: this.sim.eventsProcessed, ticksEvaluated: this.ticksEvaluated, tasksRun: this.tasksRun },
    };
  }

  private start(): void {
    this.record({ timeMs: 0, type: "applicationStart" });
    // The pod allocator's snapshot subscriber: a round now and every batch.delay.
    if (this.podAllocator !== undefined) this.scheduleRound(0, true);
    this.yarnAllocator?.start();
    if (this.eam !== undefined) {
      this.eam.start();
      this.requestTick(0);
    } else {
      this.record({ timeMs: 0, type: "targetChanged", target: this.staticTarget, previous: 0, cause: "initial" });
      this.cluster.requestTotalExecutors(this.staticTarget);
    }
    // TaskSchedulerImpl.waitBackendReady: polls every 100 ms until enough initial executors
    // registered (minRegisteredResourcesRatio) or the waiting time ran out.
    // Spark takes the key unchecked; a negative wait has run out at once (elapsed >= max).
    this.sim.schedule(ceilToTick(Math.max(0, this.conf.maxRegisteredResourcesWaitingTimeMs)), Phase.Driver, { type: "driverReady" });
    this.checkDriverReady();
    for (const u of this.scenario.workload.unpersist) this.sim.schedule(u.atMs, Phase.Driver, { type: "unpersist", rddId: u.rddId });
    if (this.cleaner !== undefined) this.sim.schedule(this.conf.cleanerPeriodicGcIntervalMs, Phase.Driver, { type: "periodicGC" });
    for (const loss of this.losses.atStart()) this.scheduleLoss(loss);
  }

  private handle(e: AppEvent): void {
    if (this.ended) return;
    switch (e.type) {
      case "taskEnd": {
        // Its executor was lost first: the failure was handled then.
        if (e.failed === true) return;
        const exec = e.executorId;
        this.runningTasks?.get(exec)?.delete(e);
        this.taskScheduler.releaseSlot(exec);
        this.dag.handleTaskSuccess(e);
        if (!this.ended) this.taskScheduler.offerFreed(exec);
        break;
      }
      case "executorRegistered":
        if (!this.cluster.register(e.executorId)) return;
        this.record({ timeMs: this.sim.now, type: "executorAdded", executorId: e.executorId });
        this.bus.postExecutorAdded({ executorId: e.executorId, timeMs: this.sim.now });
        if (this.runningTasks !== undefined) {
          this.runningTasks.set(e.executorId, new Set());
          for (const loss of this.losses.onExecutorAdded(e.executorId, this.sim.now)) this.scheduleLoss(loss);
        }
        this.taskScheduler.executorAdded(e.executorId);
        this.checkDriverReady();
        break;
      case "driverReady":
        this.startDriverProgram();
        break;
      case "submitJob":
        this.dag.submitJob(e.jobIndex);
        break;
      case "unpersist":
        this.record({ timeMs: this.sim.now, type: "unpersist", rddId: e.rddId });
        this.bus.postUnpersistRDD({ rddId: e.rddId, timeMs: this.sim.now });
        break;
      case "periodicGC": {
        const cleaned = this.cleaner!.collect();
        for (const shuffleId of cleaned) {
          this.mapOutputs.unregisterShuffle(shuffleId);
          this.record({ timeMs: this.sim.now, type: "shuffleCleaned", shuffleId });
          this.bus.postShuffleCleaned({ shuffleId, timeMs: this.sim.now });
        }
        this.sim.schedule(this.sim.now + this.conf.cleanerPeriodicGcIntervalMs, Phase.Driver, { type: "periodicGC" });
        // A GC that cleans nothing changes nothing the tick reads.
        if (cleaned.length === 0) return;
        break;
      }
      case "applicationEnd":
        this.endApplication();
        return;
      case "podAllocationRound":
        this.scheduledRounds.delete(this.sim.now);
        this.podAllocator!.allocationRound();
        if (e.periodic) this.scheduleRound(this.sim.now + this.conf.kubernetesAllocationBatchDelayMs, true);
        // Creating or deleting pods changes nothing the tick reads (registrations do, later).
        return;
      case "nodeChange": {
        const pods = this.cluster as ClusterManager | ExecutorPodsAllocator;
        if (e.kind === "up") {
          this.nodeAutoscaler!.nodeReady();
          pods.capacityChanged();
        } else this.nodeAutoscaler!.scaleDown(pods.liveContainers, this.sim.now);
        // Placing a pod changes nothing the tick reads (its registration does, later).
        return;
      }
      case "yarnHeartbeat":
        this.yarnAllocator!.heartbeat();
        // Launches change nothing the tick reads (registrations do, later).
        return;
      case "executorStopped":
        this.stopping.delete(e.executorId);
        this.cluster.containerStopped(e.executorId);
        if (!e.driverTracks) {
          this.stoppingUntracked--;
          return;
        }
        this.stoppingTracked--;
        this.removeExecutor(e.executorId, e.reason, e.idleSinceMs, e.killedAtMs);
        break;
      case "allocationTick":
        this.allocationTick();
        return;
      case "executorLost": {
        const loss = e.loss;
        const ids = "count" in loss ? this.losses.choose(loss, [...this.monitor.trackers()].map((t) => t.id)) : [loss.executorId];
        let lostAny = false;
        for (const id of ids) if (!this.ended && this.loseExecutor(id, loss.cause)) lostAny = true;
        if (!lostAny) return;
        break;
      }
      case "resubmitFailedStages":
        this.dag.resubmitFailedStages();
        break;
    }
    // Anything may have changed what the next tick decides.
    this.requestTick(this.sim.now);
  }

  // ---- allocation tick ---------------------------------------------------------------------

  /**
   * Ask for a tick at the first 100 ms boundary at or after `atMs`. Ticks are evaluated only
   * when requested: after any event, at each executor deadline and at the backlog timer; a
   * tick that changes something requests the next one. Skipped ticks would change nothing.
   */
  private requestTick(atMs: number): void {
    if (this.eam === undefined || this.ended) return;
    let t = ceilToTick(Math.max(atMs, this.sim.now));
    if (t <= this.lastTickMs) t = this.lastTickMs + ALLOCATION_TICK_MS;
    if (this.scheduledTicks.has(t)) return;
    this.scheduledTicks.add(t);
    this.sim.schedule(t, Phase.AllocationTick, { type: "allocationTick" });
  }

  private allocationTick(): void {
    const now = this.sim.now;
    this.scheduledTicks.delete(now);
    if (now === this.lastTickMs) return;
    this.lastTickMs = now;
    this.ticksEvaluated++;
    const changed = this.eam!.schedule(now);
    if (changed || this.options.evaluateEveryTick === true) this.requestTick(now + ALLOCATION_TICK_MS);
  }

  /** One round per instant is enough for immediate rounds; periodic ones keep their own cadence. */
  private scheduleRound(atMs: number, periodic: boolean): void {
    if (!periodic && this.scheduledRounds.has(atMs)) return;
    if (!periodic) this.scheduledRounds.add(atMs);
    this.sim.schedule(atMs, Phase.ClusterManagerRound, { type: "podAllocationRound", periodic });
  }

  // ---- executors ---------------------------------------------------------------------------

  /**
   * `killExecutors(force = false)`: a busy executor is not killed. A killed executor takes no
   * more tasks and the cluster manager stops counting it at once; its container or pod runs
   * on for the removal latency. YARN and generic: the driver tracks it (ExecutorMonitor counts
   * it, pending removal) until ExecutorRemoved at the end; Kubernetes: the driver removes it
   * at once (`doKillExecutors` calls `removeExecutor`) while the pod terminates.
   */
  private kill(executorId: string): boolean {
    if (this.taskScheduler.isExecutorBusy(executorId)) return false;
    const tracker = this.monitor.tracker(executorId);
    const reason = tracker?.timeoutReason ?? "idle-timeout";
    const idleSinceMs = tracker?.idleStartMs;
    const spec = this.scenario.cluster.executorRemovalMs;
    const drawnMs = spec === undefined ? 0 : Math.max(0, sampleDuration(spec, this.kills, this.removalStream));
    const k8s = this.scenario.cluster.kubernetes;
    const latencyMs =
      this.podAllocator === undefined
        ? drawnMs
        : podGoneAfterKillMs(drawnMs, this.conf.kubernetesDeleteGracePeriodMs, k8s?.terminationGracePeriodMs ?? DEFAULT_TERMINATION_GRACE_PERIOD_MS);
    this.kills++;
    this.cluster.executorGone(executorId);
    if (latencyMs === 0) {
      this.cluster.containerStopped(executorId);
      this.removeExecutor(executorId, reason, idleSinceMs);
      return true;
    }
    const driverTracks = this.scenario.cluster.manager !== "kubernetes";
    if (driverTracks) {
      this.stoppingTracked++;
      this.stopping.add(executorId);
      this.taskScheduler.executorRemoved(executorId);
    } else {
      this.stoppingUntracked++;
      this.removeExecutor(executorId, reason, idleSinceMs);
    }
    const killedAtMs = this.sim.now;
    this.sim.schedule(killedAtMs + latencyMs, Phase.ExecutorRemoved, { type: "executorStopped", executorId, driverTracks, reason, idleSinceMs, killedAtMs });
    return true;
  }

  private removeExecutor(executorId: string, reason: ExecutorRemovalReason, idleSinceMs?: number, killedAtMs?: number, cause?: ExecutorLossCause): void {
    this.taskScheduler.executorRemoved(executorId);
    this.runningTasks?.delete(executorId);
    // Without the external shuffle service, map outputs die with the executor; when its node
    // goes, the node's shuffle service goes too (`ExecutorProcessLost` with a worker host).
    if (!this.conf.shuffleServiceEnabled || cause === "interruption") {
      const lost = this.mapOutputs.removeOutputsOnExecutor(executorId);
      // Only for losses: kills of idle executors keep the model's behaviour (see resubmitLostMapTasks).
      if (cause !== undefined && !this.conf.shuffleServiceEnabled) this.dag.resubmitLostMapTasks(executorId, lost);
    }
    const timeMs = this.sim.now;
    this.record({
      timeMs,
      type: "executorRemoved",
      executorId,
      reason,
      ...(idleSinceMs !== undefined && idleSinceMs >= 0 ? { idleSinceMs } : {}),
      ...(killedAtMs !== undefined && killedAtMs < timeMs ? { killedAtMs } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
    this.bus.postExecutorRemoved({ executorId, timeMs, reason });
    this.trace?.removed(executorId);
  }

  private scheduleLoss(loss: ScheduledLoss): void {
    this.sim.schedule(loss.atMs, Phase.ExecutorLost, { type: "executorLost", loss });
  }

  /**
   * An executor is lost (`CoarseGrainedSchedulerBackend.removeExecutor` with a loss reason):
   * its running tasks fail (`ExecutorLostFailure`) and go back to pending, TaskEnd before
   * ExecutorRemoved; its map output goes (see `removeExecutor`); a running stage that needs
   * lost output fails and is resubmitted with its parents; the cluster manager replaces it.
   * False when it was not live.
   */
  private loseExecutor(executorId: string, cause: ExecutorLossCause): boolean {
    // Not live, or killed and on its way out (its container stops anyway).
    if (this.monitor.tracker(executorId) === undefined || this.stopping.has(executorId)) return false;
    const now = this.sim.now;
    const tasks = [...(this.runningTasks?.get(executorId) ?? [])];
    this.taskScheduler.executorRemoved(executorId);
    const counted = cause === "failure";
    let abort: StageAbort | undefined;
    for (const task of tasks) {
      task.failed = true;
      if (task.recordIndex !== undefined) this.taskRecords?.fail(task.recordIndex, now);
      this.record({ timeMs: now, type: "taskFailed", stageId: task.taskSet.stageId, attempt: task.taskSet.attempt, partition: task.partition, executorId, counted });
      abort ??= this.dag.handleTaskFailure(task, counted, this.conf.taskMaxFailures);
    }
    this.cluster.executorLost(executorId);
    this.removeExecutor(executorId, "executor-lost", undefined, undefined, cause);
    if (abort !== undefined) {
      this.abortJobs(abort);
      return true;
    }
    this.dag.handleLostMapOutputs();
    // `reviveOffers`: the failed tasks go to free slots elsewhere.
    this.taskScheduler.reviveOffers();
    return true;
  }

  /** A task failed spark.task.maxFailures times: its jobs fail, and the driver program with them. */
  private abortJobs(abort: StageAbort): void {
    for (const j of abort.jobs) this.record({ timeMs: this.sim.now, type: "jobFailed", jobId: j.jobId, jobIndex: j.jobIndex, reason: abort.message });
    this.endApplication();
  }

  // ---- driver program ----------------------------------------------------------------------

  private checkDriverReady(): void {
    if (this.driverReady) return;
    const initial = this.eam !== undefined ? this.conf.initialExecutors : this.staticTarget;
    if (this.cluster.registeredCount >= initial * this.conf.minRegisteredResourcesRatio) {
      this.sim.schedule(ceilToTick(this.sim.now), Phase.Driver, { type: "driverReady" });
    }
  }

  private startDriverProgram(): void {
    if (this.driverReady) return;
    this.driverReady = true;
    const now = this.sim.now;
    this.record({ timeMs: now, type: "driverReady", registeredExecutors: this.cluster.registeredCount });
    this.scenario.workload.jobs.forEach((job, jobIndex) => {
      if (job.submitAtMs !== undefined) this.scheduleJob(jobIndex, Math.max(job.submitAtMs, now));
      else if (jobIndex === 0) this.scheduleJob(0, now + (job.afterPreviousMs ?? 0));
    });
  }

  private scheduleJob(jobIndex: number, atMs: number): void {
    this.sim.schedule(atMs, Phase.Driver, { type: "submitJob", jobIndex });
  }

  private jobEnded(jobId: number, jobIndex: number): void {
    const now = this.sim.now;
    this.record({ timeMs: now, type: "jobEnd", jobId, jobIndex });
    this.cleaner?.jobEnded(jobIndex);
    this.jobsEnded++;
    const next = this.scenario.workload.jobs[jobIndex + 1];
    if (next !== undefined && next.submitAtMs === undefined) this.scheduleJob(jobIndex + 1, now + (next.afterPreviousMs ?? 0));
    if (this.jobsEnded === this.scenario.workload.jobs.length) {
      // The driver may work on after its last job (writing results, spark.stop()).
      const tail = this.scenario.workload.endAfterLastJobMs ?? 0;
      if (tail > 0) this.sim.schedule(now + tail, Phase.Driver, { type: "applicationEnd" });
      else this.endApplication();
    }
  }

  /** The last job ended: the application stops and every executor goes. */
  private endApplication(): void {
    this.ended = true;
    this.cluster.cancelAll();
    const live = [...this.monitor.trackers()].map((t) => t.id).sort((a, b) => Number(a) - Number(b));
    for (const id of live) {
      this.cluster.executorGone(id);
      this.removeExecutor(id, "application-end");
    }
    this.stoppingTracked = 0;
    this.stoppingUntracked = 0;
    this.record({ timeMs: this.sim.now, type: "applicationEnd" });
  }

  // ---- tasks -------------------------------------------------------------------------------

  private launchTask(ts: TaskSetManager, index: number, executorId: string): void {
    const partition = ts.partitions[index]!;
    const durationMs = ts.durationsByPartition[partition]!;
    const task: RunningTask = { type: "taskEnd", taskSet: ts, index, partition, executorId, durationMs };
    this.tasksRun++;
    const recordIndex = this.taskRecords?.start(ts.stageId, ts.attempt, partition, executorId, this.sim.now, this.sim.now + durationMs);
    if (this.runningTasks !== undefined) {
      if (recordIndex !== undefined) task.recordIndex = recordIndex;
      this.runningTasks.get(executorId)?.add(task);
    }
    this.bus.postTaskStart({ stageId: ts.stageId, attempt: ts.attempt, index, executorId, speculative: false, timeMs: this.sim.now });
    this.sim.schedule(this.sim.now + durationMs, Phase.TaskEnd, task);
  }

  // ---- recording ---------------------------------------------------------------------------

  private record(e: SimEvent): void {
    this.events.push(e);
  }

  private fillRow(timeMs: number): void {
    const r = this.row;
    const running = this.monitor.executorCount - this.stoppingTracked;
    const busy = this.monitor.busyCount;
    r[COL.time_ms] = timeMs;
    r[COL.target] = this.eam !== undefined ? this.eam.target : this.staticTarget;
    r[COL.pending_executors] = this.cluster.pendingCount;
    r[COL.running_executors] = running;
    r[COL.busy_executors] = busy;
    r[COL.idle_executors] = running - busy;
    r[COL.pinned_shuffle_executors] = this.monitor.idleWithShuffleDataCount;
    r[COL.pinned_cache_executors] = this.monitor.idleWithCachedBlocksCount;
    r[COL.stopping_executors] = this.stoppingTracked + this.stoppingUntracked;
    const waiting = this.cluster.waitingForCapacity;
    r[COL.starting_executors] = this.yarnAllocator !== undefined ? this.yarnAllocator.starting : this.cluster.pendingCount - waiting;
    r[COL.waiting_for_capacity] = waiting;
    r[COL.nodes] = this.nodeAutoscaler?.nodes ?? 0;
    // Each listener total is a sum over stage attempts: read each once per row.
    const pendingTasks = this.listener.pendingTasks;
    const pendingSpeculativeTasks = this.listener.pendingSpeculativeTasks;
    const runningTasks = this.listener.runningTasks;
    r[COL.pending_tasks] = pendingTasks + pendingSpeculativeTasks;
    r[COL.running_tasks] = runningTasks;
    // What the allocation manager's maxNeeded gives (static allocation has the same arithmetic).
    r[COL.max_needed] = maxExecutorsNeeded({
      pendingTasks,
      pendingSpeculativeTasks,
      runningTasks,
      tasksPerExecutor: this.conf.tasksPerExecutor,
      executorAllocationRatio: this.conf.executorAllocationRatio,
      unschedulableTaskSets: this.listener.unschedulableTaskSets,
      executorCount: this.monitor.executorCountWithKnownProfile,
    });
  }

  private sample(timeMs: number): void {
    this.trace?.sample(timeMs, this.monitor.takeChanged(), (id) => this.monitor.tracker(id) === undefined);
    this.fillRow(timeMs);
    if (this.timeline.differsFromLast(this.row)) this.timeline.push(this.row);
  }

  private traceTargetDecision(target: number, previous: number, cause: TargetChangeCause): void {
    const l = this.listener;
    this.trace!.targetDecision({
      timeMs: this.sim.now,
      target,
      previous,
      cause,
      maxNeeded: this.eam?.maxNeeded() ?? target,
      pendingTasks: l.pendingTasks + l.pendingSpeculativeTasks,
      runningTasks: l.runningTasks,
      executors: this.monitor.executorCountWithKnownProfile,
      toAdd: this.eam?.toAdd ?? 0,
    });
  }

  private stallMessage(): string {
    const pendingJobs = this.scenario.workload.jobs.length - this.jobsEnded;
    if (this.eam === undefined && this.staticTarget === 0) {
      return `dynamic allocation is off and spark.executor.instances is 0: no executor will ever run the ${pendingJobs} remaining job(s)`;
    }
    return `at ${this.sim.now} ms ${pendingJobs} job(s) have not finished (pending tasks ${this.listener.pendingTasks}, running tasks ${this.listener.runningTasks}, executors ${this.monitor.executorCount}, requested ${this.cluster.pendingCount})`;
  }
}

/**
 * Runs a validated scenario under a parsed conf. Pure and deterministic: the same scenario
 * (seed included) and conf give the same result.
 */
export function simulate(scenario: Scenario, conf: SparkConf, options: SimulateOptions = {}): SimulationResult {
  return new SparkApplication(scenario, conf, options).run();
}
