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

/** `killExecutors` of every kind: the ids the engine could kill (it drops busy ones). */
export function killEach(ids: readonly string[], kill: (id: string) => boolean): string[] {
  return ids.filter((id) => kill(id));
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

/**
 * The generic cluster manager: each requested executor registers after its start-up latency;
 * when the desired total falls, requests not yet registered are cancelled, newest first.
 * Executor ids are "1", "2", ... in request order and never reused, as Spark numbers them.
 */
export class ClusterManager implements ClusterManagerBackend {
  private nextId = 1;
  /** Requested, not yet registered, in request order. */
  private readonly pending: string[] = [];
  private readonly pendingSet = new Set<string>();
  private liveCount = 0;

  constructor(
    private readonly startup: DurationSpec,
    private readonly startupStream: RandomStream,
    private readonly now: () => number,
    private readonly hooks: ClusterManagerHooks,
  ) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  get registeredCount(): number {
    return this.liveCount;
  }

  requestTotalExecutors(total: number): boolean {
    const missing = total - this.liveCount - this.pending.length;
    for (let i = 0; i < missing; i++) {
      const index = this.nextId - 1;
      const id = String(this.nextId++);
      this.pending.push(id);
      this.pendingSet.add(id);
      this.hooks.onRequested(id);
      const startupMs = sampleDuration(this.startup, index, this.startupStream);
      this.hooks.scheduleRegistration(id, this.now() + startupMs);
    }
    for (let i = 0; i < -missing && this.pending.length > 0; i++) {
      const id = this.pending.pop()!;
      this.pendingSet.delete(id);
      this.hooks.onCancelled(id);
    }
    return true;
  }

  killExecutors(ids: readonly string[]): string[] {
    return killEach(ids, this.hooks.kill);
  }

  /** A registration fired: true when the request is still wanted (not cancelled). */
  register(executorId: string): boolean {
    if (!this.pendingSet.delete(executorId)) return false;
    this.pending.splice(this.pending.indexOf(executorId), 1);
    this.liveCount++;
    return true;
  }

  executorGone(): void {
    this.liveCount--;
  }

  /** At application end: every outstanding request is withdrawn. */
  cancelAll(): void {
    while (this.pending.length > 0) {
      const id = this.pending.pop()!;
      this.pendingSet.delete(id);
      this.hooks.onCancelled(id);
    }
  }
}
