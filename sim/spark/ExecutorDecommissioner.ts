import type { RandomStream } from "../core/random.js";
import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";
import type { DecommissionTrigger } from "../result/SimEvent.js";
import { sampleDuration } from "../scenario/durations.js";
import { DEFAULT_DECOMMISSION, type DurationSpec, type ExecutorLossCause } from "../scenario/Scenario.js";
import type { DriverContext } from "./DriverContext.js";
import type { ExecutorMonitor } from "./ExecutorMonitor.js";
import { FALLBACK_STORAGE_ID } from "./MapOutputTracker.js";
import { Phase } from "./phases.js";

/** The decommission shutdown thread's sleep (`CoarseGrainedExecutorBackend.decommissionSelf`): 1 s. */
export const DECOMMISSION_POLL_MS = 1000;

/** One step of a decommission on the queue. */
export type DecommissionStep =
  | { readonly kind: "poll" | "round" | "forceKill"; readonly executorId: string }
  | { readonly kind: "migrated"; readonly executorId: string; readonly block: "shuffle" | "rdd"; readonly id: number; readonly partition: number; readonly to: string };

/** How the executor's removal will read in the events, fixed when its decommission starts. */
export interface DecommissionRemoval {
  readonly reason: ExecutorRemovalReason;
  readonly idleSinceMs?: number;
  readonly cause?: ExecutorLossCause;
}

/** One decommissioning executor: what it has handed to its migration threads and when they are free. */
export interface DecommissionState {
  readonly id: string;
  readonly trigger: DecommissionTrigger;
  readonly startMs: number;
  readonly removal: DecommissionRemoval;
  /** Blocks handed to a migration thread ("s/shuffle/partition", "r/rdd/partition"); a failed one is taken off and found again. */
  readonly queued: Set<string>;
  /** Blocks handed over and not yet migrated. */
  inFlight: number;
  /** The shuffle threads, one per peer (`ShuffleMigrationRunnable`): when each is free. */
  readonly shuffleThreadFreeAtMs: Map<string, number>;
  /** The single RDD migration thread. */
  rddThreadFreeAtMs: number;
  shuffleStopped: boolean;
  rddStopped: boolean;
}

/** What the decommissioner needs of the scheduler backend. */
export interface DecommissionBackend {
  /** Registered, not killed, not decommissioning (`isExecutorActive`). */
  isExecutorActive(id: string): boolean;
  /** The task scheduler's number of an active executor (the map output tracker keys outputs by it). */
  executorNumber(id: string): number | undefined;
  /** Stop offering it tasks (`TaskSchedulerImpl.executorDecommission`); running tasks go on. */
  stopOffers(id: string): void;
  /** The executor exits once decommissioned (`finished`), or the driver force-kills it. */
  removeDecommissioned(d: DecommissionState, finished: boolean): void;
}

/**
 * Executor decommissioning, end to end: the driver's `CoarseGrainedSchedulerBackend.decommissionExecutors`
 * (the executor takes no more tasks; `forceKillTimeout` arms a kill), each executor's
 * `decommissionSelf` shutdown loop and its `BlockManagerDecommissioner` (3.1+). With storage
 * decommission on, migration runs in rounds every `replicationReattemptInterval` (the refresh that
 * queues the executor's shuffle blocks and the RDD round): shuffle blocks go to peers, one thread
 * per peer (at most `shuffleBlocks.maxThreads`, the fallback storage one of them), RDD blocks one at a
 * time to a random peer. The executor exits at the first poll after a round, later than the start,
 * that found no running task and every block migrated; without migration, at the first poll
 * without running tasks. Each migrated shuffle block moves its map output (`updateMapOutput`) and,
 * under shuffle tracking, pins the peer that received it (`ShuffleDataBlockId` block update).
 */
export class ExecutorDecommissioner {
  private readonly states = new Map<string, DecommissionState>();
  private readonly shuffleMs: DurationSpec;
  private readonly rddMs: DurationSpec;
  private readonly migrationStream: RandomStream;
  private draws = 0;

  constructor(
    private readonly p: DriverContext,
    private readonly monitor: ExecutorMonitor,
    private readonly backend: DecommissionBackend,
  ) {
    const spec = p.scenario.cluster.decommission ?? DEFAULT_DECOMMISSION;
    this.shuffleMs = spec.shuffleBlockMigrationMs;
    this.rddMs = spec.rddBlockMigrationMs;
    this.migrationStream = p.random.stream("blockMigrationMs");
  }

  /** Executors decommissioning now. */
  get count(): number {
    return this.states.size;
  }

  /** Decommissioned by a notice and running a task: busy to the monitor, which was never told (the timeline moves them out of busy). */
  noticeBusyCount(): number {
    let n = 0;
    for (const d of this.states.values()) {
      const t = this.monitor.tracker(d.id);
      if (d.trigger === "notice" && t !== undefined && !t.decommissioning && t.runningTasks > 0) n++;
    }
    return n;
  }

  isDecommissioning(id: string): boolean {
    return this.states.has(id);
  }

  /**
   * `decommissionExecutors(ids)`: the active ones start decommissioning; returns them. All are
   * marked before any migrates (`decommissionBlockManagers` first), so none is another's peer.
   */
  decommission(ids: readonly string[], trigger: DecommissionTrigger, removal: (id: string) => DecommissionRemoval, lossAtMs?: number): string[] {
    const p = this.p;
    const now = p.sim.now;
    const s = p.conf.decommission;
    const started: DecommissionState[] = [];
    for (const id of ids) {
      if (!this.backend.isExecutorActive(id) || this.states.has(id)) continue;
      const d: DecommissionState = {
        id, trigger, startMs: now, removal: removal(id), queued: new Set(), inFlight: 0, shuffleThreadFreeAtMs: new Map(), rddThreadFreeAtMs: now,
        shuffleStopped: !(s.storageEnabled && s.shuffleBlocksEnabled), rddStopped: !(s.storageEnabled && s.rddBlocksEnabled),
      };
      this.states.set(id, d);
      started.push(d);
    }
    for (const d of started) {
      this.backend.stopOffers(d.id);
      p.record({ timeMs: now, type: "executorDecommissioned", executorId: d.id, trigger, ...(lossAtMs === undefined ? {} : { lossAtMs }) });
      if (s.forceKillTimeoutMs !== undefined) this.schedule(now + s.forceKillTimeoutMs, { kind: "forceKill", executorId: d.id });
      if (d.shuffleStopped && d.rddStopped) this.schedule(now + DECOMMISSION_POLL_MS, { kind: "poll", executorId: d.id });
      else this.round(d);
    }
    return started.map((d) => d.id);
  }

  /** The executor leaves the driver however it goes: its decommission state, if it had one. */
  take(id: string): DecommissionState | undefined {
    const d = this.states.get(id);
    this.states.delete(id);
    return d;
  }

  /** A step came due: false when it changed nothing the allocation tick reads. */
  step(step: DecommissionStep): boolean {
    const d = this.states.get(step.executorId);
    if (d === undefined) return false;
    switch (step.kind) {
      case "poll":
        if (this.runningTasks(d) > 0) {
          this.schedule(this.p.sim.now + DECOMMISSION_POLL_MS, step);
          return false;
        }
        this.exit(d, true);
        return true;
      case "round":
        this.round(d);
        return false;
      case "forceKill":
        this.exit(d, false);
        return true;
      case "migrated":
        return this.migrated(d, step);
    }
  }

  /** The backend's removal takes the state (`take`), so its record says the executor was decommissioning. */
  private exit(d: DecommissionState, finished: boolean): void {
    this.backend.removeDecommissioned(d, finished);
  }

  private runningTasks(d: DecommissionState): number {
    return this.monitor.tracker(d.id)?.runningTasks ?? 0;
  }

  /**
   * One migration round (`refreshMigratableShuffleBlocks` and the RDD round): queue the blocks
   * found since the last, stop a kind with no peer left, then exit at the next poll if this
   * round, after the first, found nothing left and no task running; else the next round.
   */
  private round(d: DecommissionState): void {
    const now = this.p.sim.now;
    const s = this.p.conf.decommission;
    const peers = this.peers(d);
    let found = 0;
    if (!d.shuffleStopped) {
      const shufflePeers = [...this.randomized(peers, d), ...(s.fallbackStorage ? [FALLBACK_STORAGE_ID] : [])].slice(0, s.shuffleMaxThreads);
      if (shufflePeers.length === 0) d.shuffleStopped = true;
      else found += this.queueShuffleBlocks(d, shufflePeers, now);
    }
    if (!d.rddStopped) {
      if (peers.length === 0) d.rddStopped = true;
      else found += this.queueRddBlocks(d, peers, now);
    }
    if (d.shuffleStopped && d.rddStopped) {
      this.schedule(now + DECOMMISSION_POLL_MS, { kind: "poll", executorId: d.id });
      return;
    }
    const afterFirst = now > d.startMs;
    if (afterFirst && found === 0 && d.inFlight === 0 && this.runningTasks(d) === 0) this.schedule(now + DECOMMISSION_POLL_MS, { kind: "poll", executorId: d.id });
    else this.schedule(now + s.replicationReattemptIntervalMs, { kind: "round", executorId: d.id });
  }

  /** Shuffle blocks on it not queued yet, each to the thread free first (`ShuffleMigrationRunnable`s share one queue). */
  private queueShuffleBlocks(d: DecommissionState, peers: readonly string[], now: number): number {
    const outputs = this.p.mapOutputs.outputsOn(d.id);
    let found = 0;
    for (let i = 0; i < outputs.length; i += 2) {
      const key = `s/${outputs[i]}/${outputs[i + 1]}`;
      if (d.queued.has(key)) continue;
      d.queued.add(key);
      found++;
      let to = peers[0]!;
      let freeAt = Infinity;
      for (const peer of peers) {
        const f = Math.max(now, d.shuffleThreadFreeAtMs.get(peer) ?? now);
        if (f < freeAt) [to, freeAt] = [peer, f];
      }
      const doneAt = freeAt + this.draw(this.shuffleMs);
      d.shuffleThreadFreeAtMs.set(to, doneAt);
      d.inFlight++;
      this.schedule(doneAt, { kind: "migrated", executorId: d.id, block: "shuffle", id: outputs[i]!, partition: outputs[i + 1]!, to });
    }
    return found;
  }

  /** Cached blocks on it not queued yet, one after another, each to a random peer (`decommissionRddCacheBlocks`). */
  private queueRddBlocks(d: DecommissionState, peers: readonly string[], now: number): number {
    const cached = this.monitor.tracker(d.id)?.cachedBlocks;
    if (cached === undefined) return 0;
    const pick = this.p.random.stream("rddMigrationPeer", d.id, now);
    let found = 0;
    for (const rddId of [...cached.keys()].sort((a, b) => a - b)) {
      for (const partition of [...cached.get(rddId)!].sort((a, b) => a - b)) {
        const key = `r/${rddId}/${partition}`;
        if (d.queued.has(key)) continue;
        d.queued.add(key);
        found++;
        const to = peers[Math.floor(pick.next() * peers.length)]!;
        d.rddThreadFreeAtMs = Math.max(now, d.rddThreadFreeAtMs) + this.draw(this.rddMs);
        d.inFlight++;
        this.schedule(d.rddThreadFreeAtMs, { kind: "migrated", executorId: d.id, block: "rdd", id: rddId, partition, to });
      }
    }
    return found;
  }

  /**
   * A block arrived: the map output now lives on the peer (or the fallback storage) and pins
   * the peer; a cached block moves to the peer. A peer gone meanwhile failed the transfer:
   * the next round queues the block again.
   */
  private migrated(d: DecommissionState, m: Extract<DecommissionStep, { kind: "migrated" }>): boolean {
    const p = this.p;
    d.inFlight--;
    const toFallback = m.to === FALLBACK_STORAGE_ID;
    if (!toFallback && !this.backend.isExecutorActive(m.to)) {
      d.queued.delete(`${m.block === "shuffle" ? "s" : "r"}/${m.id}/${m.partition}`);
      return false;
    }
    if (m.block === "shuffle") {
      if (!p.mapOutputs.updateMapOutput(m.id, m.partition, d.id, m.to, this.backend.executorNumber(m.to) ?? -1)) return false;
      // `onBlockUpdated` of a `ShuffleDataBlockId` (3.1+): the receiver holds the shuffle (shuffle tracking only).
      if (!toFallback) this.monitor.tracker(m.to)?.addShuffle(m.id);
    } else {
      if (this.monitor.tracker(d.id)?.cachedBlocks.get(m.id)?.has(m.partition) !== true) return false;
      p.bus.postBlockUpdated({ executorId: m.to, rddId: m.id, partition: m.partition, valid: true, useDisk: false });
      // `migrateBlock` removes the local copy once replicated.
      p.bus.postBlockUpdated({ executorId: d.id, rddId: m.id, partition: m.partition, valid: false, useDisk: false });
    }
    p.record({ timeMs: p.sim.now, type: "blockMigrated", executorId: d.id, to: m.to, block: m.block, id: m.id, partition: m.partition });
    return true;
  }

  /** Live peers (`getPeers`: not decommissioning, not the executor itself), by id as numbers. */
  private peers(d: DecommissionState): string[] {
    return this.monitor
      .executorIds()
      .filter((id) => id !== d.id && this.backend.isExecutorActive(id))
      .sort((a, b) => Number(a) - Number(b));
  }

  /** `Utils.randomize(peers)`: a seeded shuffle per executor and round. */
  private randomized(peers: readonly string[], d: DecommissionState): string[] {
    const out = [...peers];
    const stream = this.p.random.stream("shuffleMigrationPeers", d.id, this.p.sim.now);
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(stream.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  private draw(spec: DurationSpec): number {
    return Math.max(0, sampleDuration(spec, this.draws++, this.migrationStream));
  }

  private schedule(atMs: number, step: DecommissionStep): void {
    this.p.sim.schedule(atMs, Phase.ExecutorRemoved, { type: "decommission", step });
  }
}
