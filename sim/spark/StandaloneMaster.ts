import type { Clock, RandomStream } from "../core/index.js";
import { sampleDuration } from "../scenario/durations.js";
import type { DurationSpec } from "../scenario/Scenario.js";
import { ExecutorIdCounter, type ClusterManagerBackend, type ClusterManagerHooks } from "./ClusterManager.js";
import type { ExecutorFootprint } from "./NodeResources.js";

/** A standalone worker's free resources, as the Master books them. */
export interface WorkerResources {
  coresFree: number;
  memoryFreeMiB: number;
  gpusFree: number;
}

export interface StandaloneSettings {
  /** Workers, each with its total resources (`Infinity`: the resource does not limit). */
  readonly workers: readonly Readonly<WorkerResources>[];
  /** `spark.deploy.spreadOut` (the Master's setting, default true). */
  readonly spreadOut: boolean;
  /** `spark.cores.max`; `Infinity` when unset (`spark.deploy.defaultCores` unlimited). */
  readonly coresMax: number;
  readonly footprint: ExecutorFootprint;
  /** `cluster.maxContainers`: executors the Master runs for the application at once (killed ones excluded, as the Master books them). */
  readonly maxExecutors: number;
  /** The workers are the scenario's nodes: an executor's host is its worker's ("node-<n>"). */
  readonly workerHosts?: boolean;
}

/**
 * `Master.scheduleExecutorsOnWorkers` for an application with `spark.executor.cores` set: how
 * many executors to launch on each usable worker. Spread out: one executor per worker per
 * pass over the workers; otherwise each worker is filled before the next. Stops at the
 * application's cores left and its executor limit (`assigned + app.executors < executorLimit`).
 */
export function scheduleExecutorsOnWorkers(
  app: { readonly coresLeft: number; readonly executors: number; readonly executorLimit: number; readonly footprint: ExecutorFootprint },
  usable: readonly Readonly<WorkerResources>[],
  spreadOut: boolean,
): number[] {
  const { cores, memoryMiB, gpus } = app.footprint;
  const assignedCores = usable.map(() => 0);
  const assignedExecutors = usable.map(() => 0);
  let coresToAssign = Math.min(app.coresLeft, usable.reduce((n, w) => n + w.coresFree, 0));
  let assignedTotal = 0;
  const canLaunch = (pos: number): boolean => {
    const w = usable[pos]!;
    const n = assignedExecutors[pos]!;
    return (
      coresToAssign >= cores &&
      w.coresFree - assignedCores[pos]! >= cores &&
      w.memoryFreeMiB - n * memoryMiB >= memoryMiB &&
      w.gpusFree - n * gpus >= gpus &&
      assignedTotal + app.executors < app.executorLimit
    );
  };
  let free = usable.map((_, i) => i).filter(canLaunch);
  while (free.length > 0) {
    for (const pos of free) {
      let keepScheduling = true;
      while (keepScheduling && canLaunch(pos)) {
        coresToAssign -= cores;
        assignedCores[pos]! += cores;
        assignedExecutors[pos]!++;
        assignedTotal++;
        if (spreadOut) keepScheduling = false;
      }
    }
    free = free.filter(canLaunch);
  }
  return assignedExecutors;
}

interface StandaloneExecutor {
  readonly id: string;
  readonly worker: number;
  registered: boolean;
}

/**
 * Spark's standalone Master serving one application (`StandaloneSchedulerBackend`), as
 * `Master.scala` schedules: the driver's requested total is the application's executor limit
 * (0 at start under dynamic allocation); on every change (a new limit, a killed or lost
 * executor) the Master launches executors on the alive workers with room for one (cores,
 * memory, GPUs), sorted by free cores, spread out or consolidated, while the limit and
 * `spark.cores.max` allow. A launched executor registers after its start-up latency even if the
 * limit fell meanwhile (the Master kills only on request), then idles out. A kill removes the
 * executor from the application and frees its worker's resources at once on the Master's books
 * (`handleKillExecutors`); the driver keeps it until `ExecutorRemoved`. Ids are "0", "1", ...
 * (`ApplicationInfo.nextExecutorId`). Only `spark.executor.cores` set is modelled (unset, one
 * executor per worker takes all its cores). Without workers (`cluster.nodes` absent) there is
 * one worker with unlimited resources.
 */
export class StandaloneMaster implements ClusterManagerBackend {
  private executorLimit = 0;
  /** `ApplicationInfo.nextExecutorId`; the pools of several resource profiles share one counter. */
  executorIds = new ExecutorIdCounter(0);
  private readonly workers: WorkerResources[];
  private readonly executors = new Map<string, StandaloneExecutor>();
  private registered = 0;
  private coresGranted = 0;
  private waiting = 0;

  constructor(
    private readonly settings: StandaloneSettings,
    private readonly startup: DurationSpec,
    private readonly startupStream: RandomStream,
    private readonly clock: Clock,
    private readonly hooks: ClusterManagerHooks,
  ) {
    this.workers = settings.workers.map((w) => ({ ...w }));
  }

  /** Launched, not registered, not killed; plus the executors the limit allows that no worker has room for. */
  get pendingCount(): number {
    return this.executors.size - this.registered + this.waiting;
  }

  get registeredCount(): number {
    return this.registered;
  }

  /** Executors under the limit that no worker (or `spark.cores.max`) has room for. */
  get waitingForCapacity(): number {
    return this.waiting;
  }

  /** Free resources of each worker, for tests and reports. */
  get workerResources(): readonly Readonly<WorkerResources>[] {
    return this.workers;
  }

  /** `handleRequestExecutors`: the limit changes and the Master schedules. */
  requestTotalExecutors(total: number): boolean {
    this.executorLimit = total;
    this.schedule();
    return true;
  }

  killExecutors(ids: readonly string[]): string[] {
    return ids.filter((id) => this.hooks.kill(id));
  }

  register(executorId: string): boolean {
    const e = this.executors.get(executorId);
    if (e === undefined || e.registered) return false;
    e.registered = true;
    this.registered++;
    return true;
  }

  /** `handleKillExecutors`: removed from the application, its worker's resources free at once, and the Master schedules. */
  executorGone(executorId: string): void {
    if (this.remove(executorId)) this.schedule();
  }

  /** The worker reported it exited: removed, resources free; the Master schedules a replacement under the limit. */
  executorLost(executorId: string): void {
    this.executorGone(executorId);
  }

  /** Its worker's host, when the workers are the scenario's nodes. */
  hostOf(executorId: string): string | undefined {
    const e = this.executors.get(executorId);
    return e === undefined || this.settings.workerHosts !== true ? undefined : `node-${e.worker + 1}`;
  }

  /** The Master freed the resources at the kill already. */
  containerStopped(_executorId: string): void {}

  /** The application ends: executors not registered yet are killed. */
  cancelAll(): void {
    this.executorLimit = 0;
    this.waiting = 0;
    for (const e of [...this.executors.values()]) {
      if (e.registered) continue;
      this.remove(e.id);
      this.hooks.onCancelled(e.id);
    }
  }

  private remove(executorId: string): boolean {
    const e = this.executors.get(executorId);
    if (e === undefined) return false;
    this.executors.delete(executorId);
    if (e.registered) this.registered--;
    const w = this.workers[e.worker]!;
    const f = this.settings.footprint;
    w.coresFree += f.cores;
    w.memoryFreeMiB += f.memoryMiB;
    w.gpusFree += f.gpus;
    this.coresGranted -= f.cores;
    return true;
  }

  /** `startExecutorsOnWorkers` for this application. */
  private schedule(): void {
    const f = this.settings.footprint;
    const coresLeft = this.settings.coresMax - this.coresGranted;
    if (coresLeft >= f.cores) {
      // Alive workers with room for one executor, by free cores, most first (Scala's stable sortBy, then reverse).
      const usable = this.workers
        .map((w, i) => ({ w, i }))
        .filter(({ w }) => w.coresFree >= f.cores && w.memoryFreeMiB >= f.memoryMiB && w.gpusFree >= f.gpus)
        .sort((a, b) => a.w.coresFree - b.w.coresFree || a.i - b.i)
        .reverse();
      const executorLimit = Math.min(this.executorLimit, this.settings.maxExecutors);
      const assigned = scheduleExecutorsOnWorkers({ coresLeft, executors: this.executors.size, executorLimit, footprint: f }, usable.map((u) => u.w), this.settings.spreadOut);
      assigned.forEach((n, pos) => {
        for (let k = 0; k < n; k++) this.launch(usable[pos]!.i);
      });
    }
    this.waiting = Math.max(0, this.executorLimit - this.executors.size);
  }

  private launch(worker: number): void {
    const index = this.executorIds.next();
    const id = String(index);
    const w = this.workers[worker]!;
    const f = this.settings.footprint;
    w.coresFree -= f.cores;
    w.memoryFreeMiB -= f.memoryMiB;
    w.gpusFree -= f.gpus;
    this.coresGranted += f.cores;
    this.executors.set(id, { id, worker, registered: false });
    this.hooks.onRequested(id);
    this.hooks.scheduleRegistration(id, this.clock.now + sampleDuration(this.startup, index, this.startupStream));
  }
}
