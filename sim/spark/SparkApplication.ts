import { SeededRandom } from "../core/index.js";
import { type Clock, Simulation } from "../core/Simulation.js";
import type { SparkConf } from "../conf/SparkConf.js";
import { MAX_SIMULATED_MS } from "../limits.js";
import { EventLog, withEventLog } from "../result/EventLog.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { SimulationResult } from "../result/SimulationResult.js";
import { TaskRecords } from "../result/TaskRecords.js";
import type { Scenario } from "../scenario/Scenario.js";
import { RESULT_FORMAT_VERSION, SIMULATOR_VERSION } from "../version.js";
import { AllocationTick } from "./AllocationTick.js";
import type { AppEvent } from "./AppEvent.js";
import type { RunningTask } from "./RunningTask.js";
import { CoarseGrainedSchedulerBackend } from "./CoarseGrainedSchedulerBackend.js";
import { ContextCleaner } from "./ContextCleaner.js";
import { ClusterManagers } from "./ClusterManagers.js";
import { DAGScheduler } from "./DAGScheduler.js";
import { recordingHooks } from "./DAGSchedulerHooks.js";
import type { DriverContext } from "./DriverContext.js";
import { DriverProgram } from "./DriverProgram.js";
import { dagSchedulerHooks, driverProgramParts, schedulerBackendParts } from "./driverParts.js";
import { ExecutorAllocationListener } from "./ExecutorAllocationListener.js";
import { ExecutorAllocationManager } from "./ExecutorAllocationManager.js";
import { ExecutorMonitor } from "./ExecutorMonitor.js";
import { mapOutputTrackerFor } from "./CountingMapOutputTracker.js";
import { ExecutorRows } from "./ExecutorRows.js";
import { ModelTraceRecorder } from "./ModelTraceRecorder.js";
import { Phase } from "./phases.js";
import { ResourceProfileManager } from "../conf/ResourceProfile.js";
import { SimulationError } from "./SimulationError.js";
import { killAttempt, speculationHooks } from "./SpeculationScheduler.js";
import { ListenerBus } from "./SparkListener.js";
import type { SimulateOptions } from "./SimulateOptions.js";
import { createTaskScheduling, type TaskScheduling } from "./TaskScheduling.js";
import { TimelineRecorder } from "./TimelineRecorder.js";

export type { SimulateOptions } from "./SimulateOptions.js";

import { DEFAULT_STATIC_EXECUTORS } from "../sparkConstants.js";


/**
 * One Spark application on a simulated cluster: the driver (DAG and task schedulers, the
 * scheduler backend, the allocation manager and monitor, the ContextCleaner) and a cluster
 * manager on one event queue, wired here and run by `run()`. t = 0 is application start
 * (SparkContext created, allocation manager started).
 */
class SparkApplication {
  private readonly sim: Simulation<AppEvent>;
  private readonly bus = new ListenerBus();
  private readonly random: SeededRandom;
  private readonly monitor: ExecutorMonitor;
  private readonly eam: ExecutorAllocationManager | undefined;
  /** The allocation manager's listener; with dynamic allocation off, one without a manager still counts the demand the timeline shows. */
  private readonly listener: ExecutorAllocationListener;
  private readonly tick: AllocationTick | undefined;
  private readonly cm: ClusterManagers;
  private readonly scheduling: TaskScheduling;
  private readonly dag: DAGScheduler;
  private readonly mapOutputs: DriverContext["mapOutputs"];
  private readonly backend: CoarseGrainedSchedulerBackend;
  private readonly cleaner: ContextCleaner | undefined;
  private readonly staticTarget: number;
  private readonly driver: DriverProgram;
  private readonly profiles: ResourceProfileManager;

  private readonly events = new EventLog();
  private readonly timeline: TimelineRecorder;
  private readonly taskRecords: TaskRecords | undefined;
  private readonly trace: ModelTraceRecorder | undefined;
  private ended = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly conf: SparkConf,
    private readonly options: SimulateOptions,
  ) {
    // The Simulation is every component's clock (`Clock`): no closure over it, which would be a new call target per run.
    const sim = (this.sim = new Simulation<AppEvent>((e) => this.handle(e)));
    options.listenerTrace?.attach(sim);
    this.taskRecords = options.recordTasks === true ? new TaskRecords() : undefined;
    this.random = new SeededRandom(scenario.seed);
    const profiles = (this.profiles = ResourceProfileManager.of(scenario, conf));
    // Per executor number, the monitor's and the map output tracker's state side by side (one cache line per map task's end).
    const rows = new ExecutorRows();
    const ctx: DriverContext = { sim, conf, scenario, bus: this.bus, mapOutputs: (this.mapOutputs = mapOutputTrackerFor(scenario, conf, rows)), profiles, random: this.random, record: (e) => this.record(e), events: this.events };
    // The every-tick mode is the reference for tests: it also scans every executor each time.
    const everyTick = options.evaluateEveryTick === true;
    this.monitor = new ExecutorMonitor(conf, sim, (deadlineMs) => this.tick?.request(deadlineMs), undefined, everyTick, rows);
    this.cm = new ClusterManagers(scenario.cluster, conf, this.random, sim, {
      onRequested: (executorId, rpId) => this.events.executorRequested(executorId, sim.now, rpId),
      onCancelled: (executorId) => this.events.executorRequestCancelled(executorId, sim.now),
      kill: (executorId) => this.backend.kill(executorId),
      decommission: (ids) => this.backend.decommissionExecutors(ids),
    }, this.profiles.profiles);
    this.eam = conf.dynamicAllocationEnabled ? this.createAllocationManager(sim) : undefined;
    this.listener = this.eam?.listener ?? new ExecutorAllocationListener(undefined, conf.features.pendingSpeculativeTaskIndices);
    this.tick = this.eam === undefined ? undefined : new AllocationTick(this.eam, sim, (t) => sim.schedule(t, Phase.AllocationTick, { type: "allocationTick" }), everyTick);
    // The allocation listener first, then the monitor (their order on Spark's queue).
    this.bus.add(this.listener);
    this.bus.add(this.monitor);
    if (options.listenerTrace !== undefined) this.bus.add(options.listenerTrace);
    this.staticTarget = conf.executorInstances ?? DEFAULT_STATIC_EXECUTORS;
    this.scheduling = createTaskScheduling(ctx, this.cm.hosts, () => this.dag, options.recordTasks === true);
    this.bus.add(this.scheduling.blocks);
    this.bus.add(this.cm.placementHints);
    this.dag = this.createDAGScheduler();
    const cleanerOn = conf.cleanerReferenceTracking && Number.isFinite(conf.cleanerPeriodicGcIntervalMs) && conf.cleanerPeriodicGcIntervalMs > 0;
    const shufflesByJob = scenario.workload.jobs.map((_, i) => this.dag.lineageShuffleIds(i));
    this.cleaner = cleanerOn ? new ContextCleaner(shufflesByJob, ctx) : undefined;
    this.trace = options.recordTrace === true ? new ModelTraceRecorder(shufflesByJob, this.monitor, this.eam, this.listener) : undefined;
    const { clusterManager, nodes } = this.cm;
    const { monitor, dag, taskRecords, trace, scheduling: { taskScheduler, nodes: hosts } } = this;
    this.backend = new CoarseGrainedSchedulerBackend(schedulerBackendParts(ctx, { clusterManager, taskScheduler, nodes: hosts, dag, monitor, taskRecords, trace, onAbort: () => this.endApplication() }));
    this.scheduling.launcher.backend = this.backend;
    const initialTarget = this.eam !== undefined ? conf.initialExecutors : this.staticTarget;
    this.driver = new DriverProgram(driverProgramParts(ctx, { clusterManager, initialTarget, onJobEnded: (jobIndex) => this.cleaner?.jobEnded(jobIndex), endApplication: () => this.endApplication() }));
    this.timeline = new TimelineRecorder({ conf, monitor, listener: this.listener, backend: this.backend, clusterManager, profiles, nodes, target: this.eam ?? { totalTarget: this.staticTarget } });
    if (options.keepTimelineRows === false) this.timeline.timeline.keepOnlySums();
  }

  private createAllocationManager(clock: Clock): ExecutorAllocationManager {
    const listenerTrace = this.options.listenerTrace;
    return new ExecutorAllocationManager(this.conf, this.monitor, listenerTrace?.client(this.cm.allocationClient) ?? this.cm.allocationClient, clock, {
      onTargetChanged: (target, previous, cause, rpId) => {
        if (rpId === 0) listenerTrace?.targetChanged(target);
        this.events.targetChanged(clock.now, target, previous, cause, rpId);
        this.trace?.targetChanged(clock.now, target, previous, cause, rpId);
      },
      onAddTimeSet: (addTimeMs) => this.tick?.request(addTimeMs),
    }, this.profiles);
  }

  private createDAGScheduler(): DAGScheduler {
    const { jobs } = this.scenario.workload, sim = this.sim, record = (e: SimEvent): void => this.record(e);
    return new DAGScheduler(jobs, this.bus, this.scheduling.taskScheduler, this.mapOutputs, this.random, sim, this.profiles, dagSchedulerHooks(recordingHooks(jobs, record, sim), {
      onJobEnd: (jobId, jobIndex) => this.driver.jobEnded(jobId, jobIndex),
      scheduleResubmit: (delayMs) => sim.schedule(sim.now + delayMs, Phase.Driver, { type: "resubmitFailedStages" }),
    }, speculationHooks(this.conf, record, sim, (t) => killAttempt(this.backend, t), this.scheduling.speculation, this.scheduling.taskScheduler.tasks)), this.options.taskDurationCache, this.scheduling.preferredLocations);
  }

  // ---- the run loop ------------------------------------------------------------------------

  /** Runs the queue instant by instant until the application ends, sampling the recorders after each instant. */
  run(): SimulationResult {
    // Periodic events (GC, pod rounds) never let the queue empty, so say this one up front.
    if (this.eam === undefined && this.staticTarget === 0) throw new SimulationError(this.stallMessage(), "no-executors");
    this.start();
    const limit = this.options.maxSimulatedMs ?? MAX_SIMULATED_MS;
    const sim = this.sim;
    while (!this.ended) {
      const t = sim.nextTime();
      if (t === undefined) throw new SimulationError(this.stallMessage());
      if (t > limit) {
        const days = limit === MAX_SIMULATED_MS ? " (30 days, the simulator's limit: see README \"Limits\")" : "";
        throw new SimulationError(`simulated time passed ${limit} ms${days} before the workload finished: ${this.stallMessage()}`, "time-limit");
      }
      // The instant's events, handled here rather than through the Simulation's handler (one call less per event).
      for (let e = sim.takeDue(t); e !== undefined; e = sim.takeDue(t)) this.handle(e);
      this.trace?.sample(t);
      this.timeline.sample(t);
    }
    this.timeline.finish(this.sim.now);
    return this.result();
  }

  private start(): void {
    this.record({ timeMs: 0, type: "applicationStart" });
    this.cm.start();
    if (this.eam !== undefined) {
      this.eam.start();
      this.tick?.request(0);
    } else {
      this.record({ timeMs: 0, type: "targetChanged", target: this.staticTarget, previous: 0, cause: "initial" });
      this.cm.clusterManager.requestTotalExecutors(this.staticTarget);
    }
    this.driver.start();
    this.cleaner?.start();
    this.backend.start();
  }

  /** One event (task ends, most of them, a number: the task's row). Anything it changes may change what the next allocation tick decides, so it asks for one unless it says it changed nothing the tick reads. */
  private handle(e: AppEvent): void {
    if (this.ended) return;
    if (typeof e === "number" ? this.backend.taskEnded(e) : this.dispatch(e)) this.tick?.request(this.sim.now);
  }

  /** Handles one event other than a task end (a registration is its executor's id); false when it changed nothing the tick reads. */
  private dispatch(e: Exclude<AppEvent, RunningTask>): boolean {
    if (typeof e === "string") {
      if (!this.backend.registerExecutor(e)) return false;
      this.driver.executorRegistered();
      return true;
    }
    switch (e.type) {
      case "driverReady":
        this.driver.backendReady();
        return true;
      case "submitJob":
        this.dag.submitJob(e.jobIndex);
        return true;
      case "unpersist":
        this.driver.unpersist(e.rddId);
        return true;
      case "periodicGC":
        return this.cleaner!.periodicGC();
      case "applicationEnd":
        this.endApplication();
        return false;
      case "podAllocationRound":
        this.cm.podAllocationRound(e.periodic);
        return false;
      case "nodeChange":
        this.cm.nodeChange(e.kind);
        return false;
      case "yarnHeartbeat":
        this.cm.yarnHeartbeat();
        return false;
      case "executorStopped":
        return this.backend.executorStopped(e);
      case "allocationTick":
        // Before the tick, so what it causes (a kill's ExecutorRemoved) follows it in the trace.
        this.options.listenerTrace?.tick();
        this.tick!.run();
        return false;
      case "executorLost":
        return this.backend.executorLost(e.loss);
      case "reviveOffers":
        return this.scheduling.taskScheduler.periodicRevive();
      case "resubmitFailedStages":
        this.dag.resubmitFailedStages();
        return true;
      case "speculationCheck":
        return this.scheduling.speculation!.run();
      case "decommission":
        return this.backend.decommissioner.step(e.step);
    }
  }

  /** The last job ended (or one was aborted): the application stops and every executor goes. */
  private endApplication(): void {
    this.ended = true;
    this.options.listenerTrace?.end();
    this.tick?.stop();
    this.scheduling.speculation?.stop();
    this.backend.stop();
    this.record({ timeMs: this.sim.now, type: "applicationEnd" });
  }

  // ---- the result --------------------------------------------------------------------------

  private record = (e: SimEvent): void => this.events.record(e);

  private result(): SimulationResult {
    const { scenario, conf } = this;
    const log = this.events;
    return withEventLog({
      formatVersion: RESULT_FORMAT_VERSION,
      simulatorVersion: SIMULATOR_VERSION,
      scenarioName: scenario.name,
      seed: scenario.seed,
      sparkVersion: conf.sparkVersion.label,
      scenario,
      conf,
      timeline: this.timeline.timeline,
      // Built when first read: as objects through the run, they cost the collector (bench/README.md).
      get events() {
        return log.events();
      },
      tasks: this.taskRecords,
      trace: this.trace?.trace(),
      warnings: this.options.warnings ?? [],
      stats: { eventsProcessed: this.sim.eventsProcessed, ticksEvaluated: this.tick?.evaluated ?? 0, tasksRun: this.backend.tasksRun },
    }, log);
  }

  private stallMessage(): string {
    const pendingJobs = this.driver.pendingJobs;
    if (this.eam === undefined && this.staticTarget === 0) {
      return `dynamic allocation is off and spark.executor.instances is 0: no executor will ever run the ${pendingJobs} remaining job(s)`;
    }
    return `at ${this.sim.now} ms ${pendingJobs} job(s) have not finished (pending tasks ${this.listener.pendingTasks}, running tasks ${this.listener.runningTasks}, executors ${this.monitor.executorCount}, requested ${this.cm.clusterManager.pendingCount})`;
  }
}

/**
 * Runs a validated scenario under a parsed conf. Pure and deterministic: the same scenario
 * (seed included) and conf give the same result.
 */
export function simulate(scenario: Scenario, conf: SparkConf, options: SimulateOptions = {}): SimulationResult {
  return new SparkApplication(scenario, conf, options).run();
}
