import { objectArray, type Clock, type RandomStream } from "../core/index.js";
import { sampleDuration } from "../scenario/durations.js";
import type { DurationSpec } from "../scenario/Scenario.js";
import type { PlacementHints } from "./ExecutorPlacementHints.js";
import type { NodeAutoscaler } from "./NodeAutoscaler.js";

export interface ClusterManagerHooks {
  /** Schedule the registration of a requested executor. */
  scheduleRegistration(executorId: string, atMs: number): void;
  onRequested(executorId: string): void;
  onCancelled(executorId: string): void;
  /** Kill an idle executor now; returns false when it is busy (the backend's busy filter). */
  kill(executorId: string): boolean;
}

/**
 * Executor ids in request order, "1", "2", ... (standalone: from "0"), never reused: one
 * counter per application, shared by the pools of every resource profile (Spark numbers
 * executors across profiles).
 */
export class ExecutorIdCounter {
  constructor(private nextId = 1) {}

  next(): number {
    return this.nextId++;
  }
}

/** What the engine needs of a cluster manager (of one resource profile's executors), whichever kind. */
export interface ClusterManagerBackend {
  /** The desired total of its profile (not a delta), with the placement hints of pending tasks (YARN uses them). Returns whether it was acknowledged. */
  requestTotalExecutors(total: number, hints?: PlacementHints): boolean;
  /** Kills idle executors; busy ones are dropped (force = false). Returns the ids killed. */
  killExecutors(ids: readonly string[]): string[];
  /** Where its executor ids come from (one counter shared by every resource profile's pool). */
  executorIds: ExecutorIdCounter;
  /** Requested (or pods created) and not yet registered. */
  readonly pendingCount: number;
  readonly registeredCount: number;
  /** A registration fired: true when the executor is still wanted (its request was not withdrawn). */
  register(executorId: string): boolean;
  /** A registered executor was killed or lost: the cluster manager stops counting it. */
  executorGone(executorId: string): void;
  /** Its container (pod) is gone, capacity freed (after the removal latency of a kill). */
  containerStopped(executorId: string): void;
  /** Requested executors that wait for cluster capacity (`cluster.maxContainers`). */
  readonly waitingForCapacity: number;
  /** A registered executor was lost (not killed): gone with its container; the manager replaces it up to its target. */
  executorLost(executorId: string): void;
  /** At application end: every outstanding request is withdrawn. */
  cancelAll(): void;
  /** The host the cluster manager put a registered executor on, when it decides (standalone workers, YARN nodes). */
  hostOf?(executorId: string): string | undefined;
}

/** A requested executor (a pod, on Kubernetes) that has not registered yet. */
export interface PendingExecutor {
  readonly id: string;
  readonly requestedAtMs: number;
  /** Position in request order (its start-up latency's index; the id is index + 1), so `pending` is sorted by it. */
  readonly index: number;
  /** Its container (pod) was placed and is starting; false while it waits for capacity. */
  placed: boolean;
  /**
   * When its container started (a pod leaves phase Pending): at placement plus the start-up
   * stages before the JVM; `Infinity` until placed. Without stages, its registration time.
   */
  runningAtMs: number;
  /** Registered or withdrawn: still in the request queue until it is compacted. */
  gone: boolean;
}

/** A start-up drawn for one executor: placement to container running, and to registration. */
export interface StartupDraw {
  readonly runningAfterMs: number;
  readonly registeredAfterMs: number;
}

/**
 * What every cluster manager shares: executor ids "1", "2", ... in request order and never
 * reused (as Spark numbers them), each registering after its start-up latency; the requests
 * not yet registered, oldest first; the registered count; kills through the engine.
 */
export abstract class PendingExecutors implements ClusterManagerBackend {
  /** Its ids; the pools of several resource profiles share one counter. */
  executorIds = new ExecutorIdCounter(1);
  /**
   * Requested, in request order, with entries registered or withdrawn since the last
   * compaction (`gone`): removing each with splice cost O(pending) per registration, which
   * grew with the executor limit.
   */
  private readonly queue: PendingExecutor[] = objectArray();
  private goneInQueue = 0;
  /** The requests in `queue` not gone, by request index (undefined: none): a registration finds its own without a search. */
  private readonly byIndex: Array<PendingExecutor | undefined> = objectArray();
  protected running = 0;
  /** Containers (pods) holding capacity: placed and not yet gone. */
  private live = 0;

  constructor(
    private readonly startup: DurationSpec,
    private readonly startupStream: RandomStream,
    protected readonly clock: Clock,
    protected readonly hooks: ClusterManagerHooks,
    /** Executors the cluster runs at once (`cluster.maxContainers`); beyond it requests wait. */
    private readonly maxContainers = Infinity,
    private readonly autoscaler?: NodeAutoscaler,
  ) {}

  private get capacity(): number {
    return Math.min(this.maxContainers, this.autoscaler?.capacity ?? Infinity);
  }

  /** Containers (pods) placed and not yet gone. */
  get liveContainers(): number {
    return this.live;
  }

  /** Nodes were added: place waiting requests that now fit. */
  capacityChanged(): void {
    while (this.waitingForCapacity > 0 && this.live < this.capacity) {
      const next = this.queue.find((p) => !p.placed && !p.gone);
      if (next === undefined) return;
      this.waitingForCapacity--;
      this.place(next);
    }
    this.autoscaler?.usage(this.live, this.clock.now);
  }

  /** Requested, waiting for capacity. */
  waitingForCapacity = 0;

  abstract requestTotalExecutors(total: number): boolean;

  get pendingCount(): number {
    return this.queue.length - this.goneInQueue;
  }

  /** Requested, not yet registered, in request order. */
  protected get pending(): readonly PendingExecutor[] {
    if (this.goneInQueue > 0) this.compact();
    return this.queue;
  }

  /** In place: a new array (`filter`) would start out in another elements kind (see `objectArray`). */
  private compact(): void {
    const q = this.queue;
    let kept = 0;
    for (const p of q) if (!p.gone) q[kept++] = p;
    q.length = kept;
    this.goneInQueue = 0;
  }

  /** Drops a request from the queue (lazily: compacted once half of it is gone). */
  private drop(p: PendingExecutor): void {
    p.gone = true;
    this.byIndex[p.index] = undefined;
    if (++this.goneInQueue * 2 > this.queue.length) this.compact();
  }

  get registeredCount(): number {
    return this.running;
  }

  /** Busy executors are dropped: the ids the engine could kill. */
  killExecutors(ids: readonly string[]): string[] {
    return ids.filter((id) => this.hooks.kill(id));
  }

  /** Requests one executor now; once there is capacity it registers after a start-up latency drawn for its index. */
  protected requestOne(): void {
    const now = this.clock.now;
    const n = this.executorIds.next();
    const index = n - 1;
    const id = String(n);
    const p: PendingExecutor = { id, requestedAtMs: now, index, placed: false, runningAtMs: Infinity, gone: false };
    this.queue.push(p);
    // Dense: a hole far past the end would turn the array into a dictionary.
    while (this.byIndex.length < index) this.byIndex.push(undefined);
    this.byIndex[index] = p;
    this.hooks.onRequested(id);
    if (this.live < this.capacity) this.place(p);
    else {
      this.waitingForCapacity++;
      this.autoscaler?.requestsWaiting(this.waitingForCapacity, now);
    }
  }

  private place(p: PendingExecutor): void {
    p.placed = true;
    this.live++;
    this.autoscaler?.usage(this.live, this.clock.now);
    const draw = this.drawStartup(p.index);
    p.runningAtMs = this.clock.now + draw.runningAfterMs;
    this.hooks.scheduleRegistration(p.id, this.clock.now + draw.registeredAfterMs);
  }

  /** The start-up of the executor of request index `index`: one latency, the container running when it registers. */
  protected drawStartup(index: number): StartupDraw {
    const ms = sampleDuration(this.startup, index, this.startupStream);
    return { runningAfterMs: ms, registeredAfterMs: ms };
  }

  /** Withdraws a request not yet registered. */
  protected cancel(p: PendingExecutor): void {
    if (this.pendingOf(p.index) !== p) return;
    this.drop(p);
    this.withdrawn(p);
  }

  private withdrawn(p: PendingExecutor): void {
    this.hooks.onCancelled(p.id);
    // A starting container or pod is deleted at once: its capacity is free.
    if (p.placed) this.containerStopped(p.id);
    else this.waitingForCapacity--;
  }

  /**
   * The request of request index `index` still in the queue, if any: kept by index, since a
   * search of the queue (a binary search over objects strewn in memory) cost a cache miss per
   * step at each of tens of thousands of registrations.
   */
  private pendingOf(index: number): PendingExecutor | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.byIndex.length ? this.byIndex[index] : undefined;
  }

  /** A registration fired: true when the request is still wanted (not cancelled). */
  register(executorId: string): boolean {
    const p = this.pendingOf(Number(executorId) - 1);
    if (p === undefined) return false;
    this.drop(p);
    this.running++;
    return true;
  }

  executorGone(_executorId: string): void {
    this.running--;
  }

  /** Gone with its container at once; the pod allocator's rounds see the missing pod. The generic manager overrides this. */
  executorLost(executorId: string): void {
    this.executorGone(executorId);
    this.containerStopped(executorId);
  }

  /** A container is gone: the oldest request waiting for capacity is placed. */
  containerStopped(_executorId: string): void {
    this.live--;
    this.capacityChanged();
  }

  /** Withdraws up to `n` requests not yet registered, newest first. */
  protected cancelNewest(n: number): void {
    for (let i = 0; i < n && this.queue.length > 0; ) {
      const p = this.queue.pop()!;
      if (p.gone) {
        this.goneInQueue--;
        continue;
      }
      this.byIndex[p.index] = undefined;
      this.withdrawn(p);
      i++;
    }
  }

  /** At application end: every outstanding request is withdrawn, newest first. */
  cancelAll(): void {
    this.cancelNewest(this.pendingCount);
  }
}

/**
 * The generic cluster manager: each requested executor registers after its start-up latency;
 * when the desired total falls, requests not yet registered are cancelled, newest first.
 */
export class ClusterManager extends PendingExecutors {
  private total = 0;

  requestTotalExecutors(total: number): boolean {
    this.total = total;
    const missing = total - this.running - this.pendingCount;
    for (let i = 0; i < missing; i++) this.requestOne();
    this.cancelNewest(-missing);
    return true;
  }

  /** As YARN's and Kubernetes' allocators do: the last requested total is kept, so a lost executor is requested again. */
  override executorLost(executorId: string): void {
    super.executorLost(executorId);
    this.requestTotalExecutors(this.total);
  }
}
