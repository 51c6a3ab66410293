import type { RandomStream } from "../core/random.js";
import { sampleDuration } from "../scenario/durations.js";
import type { DurationSpec } from "../scenario/Scenario.js";
import type { ExecutorAllocationClient } from "./ExecutorAllocationManager.js";

export interface ClusterManagerHooks {
  /** Schedule the registration of a requested executor. */
  scheduleRegistration(executorId: string, atMs: number): void;
  onRequested(executorId: string): void;
  onCancelled(executorId: string): void;
  /** Kill an idle executor now; returns false when it is busy (the backend's busy filter). */
  kill(executorId: string): boolean;
}

/** What the engine needs of a cluster manager, whichever kind. */
export interface ClusterManagerBackend extends ExecutorAllocationClient {
  /** Requested (or pods created) and not yet registered. */
  readonly pendingCount: number;
  readonly registeredCount: number;
  /** A registration fired: true when the executor is still wanted (its request was not withdrawn). */
  register(executorId: string): boolean;
  /** A registered executor went away. */
  executorGone(): void;
  /** At application end: every outstanding request is withdrawn. */
  cancelAll(): void;
}

/** A requested executor (a pod, on Kubernetes) that has not registered yet. */
export interface PendingExecutor {
  readonly id: string;
  /** The id as a number: requests are numbered in order, so `pending` is sorted by it. */
  readonly idNumber: number;
  readonly requestedAtMs: number;
}

/**
 * What every cluster manager shares: executor ids "1", "2", ... in request order and never
 * reused (as Spark numbers them), each registering after its start-up latency; the requests
 * not yet registered, oldest first; the registered count; kills through the engine.
 */
export abstract class PendingExecutors implements ClusterManagerBackend {
  private nextId = 1;
  /** Requested, not yet registered, in request order. */
  protected readonly pending: PendingExecutor[] = [];
  protected running = 0;

  constructor(
    private readonly startup: DurationSpec,
    private readonly startupStream: RandomStream,
    protected readonly now: () => number,
    protected readonly hooks: ClusterManagerHooks,
  ) {}

  abstract requestTotalExecutors(total: number): boolean;

  get pendingCount(): number {
    return this.pending.length;
  }

  get registeredCount(): number {
    return this.running;
  }

  /** Busy executors are dropped: the ids the engine could kill. */
  killExecutors(ids: readonly string[]): string[] {
    return ids.filter((id) => this.hooks.kill(id));
  }

  /** Requests one executor now; it registers after a start-up latency drawn for its index. */
  protected requestOne(): void {
    const now = this.now();
    const index = this.nextId - 1;
    const idNumber = this.nextId++;
    const id = String(idNumber);
    this.pending.push({ id, idNumber, requestedAtMs: now });
    this.hooks.onRequested(id);
    this.hooks.scheduleRegistration(id, now + sampleDuration(this.startup, index, this.startupStream));
  }

  /** Withdraws a request not yet registered. */
  protected cancel(p: PendingExecutor): void {
    this.pending.splice(this.pendingIndex(p.idNumber), 1);
    this.hooks.onCancelled(p.id);
  }

  /**
   * Where the request numbered `idNumber` sits in `pending`, or -1: a binary search, since
   * requests are appended in id order and removals keep the order (a linear search made every
   * registration cost O(pending), quadratic in a ramp-up of thousands of executors).
   */
  private pendingIndex(idNumber: number): number {
    const pending = this.pending;
    let lo = 0;
    let hi = pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pending[mid]!.idNumber < idNumber) lo = mid + 1;
      else hi = mid;
    }
    return lo < pending.length && pending[lo]!.idNumber === idNumber ? lo : -1;
  }

  /** A registration fired: true when the request is still wanted (not cancelled). */
  register(executorId: string): boolean {
    const i = this.pendingIndex(Number(executorId));
    if (i < 0) return false;
    this.pending.splice(i, 1);
    this.running++;
    return true;
  }

  executorGone(): void {
    this.running--;
  }

  /** Withdraws up to `n` requests not yet registered, newest first. */
  protected cancelNewest(n: number): void {
    for (let i = 0; i < n && this.pending.length > 0; i++) this.hooks.onCancelled(this.pending.pop()!.id);
  }

  /** At application end: every outstanding request is withdrawn, newest first. */
  cancelAll(): void {
    this.cancelNewest(this.pending.length);
  }
}

/**
 * The generic cluster manager: each requested executor registers after its start-up latency;
 * when the desired total falls, requests not yet registered are cancelled, newest first.
 */
export class ClusterManager extends PendingExecutors {
  requestTotalExecutors(total: number): boolean {
    const missing = total - this.running - this.pending.length;
    for (let i = 0; i < missing; i++) this.requestOne();
    this.cancelNewest(-missing);
    return true;
  }
}
