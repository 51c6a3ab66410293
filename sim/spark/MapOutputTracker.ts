import { ShuffleTable } from "./ShuffleTable.js";
import { MapOutputsByExecutor } from "./MapOutputsByExecutor.js";
import { ExecutorNumbersById } from "./ExecutorNumbersById.js";

/** The location of map outputs migrated to the fallback storage (`FallbackStorage.FALLBACK_BLOCK_MANAGER_ID`). */
export const FALLBACK_STORAGE_ID = "fallback";
/** What a removal that lists nothing returns (never written). */
const NONE_LOST: readonly number[] = Object.freeze([]);
/** `locs` value of an output on the fallback storage: available, on no executor. */
export const ON_FALLBACK = -1;

/** One shuffle's map outputs: the executor (its number + 1) per map partition, 0 = missing, -1 = the fallback storage. */
interface ShuffleOutputs {
  readonly locs: Int32Array;
  /** Partitions with a live output. */
  available: number;
}

/** Where each shuffle's map outputs live (`MapOutputTrackerMaster`, reduced to locations): what the driver's parts ask of it. */
export interface MapOutputTracker {
  registerShuffle(shuffleId: number, numPartitions: number): void;
  registerMapOutput(shuffleId: number, partition: number, executorId: string, executorNumber: number): void;
  isAvailable(shuffleId: number): boolean;
  missingPartitions(shuffleId: number): Int32Array;
  removeOutputsOnExecutor(executorId: string, listLost?: boolean): readonly number[];
  locationsWithLargestOutputs(shuffleId: number, fraction: number): string[];
  outputsOn(executorId: string): number[];
  updateMapOutput(shuffleId: number, partition: number, from: string, to: string, toNumber: number): boolean;
  unregisterShuffle(shuffleId: number): void;
}

/**
 * The map output tracker that lists each executor's outputs in write order, for a run whose
 * removals say which outputs they lost (`CountingMapOutputTracker` counts them instead).
 * Without an external shuffle service, outputs die with their executor, and a later job that
 * reuses the shuffle has to recompute the missing partitions.
 *
 * Executors are known by the task scheduler's dense number (`ExecutorSlots.number`): what each
 * wrote is a list found by that number, not by a lookup of its id among thousands.
 */
export class ListingMapOutputTracker implements MapOutputTracker {
  private readonly shuffles = new ShuffleTable<ShuffleOutputs>();
  /** Executor id -> its number (from its first output to its removal), and back. */
  private readonly numberOf = new ExecutorNumbersById();
  /** By executor number: what it wrote, and its id. */
  private readonly written = new MapOutputsByExecutor();

  registerShuffle(shuffleId: number, numPartitions: number): void {
    if (this.shuffles.has(shuffleId)) return;
    this.shuffles.set(shuffleId, { locs: new Int32Array(numPartitions), available: 0 });
  }

  /** A map task's output, on the executor `executorId` numbered `executorNumber` by the task scheduler. */
  registerMapOutput(shuffleId: number, partition: number, executorId: string, executorNumber: number): void {
    const s = this.shuffles.cached(shuffleId);
    if (s === undefined) return;
    const x = executorNumber;
    if (s.locs[partition] === 0) s.available++;
    s.locs[partition] = x + 1;
    if (!this.written.has(x)) this.numberOf.set(executorId, x);
    this.written.add(x, shuffleId, partition);
  }

  /** All partitions have a live output. */
  isAvailable(shuffleId: number): boolean {
    const s = this.shuffles.get(shuffleId);
    return s !== undefined && s.available === s.locs.length;
  }

  /** Partitions without a live output, in order. */
  missingPartitions(shuffleId: number): Int32Array {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined) return new Int32Array(0);
    const locs = s.locs;
    let n = 0;
    for (let p = 0; p < locs.length; p++) if (locs[p] === 0) n++;
    const out = new Int32Array(n);
    n = 0;
    for (let p = 0; p < locs.length; p++) if (locs[p] === 0) out[n++] = p;
    return out;
  }

  /**
   * `removeOutputsOnExecutor`: the executor's outputs are gone (no shuffle service). Returns
   * the lost outputs as flat [shuffleId, partition, ...], in the order they were written
   * (none when `listLost` is false: a kill's caller does not read them).
   */
  removeOutputsOnExecutor(executorId: string, listLost = true): readonly number[] {
    const x = this.numberOf.get(executorId);
    if (x === undefined) return NONE_LOST;
    this.numberOf.delete(executorId);
    this.removing = x + 1;
    const lost = (this.lost = listLost ? [] : undefined);
    this.written.take(x, this.dropOutput);
    this.lost = undefined;
    return lost ?? NONE_LOST;
  }

  /** The executor (number + 1) whose outputs `dropOutput` drops, and the list of those lost (when asked). */
  private removing = 0;
  private lost: number[] | undefined = undefined;
  /** One written output of the executor being removed: gone unless rewritten elsewhere since (one closure, not one per removal). */
  private readonly dropOutput = (shuffleId: number, partition: number): void => {
    const s = this.shuffles.cached(shuffleId);
    if (s !== undefined && s.locs[partition] === this.removing) {
      s.locs[partition] = 0;
      s.available--;
      this.lost?.push(shuffleId, partition);
    }
  };

  /**
   * `getLocationsWithLargestOutputs` with every map output the same size: the executors that
   * wrote at least `fraction` of the shuffle's map outputs, in order of first output.
   */
  locationsWithLargestOutputs(shuffleId: number, fraction: number): string[] {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined || s.locs.length === 0) return [];
    const counts = new Map<number, number>();
    for (const x of s.locs) if (x > 0) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts].filter(([, n]) => n / s.locs.length >= fraction).map(([x]) => this.numberOf.idOf(x - 1));
  }

  /** Map outputs that live on the executor now, as flat [shuffleId, partition, ...] in shuffle then partition order. */
  outputsOn(executorId: string): number[] {
    const x = this.numberOf.get(executorId);
    if (x === undefined) return [];
    const pairs = new Map<string, [number, number]>();
    this.written.forEach(x, (shuffleId, partition) => {
      if (this.shuffles.get(shuffleId)?.locs[partition] === x + 1) pairs.set(`${shuffleId}/${partition}`, [shuffleId, partition]);
    });
    return [...pairs.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();
  }

  /**
   * `updateMapOutput`: a migrated block's new home, a peer executor (numbered `toNumber` by the
   * task scheduler) or the fallback storage, which no executor loss removes. False when the
   * output is no longer on `from`.
   */
  updateMapOutput(shuffleId: number, partition: number, from: string, to: string, toNumber: number): boolean {
    const s = this.shuffles.get(shuffleId);
    const x = this.numberOf.get(from);
    if (s === undefined || x === undefined || s.locs[partition] !== x + 1) return false;
    return moveOutput(this, s, shuffleId, partition, to, toNumber);
  }

  /** `unregisterShuffle` (ContextCleaner). */
  unregisterShuffle(shuffleId: number): void {
    this.shuffles.delete(shuffleId);
  }
}


/** `updateMapOutput`'s move of an output found on its executor: to the fallback storage (still available), or written again on the peer. */
export function moveOutput(tracker: MapOutputTracker, s: { readonly locs: Int32Array; available: number }, shuffleId: number, partition: number, to: string, toNumber: number): true {
  if (to === FALLBACK_STORAGE_ID) {
    s.locs[partition] = ON_FALLBACK;
    return true;
  }
  s.locs[partition] = 0;
  s.available--;
  tracker.registerMapOutput(shuffleId, partition, to, toNumber);
  return true;
}
