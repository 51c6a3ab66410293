import type { ClusterManagerBackend } from "./ClusterManager.js";
import { ExecutorIdCounter } from "./ClusterManager.js";
import type { PlacementHints } from "./ExecutorPlacementHints.js";
import { DEFAULT_RESOURCE_PROFILE_ID, profileField } from "../conf/ResourceProfile.js";
import type { YarnAllocator } from "./YarnAllocator.js";

/** One resource profile's executors as its cluster manager keeps them. */
export interface ExecutorPool {
  readonly resourceProfileId: number;
  readonly clusterManager: ClusterManagerBackend;
  /** Set on YARN: the launched containers not registered yet are its own count. */
  readonly yarnAllocator: YarnAllocator | undefined;
}

/**
 * The executors of every resource profile, each profile's in its own pool, as Spark's cluster
 * managers keep them per profile (`YarnAllocator`'s `targetNumExecutorsPerResourceProfileId`
 * and per-profile container requests, `ExecutorPodsAllocator`'s pods per profile, the
 * standalone Master's per-profile executor limits): a request carries each profile's total
 * and goes to its pool; an executor belongs to the pool that requested it, and ids come from
 * one counter. With only the default profile it is that profile's cluster manager.
 */
export class ExecutorPools implements ClusterManagerBackend {
  private readonly byProfile = new Map<number, ExecutorPool>();
  private readonly profileOfExecutor = new Map<string, number>();
  private readonly defaultPool: ExecutorPool;
  readonly pools: readonly ExecutorPool[];
  /** The default profile's cluster manager when it is the only pool. */
  private readonly only: ClusterManagerBackend | undefined;

  constructor(pools: readonly ExecutorPool[]) {
    for (const p of pools) this.byProfile.set(p.resourceProfileId, p);
    this.pools = pools;
    this.defaultPool = this.byProfile.get(DEFAULT_RESOURCE_PROFILE_ID)!;
    this.only = pools.length === 1 ? this.defaultPool.clusterManager : undefined;
  }

  /** A pool requested an executor: it belongs to that pool's profile. */
  executorRequested(executorId: string, resourceProfileId: number): void {
    if (resourceProfileId !== DEFAULT_RESOURCE_PROFILE_ID) this.profileOfExecutor.set(executorId, resourceProfileId);
  }

  /** The profile of an executor a pool requested (`ExecutorInfo.resourceProfileId`). */
  resourceProfileOf(executorId: string): number {
    // Without custom profiles no lookup: it would hash the id, a string not read since its request.
    if (this.profileOfExecutor.size === 0) return DEFAULT_RESOURCE_PROFILE_ID;
    return this.profileOfExecutor.get(executorId) ?? DEFAULT_RESOURCE_PROFILE_ID;
  }

  /** Its events' `resourceProfileId` field: none for the default profile. */
  profileFieldOf(executorId: string): { readonly resourceProfileId?: number } {
    return profileField(this.resourceProfileOf(executorId));
  }

  private poolOf(executorId: string): ClusterManagerBackend {
    if (this.only !== undefined) return this.only;
    return this.byProfile.get(this.resourceProfileOf(executorId))!.clusterManager;
  }

  get executorIds(): ExecutorIdCounter {
    return this.defaultPool.clusterManager.executorIds;
  }
  set executorIds(ids: ExecutorIdCounter) {
    for (const p of this.pools) p.clusterManager.executorIds = ids;
  }

  /**
   * `doRequestTotalExecutors(resourceProfileToTotalExecs)`: each profile's total to its pool (a
   * bare number is the default profile's, as with dynamic allocation off).
   */
  requestTotalExecutors(totals: number | ReadonlyMap<number, number>, hints?: PlacementHints): boolean {
    if (typeof totals === "number") return this.defaultPool.clusterManager.requestTotalExecutors(totals, hints);
    let acknowledged = true;
    for (const [rpId, total] of totals) {
      const pool = this.byProfile.get(rpId);
      // The placement hints are the default profile's (Spark keeps them per profile).
      const ok = rpId === DEFAULT_RESOURCE_PROFILE_ID ? pool?.clusterManager.requestTotalExecutors(total, hints) : pool?.clusterManager.requestTotalExecutors(total);
      if (ok === false) acknowledged = false;
    }
    return acknowledged;
  }

  killExecutors(ids: readonly string[]): string[] {
    // Every pool kills through the backend; any of them can take the list.
    return this.defaultPool.clusterManager.killExecutors(ids);
  }

  private sum(f: (cm: ClusterManagerBackend) => number): number {
    if (this.pools.length === 1) return f(this.defaultPool.clusterManager);
    let n = 0;
    for (const p of this.pools) n += f(p.clusterManager);
    return n;
  }

  // The timeline reads these every instant: one pool's without a closure.
  get pendingCount(): number {
    return this.only !== undefined ? this.only.pendingCount : this.sum((cm) => cm.pendingCount);
  }

  get registeredCount(): number {
    return this.sum((cm) => cm.registeredCount);
  }

  get waitingForCapacity(): number {
    return this.only !== undefined ? this.only.waitingForCapacity : this.sum((cm) => cm.waitingForCapacity);
  }

  /** Requested executors starting now: YARN's launched containers, elsewhere those pending with capacity. */
  get startingCount(): number {
    const only = this.only;
    if (only !== undefined && this.defaultPool.yarnAllocator === undefined) return only.pendingCount - only.waitingForCapacity;
    let n = 0;
    for (const p of this.pools) n += p.yarnAllocator !== undefined ? p.yarnAllocator.starting : p.clusterManager.pendingCount - p.clusterManager.waitingForCapacity;
    return n;
  }

  /** The host its pool placed it on (the standalone Master's workers), if it says. */
  hostOf(executorId: string): string | undefined {
    return this.poolOf(executorId).hostOf?.(executorId);
  }

  register(executorId: string): boolean {
    return this.poolOf(executorId).register(executorId);
  }

  executorGone(executorId: string): void {
    this.poolOf(executorId).executorGone(executorId);
  }

  containerStopped(executorId: string): void {
    this.poolOf(executorId).containerStopped(executorId);
  }

  executorLost(executorId: string): void {
    this.poolOf(executorId).executorLost(executorId);
  }

  cancelAll(): void {
    for (const p of this.pools) p.clusterManager.cancelAll();
  }
}
