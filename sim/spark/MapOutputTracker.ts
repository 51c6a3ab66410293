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

  /**
   * `getLocationsWithLargestOutputs` with every map output the same size: the executors that
   * wrote at least `fraction` of the shuffle's map outputs, in order of first output.
   */
  locationsWithLargestOutputs(shuffleId: number, fraction: number): string[] {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined || s.locs.length === 0) return [];
    const counts = new Map<string, number>();
    for (const e of s.locs) if (e !== undefined) counts.set(e, (counts.get(e) ?? 0) + 1);
    return [...counts].filter(([, n]) => n / s.locs.length >= fraction).map(([e]) => e);
  }

  /** `unregisterShuffle` (ContextCleaner). */
  unregisterShuffle(shuffleId: number): void {
    this.shuffles.delete(shuffleId);
  }
}
