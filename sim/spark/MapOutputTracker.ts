/** The location of map outputs migrated to the fallback storage (`FallbackStorage.FALLBACK_BLOCK_MANAGER_ID`). */
export const FALLBACK_STORAGE_ID = "fallback";
/** `locs` value of an output on the fallback storage: available, on no executor. */
const ON_FALLBACK = -1;

/** One shuffle's map outputs: the executor (its index + 1) per map partition, 0 = missing, -1 = the fallback storage. */
interface ShuffleOutputs {
  readonly locs: Int32Array;
  /** Partitions with a live output. */
  available: number;
}

/**
 * Where each shuffle's map outputs live (`MapOutputTrackerMaster`, reduced to locations).
 * Without an external shuffle service, outputs die with their executor, and a later job that
 * reuses the shuffle has to recompute the missing partitions.
 *
 * Every output written goes on one log (typed arrays, in write order), each entry chained to
 * the previous entry of the same executor: a task's output is a few writes at the end of the
 * log, not an append to one of thousands of per-executor lists, and an executor's removal
 * walks its own chain. Entries of removed executors are dropped when they are half the log.
 */
export class MapOutputTracker {
  private readonly shuffles = new Map<number, ShuffleOutputs>();
  /** Executor id -> its index (indices are never reused). */
  private readonly execIndex = new Map<string, number>();
  /** Executor index -> its id. */
  private readonly execIds: string[] = [];
  private execCount = 0;
  /** Per executor index: its last log entry (-1: none), its entries on the log, whether it was removed. */
  private lastEntry = new Int32Array(64).fill(-1);
  private entries = new Int32Array(64);
  private removed = new Uint8Array(64);
  /** The log: shuffle id, partition, executor index and that executor's previous entry. */
  private logShuffle = new Float64Array(1024);
  private logPartition = new Int32Array(1024);
  private logExec = new Int32Array(1024);
  private logPrev = new Int32Array(1024);
  private logLength = 0;
  private deadEntries = 0;

  registerShuffle(shuffleId: number, numPartitions: number): void {
    if (!this.shuffles.has(shuffleId)) this.shuffles.set(shuffleId, { locs: new Int32Array(numPartitions), available: 0 });
  }

  registerMapOutput(shuffleId: number, partition: number, executorId: string): void {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined) return;
    const x = this.indexOf(executorId);
    if (s.locs[partition] === 0) s.available++;
    s.locs[partition] = x + 1;
    if (this.logLength === this.logExec.length) this.growLog();
    const i = this.logLength++;
    this.logShuffle[i] = shuffleId;
    this.logPartition[i] = partition;
    this.logExec[i] = x;
    this.logPrev[i] = this.lastEntry[x]!;
    this.lastEntry[x] = i;
    this.entries[x]!++;
  }

  /** All partitions have a live output. */
  isAvailable(shuffleId: number): boolean {
    const s = this.shuffles.get(shuffleId);
    return s !== undefined && s.available === s.locs.length;
  }

  missingPartitions(shuffleId: number): number[] {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined) return [];
    const out: number[] = [];
    const locs = s.locs;
    for (let p = 0; p < locs.length; p++) if (locs[p] === 0) out.push(p);
    return out;
  }

  /**
   * `removeOutputsOnExecutor`: the executor's outputs are gone (no shuffle service). Returns
   * the lost outputs as flat [shuffleId, partition, ...], in the order they were written
   * (none when `listLost` is false: a kill's caller does not read them).
   */
  removeOutputsOnExecutor(executorId: string, listLost = true): number[] {
    const x = this.execIndex.get(executorId);
    if (x === undefined) return [];
    this.execIndex.delete(executorId);
    this.removed[x] = 1;
    const lost = listLost ? this.lostOutputs(x) : this.clearOutputs(x);
    this.lastEntry[x] = -1;
    this.deadEntries += this.entries[x]!;
    this.entries[x] = 0;
    if (this.deadEntries > 1024 && this.deadEntries * 2 > this.logLength) this.compactLog();
    return lost;
  }

  /** Clears the executor's outputs still in place; lists nothing. */
  private clearOutputs(x: number): number[] {
    for (let i = this.lastEntry[x]!; i >= 0; i = this.logPrev[i]!) {
      const s = this.shuffles.get(this.logShuffle[i]!);
      const partition = this.logPartition[i]!;
      if (s !== undefined && s.locs[partition] === x + 1) {
        s.locs[partition] = 0;
        s.available--;
      }
    }
    return [];
  }

  /** Clears the executor's outputs still in place and lists them in write order. */
  private lostOutputs(x: number): number[] {
    // The chain runs newest first: take the entries still in place, then clear them oldest
    // first (an output written twice is lost at its first write's place, as a list would give).
    const held: number[] = [];
    for (let i = this.lastEntry[x]!; i >= 0; i = this.logPrev[i]!) {
      if (this.shuffles.get(this.logShuffle[i]!)?.locs[this.logPartition[i]!] === x + 1) held.push(i);
    }
    const lost: number[] = [];
    for (let k = held.length - 1; k >= 0; k--) {
      const shuffleId = this.logShuffle[held[k]!]!;
      const partition = this.logPartition[held[k]!]!;
      const s = this.shuffles.get(shuffleId)!;
      if (s.locs[partition] !== x + 1) continue;
      s.locs[partition] = 0;
      s.available--;
      lost.push(shuffleId, partition);
    }
    return lost;
  }

  /**
   * `getLocationsWithLargestOutputs` with every map output the same size: the executors that
   * wrote at least `fraction` of the shuffle's map outputs, in order of first output.
   */
  locationsWithLargestOutputs(shuffleId: number, fraction: number): string[] {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined || s.locs.length === 0) return [];
    const counts = new Map<number, number>();
    for (const x of s.locs) if (x > 0) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts].filter(([, n]) => n / s.locs.length >= fraction).map(([x]) => this.execIds[x - 1]!);
  }

  /** Map outputs that live on the executor now, as flat [shuffleId, partition, ...] in shuffle then partition order. */
  outputsOn(executorId: string): number[] {
    const x = this.execIndex.get(executorId);
    if (x === undefined) return [];
    const pairs = new Map<string, [number, number]>();
    for (let i = this.lastEntry[x]!; i >= 0; i = this.logPrev[i]!) {
      const shuffleId = this.logShuffle[i]!;
      const partition = this.logPartition[i]!;
      if (this.shuffles.get(shuffleId)?.locs[partition] === x + 1) pairs.set(`${shuffleId}/${partition}`, [shuffleId, partition]);
    }
    return [...pairs.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();
  }

  /**
   * `updateMapOutput`: a migrated block's new home, a peer executor or the fallback storage
   * (which no executor loss removes). False when the output is no longer on `from`.
   */
  updateMapOutput(shuffleId: number, partition: number, from: string, to: string): boolean {
    const s = this.shuffles.get(shuffleId);
    const x = this.execIndex.get(from);
    if (s === undefined || x === undefined || s.locs[partition] !== x + 1) return false;
    if (to === FALLBACK_STORAGE_ID) {
      s.locs[partition] = ON_FALLBACK;
      return true;
    }
    s.locs[partition] = 0;
    s.available--;
    this.registerMapOutput(shuffleId, partition, to);
    return true;
  }

  /** `unregisterShuffle` (ContextCleaner). */
  unregisterShuffle(shuffleId: number): void {
    this.shuffles.delete(shuffleId);
  }

  private indexOf(executorId: string): number {
    let x = this.execIndex.get(executorId);
    if (x === undefined) {
      x = this.execCount++;
      this.execIndex.set(executorId, x);
      this.execIds.push(executorId);
      if (x === this.lastEntry.length) this.growExecutors();
    }
    return x;
  }

  private growExecutors(): void {
    const n = this.lastEntry.length * 2;
    const lastEntry = new Int32Array(n).fill(-1);
    lastEntry.set(this.lastEntry);
    this.lastEntry = lastEntry;
    const entries = new Int32Array(n);
    entries.set(this.entries);
    this.entries = entries;
    const removed = new Uint8Array(n);
    removed.set(this.removed);
    this.removed = removed;
  }

  private growLog(): void {
    this.resizeLog(this.logExec.length * 2);
  }

  private resizeLog(n: number): void {
    const shuffle = new Float64Array(n);
    const partition = new Int32Array(n);
    const exec = new Int32Array(n);
    const prev = new Int32Array(n);
    const len = Math.min(n, this.logLength);
    shuffle.set(this.logShuffle.subarray(0, len));
    partition.set(this.logPartition.subarray(0, len));
    exec.set(this.logExec.subarray(0, len));
    prev.set(this.logPrev.subarray(0, len));
    this.logShuffle = shuffle;
    this.logPartition = partition;
    this.logExec = exec;
    this.logPrev = prev;
  }

  /** Drops the entries of removed executors, keeping the rest in order and re-chaining them. */
  private compactLog(): void {
    let w = 0;
    for (let r = 0; r < this.logLength; r++) {
      const x = this.logExec[r]!;
      if (this.removed[x] === 1) continue;
      this.logShuffle[w] = this.logShuffle[r]!;
      this.logPartition[w] = this.logPartition[r]!;
      this.logExec[w] = x;
      w++;
    }
    this.lastEntry.fill(-1);
    for (let i = 0; i < w; i++) {
      const x = this.logExec[i]!;
      this.logPrev[i] = this.lastEntry[x]!;
      this.lastEntry[x] = i;
    }
    this.logLength = w;
    this.deadEntries = 0;
    if (w * 4 < this.logExec.length && this.logExec.length > 1024) this.resizeLog(Math.max(1024, w * 2));
  }
}
