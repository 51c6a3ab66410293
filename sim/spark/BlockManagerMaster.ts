import type { SparkListener, SparkListenerBlockUpdated, SparkListenerExecutorRemoved, SparkListenerUnpersistRDD } from "./SparkListener.js";

/**
 * Where cached RDD partitions live (`BlockManagerMasterEndpoint`'s block locations, reduced to
 * memory-only RDD blocks with one copy): the DAG scheduler's `getCacheLocs` reads it for the
 * preferred locations of tasks that read a cached RDD. It learns from the same events the
 * driver posts (a block stored, an RDD unpersisted, an executor removed with its blocks).
 */
export class BlockManagerMaster implements SparkListener {
  /** rddId -> partition -> executor holding it. */
  private readonly rdds = new Map<number, Map<number, string>>();
  /** executorId -> flat [rddId, partition, ...] it stored. */
  private readonly byExecutor = new Map<string, number[]>();

  onBlockUpdated(e: SparkListenerBlockUpdated): void {
    if (e.valid) this.blockAdded(e.rddId, e.partition, e.executorId);
    else if (this.rdds.get(e.rddId)?.get(e.partition) === e.executorId) this.rdds.get(e.rddId)!.delete(e.partition);
  }

  onUnpersistRDD(e: SparkListenerUnpersistRDD): void {
    this.rdds.delete(e.rddId);
  }

  onExecutorRemoved(e: SparkListenerExecutorRemoved): void {
    this.removeExecutor(e.executorId);
  }

  /** A task stored a partition of a cached RDD (`UpdateBlockInfo`). */
  blockAdded(rddId: number, partition: number, executorId: string): void {
    let blocks = this.rdds.get(rddId);
    if (blocks === undefined) {
      blocks = new Map();
      this.rdds.set(rddId, blocks);
    }
    blocks.set(partition, executorId);
    let stored = this.byExecutor.get(executorId);
    if (stored === undefined) {
      stored = [];
      this.byExecutor.set(executorId, stored);
    }
    stored.push(rddId, partition);
  }

  /** The executor holding a cached partition, if any. */
  location(rddId: number, partition: number): string | undefined {
    return this.rdds.get(rddId)?.get(partition);
  }

  /** `removeExecutor`: its blocks are gone. */
  removeExecutor(executorId: string): void {
    const stored = this.byExecutor.get(executorId);
    if (stored === undefined) return;
    this.byExecutor.delete(executorId);
    for (let i = 0; i < stored.length; i += 2) {
      const blocks = this.rdds.get(stored[i]!);
      if (blocks?.get(stored[i + 1]!) === executorId) blocks.delete(stored[i + 1]!);
    }
  }
}
