import type { Clock, RandomStream } from "../core/index.js";
import { sampleDuration } from "../scenario/durations.js";
import type { DurationSpec } from "../scenario/Scenario.js";
import { ExecutorIdCounter, type ClusterManagerBackend, type ClusterManagerHooks } from "./ClusterManager.js";
import type { ClusterNodes } from "./ClusterNodes.js";
import type { PlacementHints } from "./ExecutorPlacementHints.js";
import { allocationSleepMs } from "./ApplicationMasterAllocationThread.js";
import { localityOfRequestedContainers } from "./LocalityPreferredContainerPlacementStrategy.js";

export interface YarnAllocatorSettings {
  /** `spark.yarn.scheduler.heartbeat.interval-ms`. */
  readonly heartbeatIntervalMs: number;
  /** `spark.yarn.scheduler.initial-allocation.interval`. */
  readonly initialAllocationIntervalMs: number;
  /** Application start to the AM's first heartbeat. */
  readonly amStartupMs: number;
  /** Ask to container allocated by the ResourceManager. */
  readonly containerAllocationMs: number;
  /** Containers the cluster gives this application at once (`Infinity`: unlimited). */
  readonly maxContainers: number;
  /** The cluster's nodes (`cluster.nodes`): containers are placed on them, preferring the hosts of local tasks. */
  readonly nodes?: ClusterNodes;
  /** Task slots per executor, for the placement strategy's executors needed. */
  readonly tasksPerExecutor?: number;
}

export interface YarnAllocatorHooks extends ClusterManagerHooks {
  /** Run `heartbeat()` at `atMs` (the AM's allocation thread waking up). */
  scheduleHeartbeat(atMs: number): void;
}

interface Ask {
  readonly askedAtMs: number;
  /** Preferred nodes (a locality request); undefined: any node. */
  readonly nodes?: readonly string[];
}

interface Container {
  readonly id: string;
  registered: boolean;
  /** Killed by the driver: the allocator no longer counts it (the container may still run). */
  killed: boolean;
}

/**
 * Spark's `YarnAllocator` behind the ApplicationMaster (one resource profile,
 * `spark.yarn.max.executor.failures` not modelled). With `cluster.nodes`, new asks carry the
 * preferred nodes `LocalityPreferredContainerPlacementStrategy` derives from the allocation
 * manager's hints, and a container goes to a preferred node with room, else any (relaxed locality). The AM heartbeats to the ResourceManager:
 * at once when the driver changes the target, then after the initial allocation interval,
 * doubling up to `spark.yarn.scheduler.heartbeat.interval-ms` while asks are pending. Each
 * heartbeat first sets the asks to `target - pending - running` (cancelling the newest asks
 * when there are too many: only asks, never allocated containers), then takes the containers
 * the RM allocated since (`containerAllocationMs` after their ask, when capacity allows) and
 * launches them while the running count is below the target (`runAllocatedContainers`);
 * the rest are released. A launched container's executor registers after its start-up
 * latency even if the target fell meanwhile, and then idles out. Executor ids are given at
 * launch ("1", "2", ...), as Spark's `executorIdCounter` does. A killed executor leaves the
 * running count at once (`killExecutor`); its container holds capacity until it is gone.
 */
export class YarnAllocator implements ClusterManagerBackend {
  private target = 0;
  private amUp = false;
  private readonly asks: Ask[] = [];
  private readonly containers = new Map<string, Container>();
  /** Launched and not killed: `runningExecutorsPerResourceProfileId` (launching included). */
  private running = 0;
  private registered = 0;
  /** Launched containers whose executor has neither registered nor been killed (read every instant: a count, not a walk). */
  private launching = 0;
  /** Containers holding capacity: launched and not yet gone. */
  private live = 0;
  /** Its ids; the pools of several resource profiles share one counter. */
  executorIds = new ExecutorIdCounter(1);
  private nextAllocationIntervalMs: number;
  private nextHeartbeatMs = Infinity;
  private lastHeartbeatMs = -1;
  private waiting = 0;
  private hints: PlacementHints | undefined;

  constructor(
    private readonly settings: YarnAllocatorSettings,
    private readonly startup: DurationSpec,
    private readonly startupStream: RandomStream,
    private readonly clock: Clock,
    private readonly hooks: YarnAllocatorHooks,
  ) {
    this.nextAllocationIntervalMs = settings.initialAllocationIntervalMs;
  }

  /** Application start: the AM comes up after its start-up and heartbeats at once. */
  start(): void {
    this.wakeAt(this.settings.amStartupMs);
  }

  get pendingCount(): number {
    return this.asks.length + this.starting;
  }

  get registeredCount(): number {
    return this.registered;
  }

  /** Launched containers whose executor has not registered. */
  get starting(): number {
    return this.launching;
  }

  /** Asks the RM has had long enough but has no capacity for. */
  get waitingForCapacity(): number {
    return this.waiting;
  }

  /** `requestTotalExecutorsWithPreferredLocalities`; a changed target wakes the allocation thread. */
  requestTotalExecutors(total: number, hints?: PlacementHints): boolean {
    const changed = total !== this.target;
    this.target = total;
    this.hints = hints;
    if (changed && this.amUp) this.wakeAt(this.clock.now);
    return true;
  }

  killExecutors(ids: readonly string[]): string[] {
    return ids.filter((id) => this.hooks.kill(id));
  }

  register(executorId: string): boolean {
    const c = this.containers.get(executorId);
    if (c === undefined || c.registered || c.killed) return false;
    c.registered = true;
    this.registered++;
    this.launching--;
    return true;
  }

  /** `killExecutor` (or the application ended): the allocator stops counting it. */
  executorGone(executorId: string): void {
    const c = this.containers.get(executorId);
    if (c === undefined || c.killed) return;
    c.killed = true;
    this.running--;
    if (c.registered) this.registered--;
    else this.launching--;
  }

  /** The container failed or its node went: gone at once; the next heartbeat asks for a replacement (target - asks - running). */
  executorLost(executorId: string): void {
    this.executorGone(executorId);
    this.containerStopped(executorId);
  }

  /** The container completed: its capacity is free. */
  containerStopped(executorId: string): void {
    const c = this.containers.get(executorId);
    if (c === undefined) return;
    if (!c.registered && !c.killed) this.launching--;
    this.containers.delete(executorId);
    this.live--;
  }

  cancelAll(): void {
    this.asks.length = 0;
    this.waiting = 0;
    for (const c of this.containers.values()) {
      if (!c.registered && !c.killed) {
        c.killed = true;
        this.running--;
        this.launching--;
        this.hooks.onCancelled(c.id);
      }
    }
  }

  /** One `allocateResources` call, if this is the heartbeat the AM is waiting for. */
  heartbeat(): void {
    const now = this.clock.now;
    if (now !== this.nextHeartbeatMs || now === this.lastHeartbeatMs) return;
    this.lastHeartbeatMs = now;
    this.amUp = true;
    this.updateResourceRequests(now);
    this.handleAllocatedContainers(now);
    const [sleep, next] = allocationSleepMs({
      pendingAsks: this.asks.length,
      nextAllocationIntervalMs: this.nextAllocationIntervalMs,
      heartbeatIntervalMs: this.settings.heartbeatIntervalMs,
      initialAllocationIntervalMs: this.settings.initialAllocationIntervalMs,
    });
    this.nextAllocationIntervalMs = next;
    this.wakeAt(now + Math.max(1, sleep));
  }

  private wakeAt(atMs: number): void {
    // A notify while the thread is not waiting is lost (Spark's allocatorLock.notifyAll).
    if (atMs === this.nextHeartbeatMs || atMs <= this.lastHeartbeatMs) return;
    this.nextHeartbeatMs = atMs;
    this.hooks.scheduleHeartbeat(atMs);
  }

  /** `updateResourceRequests`: ask for what is missing, or cancel asks not yet allocated (newest first). */
  private updateResourceRequests(now: number): void {
    const missing = this.target - this.asks.length - this.running;
    const hints = this.hints;
    if (missing > 0 && this.settings.nodes !== undefined && hints !== undefined && hints.localityAwareTasks > 0) {
      this.localityRequests(now, missing, hints, this.settings.nodes);
      return;
    }
    for (let i = 0; i < missing; i++) this.asks.push({ askedAtMs: now });
    if (missing < 0) this.asks.splice(Math.max(0, this.asks.length + missing));
  }

  /**
   * The asks for `missing` containers with locality (`updateResourceRequests`): asks for nodes no
   * local task wants any more are cancelled and asked again, and asks for any node give way
   * (newest first) when the placement strategy wants more local asks than there is room for.
   */
  private localityRequests(now: number, missing: number, hints: PlacementHints, nodes: ClusterNodes): void {
    const hosts = hints.hostToLocalTaskCount;
    const isStale = (a: Ask): boolean => a.nodes !== undefined && !a.nodes.some((h) => hosts.has(h));
    const stale = this.asks.filter(isStale).length;
    const anyHost = this.asks.filter((a) => a.nodes === undefined);
    const local = this.asks.filter((a) => a.nodes !== undefined && !isStale(a)).map((a) => a.nodes!);
    const available = missing + stale;
    const preferences = localityOfRequestedContainers({
      numContainer: available + anyHost.length,
      numLocalityAwareTasks: hints.localityAwareTasks,
      hostToLocalTaskCount: hosts,
      allocatedHostToContainers: (h) => nodes.loadOfHost(h),
      localityMatchedPendingAllocations: local,
      tasksPerExecutor: this.settings.tasksPerExecutor ?? 1,
    });
    const asks: Ask[] = preferences.flatMap((p) => (p === undefined ? [] : [{ askedAtMs: now, nodes: p }]));
    const cancelled = new Set<Ask>(this.asks.filter(isStale));
    if (available >= asks.length) while (asks.length < available) asks.push({ askedAtMs: now });
    else for (const a of anyHost.slice(0, asks.length - available)) cancelled.add(a);
    const kept = this.asks.filter((a) => !cancelled.has(a));
    this.asks.length = 0;
    this.asks.push(...kept, ...asks);
  }

  /** The RM's allocated containers arrive (oldest asks first, as capacity allows) and are launched or released. */
  private handleAllocatedContainers(now: number): void {
    let ready = 0;
    // The RM schedules asynchronously: an ask is never answered by the call that sends it.
    const allocatedBy = (a: Ask): boolean => a.askedAtMs < now && a.askedAtMs + this.settings.containerAllocationMs <= now;
    while (ready < this.asks.length && allocatedBy(this.asks[ready]!)) ready++;
    const free = Math.max(0, this.settings.maxContainers - this.live);
    const allocated = Math.min(ready, free);
    this.waiting = ready - allocated;
    const taken = this.asks.splice(0, allocated);
    // Launches run on a thread pool: the running count the check sees is the one before this batch.
    const runningBefore = this.running;
    for (let i = 0; i < allocated; i++) {
      if (runningBefore < this.target) this.launch(now, taken[i]!);
    }
  }

  /** The node a launched container runs on (with `cluster.nodes`). */
  hostOf(executorId: string): string | undefined {
    return this.settings.nodes?.hostOf(executorId);
  }

  private launch(now: number, ask: Ask): void {
    const n = this.executorIds.next();
    const index = n - 1;
    const id = String(n);
    this.settings.nodes?.placeOn(id, ask.nodes);
    this.containers.set(id, { id, registered: false, killed: false });
    this.running++;
    this.launching++;
    this.live++;
    this.hooks.onRequested(id);
    this.hooks.scheduleRegistration(id, now + sampleDuration(this.startup, index, this.startupStream));
  }
}
