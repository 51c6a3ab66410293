/**
 * Where each shuffle's map outputs live (`MapOutputTrackerMaster`, reduced to locations).
 * Without an external shuffle service, outputs die with their executor, and a later job that
 * reuses the shuffle has to recompute the missing partitions.
 */
export class MapOutputTracker {
  /** shuffleId -> executor id per map partition (undefined = missing). */
  private readonly outputs = new Map<number, Array<string | undefined>>();
  private readonly available = new Map<number, number>();
  /** executorId -> flat [shuffleId, partition, shuffleId, partition, ...] it wrote. */
  private readonly byExecutor = new Map<string, number[]>();

  registerShuffle(shuffleId: number, numPartitions: number): void {
    if (!this.outputs.has(shuffleId)) {
      this.outputs.set(shuffleId, new Array<string | undefined>(numPartitions).fill(undefined));
      this.available.set(shuffleId, 0);
    }
  }

  registerMapOutput(shuffleId: number, partition: number, executorId: string): void {
    const locs = this.outputs.get(shuffleId);
    if (locs === undefined) return;
    if (locs[partition] === undefined) this.available.set(shuffleId, this.available.get(shuffleId)! + 1);
    locs[partition] = executorId;
    let written = this.byExecutor.get(executorId);
    if (written === undefined) {
      written = [];
      this.byExecutor.set(executorId, written);
    }
    written.push(shuffleId, partition);
  }

  /** All partitions have a live output. */
  isAvailable(shuffleId: number): boolean {
    const locs = this.outputs.get(shuffleId);
    return locs !== undefined && this.available.get(shuffleId) === locs.length;
  }

  missingPartitions(shuffleId: number): number[] {
    const locs = this.outputs.get(shuffleId);
    if (locs === undefined) return [];
    const out: number[] = [];
    for (let p = 0; p < locs.length; p++) if (locs[p] === undefined) out.push(p);
    return out;
  }

  /** `removeOutputsOnExecutor`: the executor's outputs are gone (no shuffle service). */
  removeOutputsOnExecutor(executorId: string): void {
    const written = this.byExecutor.get(executorId);
    if (written === undefined) return;
    this.byExecutor.delete(executorId);
    for (let i = 0; i < written.length; i += 2) {
      const shuffleId = written[i]!;
      const partition = written[i + 1]!;
      const locs = this.outputs.get(shuffleId);
      if (locs !== undefined && locs[partition] === executorId) {
        locs[partition] = undefined;
        this.available.set(shuffleId, this.available.get(shuffleId)! - 1);
      }
    }
  }

  /** `unregisterShuffle` (ContextCleaner). */
  unregisterShuffle(shuffleId: number): void {
    this.outputs.delete(shuffleId);
    this.available.delete(shuffleId);
  }
}
