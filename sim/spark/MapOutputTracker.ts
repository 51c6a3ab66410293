/** The location of map outputs migrated to the fallback storage (`FallbackStorage.FALLBACK_BLOCK_MANAGER_ID`). */
export const FALLBACK_STORAGE_ID = "fallback";

/** One shuffle's map outputs: the executor per map partition (undefined = missing). */
interface ShuffleOutputs {
  readonly locs: Array<string | undefined>;
  /** Partitions with a live output. */
  available: number;
}

/**
 * Where each shuffle's map outputs live (`MapOutputTrackerMaster`, reduced to locations).
 * Without an external shuffle service, outputs die with their executor, and a later job that
 * reuses the shuffle has to recompute the missing partitions.
 */
export class MapOutputTracker {
  private readonly shuffles = new Map<number, ShuffleOutputs>();
  /** executorId -> flat [shuffleId, partition, shuffleId, partition, ...] it wrote. */
  private readonly byExecutor = new Map<string, number[]>();

  registerShuffle(shuffleId: number, numPartitions: number): void {
    if (!this.shuffles.has(shuffleId)) {
      this.shuffles.set(shuffleId, { locs: new Array<string | undefined>(numPartitions).fill(undefined), available: 0 });
    }
  }

  registerMapOutput(shuffleId: number, partition: number, executorId: string): void {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined) return;
    if (s.locs[partition] === undefined) s.available++;
    s.locs[partition] = executorId;
    let written = this.byExecutor.get(executorId);
    if (written === undefined) {
      written = [];
      this.byExecutor.set(executorId, written);
    }
    written.push(shuffleId, partition);
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
    for (let p = 0; p < s.locs.length; p++) if (s.locs[p] === undefined) out.push(p);
    return out;
  }

  /**
   * `removeOutputsOnExecutor`: the executor's outputs are gone (no shuffle service). Returns
   * the lost outputs as flat [shuffleId, partition, ...].
   */
  removeOutputsOnExecutor(executorId: string): number[] {
    const written = this.byExecutor.get(executorId);
    if (written === undefined) return [];
    this.byExecutor.delete(executorId);
    const lost: number[] = [];
    for (let i = 0; i < written.length; i += 2) {
      const s = this.shuffles.get(written[i]!);
      const partition = written[i + 1]!;
      if (s !== undefined && s.locs[partition] === executorId) {
        s.locs[partition] = undefined;
        s.available--;
        lost.push(written[i]!, partition);
      }
    }
    return lost;
  }

  /** Map outputs that live on the executor now, as flat [shuffleId, partition, ...] in shuffle then partition order. */
  outputsOn(executorId: string): number[] {
    const written = this.byExecutor.get(executorId);
    if (written === undefined) return [];
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < written.length; i += 2) {
      if (this.shuffles.get(written[i]!)?.locs[written[i + 1]!] === executorId) pairs.push([written[i]!, written[i + 1]!]);
    }
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return pairs.flat();
  }

  /** Where a map output lives now (undefined: missing, or the shuffle is gone). */
  locationOf(shuffleId: number, partition: number): string | undefined {
    return this.shuffles.get(shuffleId)?.locs[partition];
  }

  /**
   * `updateMapOutput`: a migrated block's new home (a peer executor, or the fallback storage,
   * which no executor loss removes). False when the output is no longer where it was.
   */
  updateMapOutput(shuffleId: number, partition: number, from: string, to: string): boolean {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined || s.locs[partition] !== from) return false;
    s.locs[partition] = to;
    if (to === FALLBACK_STORAGE_ID) return true;
    let written = this.byExecutor.get(to);
    if (written === undefined) {
      written = [];
      this.byExecutor.set(to, written);
    }
    written.push(shuffleId, partition);
    return true;
  }

  /** `unregisterShuffle` (ContextCleaner). */
  unregisterShuffle(shuffleId: number): void {
    this.shuffles.delete(shuffleId);
  }
}
