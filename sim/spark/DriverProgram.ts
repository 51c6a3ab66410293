import { ceilToTick } from "./AllocationTick.js";
import type { ClusterManagerBackend } from "./ClusterManager.js";
import type { DriverContext } from "./DriverContext.js";
import { Phase } from "./phases.js";
import type { SparkConf } from "../conf/SparkConf.js";
import { config } from "../conf/registry.js";
import type { ClusterManagerKind } from "../scenario/Scenario.js";

/**
 * `minRegisteredRatio`: the key's value; unset, 0.8 on YARN and Kubernetes (their backends'
 * default, kept for the generic manager) and 0 on standalone (`CoarseGrainedSchedulerBackend`'s).
 */
export function minRegisteredRatio(conf: SparkConf, manager: ClusterManagerKind | undefined): number {
  const unset = conf.raw[config.SCHEDULER_MIN_REGISTERED_RESOURCES_RATIO.key] === undefined;
  return unset && manager === "standalone" ? 0 : conf.minRegisteredResourcesRatio;
}

/** What the driver program works with besides the driver's context. */
export interface DriverProgramParts extends DriverContext {
  readonly clusterManager: ClusterManagerBackend;
  /** The initial target (`initialExecutors`, or the static count): the program waits for its share of them. */
  readonly initialTarget: number;
  /** A job ended (the ContextCleaner hears of it). */
  onJobEnded(jobIndex: number): void;
  /** The program is done: the application stops. */
  endApplication(): void;
}

/**
 * The user's program in the driver: it waits for executors (`TaskSchedulerImpl.waitBackendReady`),
 * then submits the workload's jobs, each at its time or after the previous one, unpersists RDDs
 * at their times, and stops the application after the last job (`spark.stop()`).
 */
export class DriverProgram {
  private ready = false;
  private jobsEnded = 0;
  private readonly workload: DriverContext["scenario"]["workload"];
  /** Registered executors it waits for: the initial target times minRegisteredResourcesRatio. */
  private readonly executorsToWaitFor: number;

  constructor(private readonly p: DriverProgramParts) {
    this.workload = p.scenario.workload;
    this.executorsToWaitFor = p.initialTarget * minRegisteredRatio(p.conf, p.scenario.cluster.manager);
  }

  /** Jobs not finished yet. */
  get pendingJobs(): number {
    return this.workload.jobs.length - this.jobsEnded;
  }

  /**
   * `waitBackendReady` polls every 100 ms until enough initial executors registered
   * (minRegisteredResourcesRatio) or the waiting time ran out. Spark takes the key unchecked;
   * a negative wait has run out at once (elapsed >= max).
   */
  start(): void {
    const sim = this.p.sim;
    sim.schedule(ceilToTick(Math.max(0, this.p.conf.maxRegisteredResourcesWaitingTimeMs)), Phase.Driver, { type: "driverReady" });
    this.executorRegistered();
    for (const u of this.workload.unpersist) sim.schedule(u.atMs, Phase.Driver, { type: "unpersist", rddId: u.rddId });
  }

  /** `rdd.unpersist()`: its cached blocks go. */
  unpersist(rddId: number): void {
    const now = this.p.sim.now;
    this.p.record({ timeMs: now, type: "unpersist", rddId });
    this.p.bus.postUnpersistRDD({ rddId, timeMs: now });
  }

  executorRegistered(): void {
    if (this.ready) return;
    const { sim, clusterManager } = this.p;
    if (clusterManager.registeredCount >= this.executorsToWaitFor) {
      sim.schedule(ceilToTick(sim.now), Phase.Driver, { type: "driverReady" });
    }
  }

  /** The `driverReady` event: the program starts (once). */
  backendReady(): void {
    if (this.ready) return;
    this.ready = true;
    const now = this.p.sim.now;
    this.p.record({ timeMs: now, type: "driverReady", registeredExecutors: this.p.clusterManager.registeredCount });
    this.workload.jobs.forEach((job, jobIndex) => {
      if (job.submitAtMs !== undefined) this.scheduleJob(jobIndex, Math.max(job.submitAtMs, now));
      else if (jobIndex === 0) this.scheduleJob(0, now + (job.afterPreviousMs ?? 0));
    });
  }

  private scheduleJob(jobIndex: number, atMs: number): void {
    this.p.sim.schedule(atMs, Phase.Driver, { type: "submitJob", jobIndex });
  }

  jobEnded(jobId: number, jobIndex: number): void {
    const { sim } = this.p;
    const workload = this.workload;
    const now = sim.now;
    this.p.record({ timeMs: now, type: "jobEnd", jobId, jobIndex });
    this.p.onJobEnded(jobIndex);
    this.jobsEnded++;
    const next = workload.jobs[jobIndex + 1];
    if (next !== undefined && next.submitAtMs === undefined) this.scheduleJob(jobIndex + 1, now + (next.afterPreviousMs ?? 0));
    if (this.jobsEnded === workload.jobs.length) {
      // The driver may work on after its last job (writing results, spark.stop()).
      const tail = workload.endAfterLastJobMs ?? 0;
      if (tail > 0) sim.schedule(now + tail, Phase.Driver, { type: "applicationEnd" });
      else this.p.endApplication();
    }
  }
}
