import { objectArray } from "../core/objectArray.js";
import type { SparkConf } from "../conf/SparkConf.js";
import type { Scenario } from "../scenario/Scenario.js";
import { ShuffleTable } from "./ShuffleTable.js";
import { ListingMapOutputTracker, moveOutput, type MapOutputTracker } from "./MapOutputTracker.js";
import { ExecutorNumbersById } from "./ExecutorNumbersById.js";
import { ExecutorRows } from "./ExecutorRows.js";

/** What a removal returns: this tracker never lists lost outputs. */
const NONE_LOST: readonly number[] = Object.freeze([]);

/** One registration of a shuffle: the executor (its number + 1) per map partition, 0 = missing, -1 = the fallback storage. */
interface ShuffleOutputs {
  /** Never reused: what executors' counts name, so a shuffle unregistered and registered again starts clean. */
  readonly serial: number;
  readonly locs: Int32Array;
  /** Partitions with a live output (an executor's outputs stop being live when it is removed). */
  available: number;
}

/**
 * The map output tracker of a run that never asks which outputs an executor's removal lost
 * (no executor losses, no decommissioning): `ListingMapOutputTracker`'s locations and availability,
 * with each executor's outputs counted per shuffle instead of listed. A map task's output
 * writes its partition's entry and one count; a removed executor is marked dead (its entries
 * read as missing from then on) and its counts come off each shuffle's availability, whatever
 * the number of outputs it wrote. At thousands of executors, appending every output to its
 * executor's list was a cache miss per map task, and walking the list at each of tens of
 * thousands of removals a good part of the removal.
 */
export class CountingMapOutputTracker implements MapOutputTracker {
  private readonly shuffles = new ShuffleTable<ShuffleOutputs>();
  /** By serial (0 unused): the registered shuffles, undefined once unregistered. */
  private readonly bySerial: Array<ShuffleOutputs | undefined> = objectArray();
  /** Executor id -> its number (from its first output to its removal), and back. */
  private readonly numberOf = new ExecutorNumbersById();
  /** Per executor number: [serial, outputs, ...] of the shuffles it wrote before its last one (no Map keyed by number, grown and rehashed as executors come and go). */
  private readonly heldBefore: Array<number[] | undefined> = objectArray();
  /** Per executor number: 1 once removed (numbers are never reused). */
  private dead = new Uint8Array(64);

  /**
   * @param rows per executor number, at 4n + 2 and 4n + 3, the serial and live outputs of the
   *   shuffle it wrote last (serial 0: none yet), beside the monitor's running-task count, which
   *   the map task's end reads too (the engine shares the rows)
   */
  constructor(private readonly rows: ExecutorRows = new ExecutorRows()) {
    this.bySerial.push(undefined);
  }

  registerShuffle(shuffleId: number, numPartitions: number): void {
    if (this.shuffles.has(shuffleId)) return;
    const s: ShuffleOutputs = { serial: this.bySerial.length, locs: new Int32Array(numPartitions), available: 0 };
    this.shuffles.set(shuffleId, s);
    this.bySerial.push(s);
  }

  /** A map task's output, on the executor `executorId` numbered `executorNumber` by the task scheduler. */
  registerMapOutput(shuffleId: number, partition: number, executorId: string, executorNumber: number): void {
    const s = this.shuffles.cached(shuffleId);
    if (s === undefined) return;
    const x = executorNumber;
    const prev = s.locs[partition]!;
    if (x >= 0 && prev === x + 1) return;
    if (prev === 0 || (prev > 0 && this.dead[prev - 1] === 1)) s.available++;
    else if (prev > 0) this.release(prev - 1, s.serial);
    s.locs[partition] = x + 1;
    if (x >= 0) this.hold(x, executorId, s.serial);
  }

  /** One more output of shuffle `serial` on executor `x`. */
  private hold(x: number, executorId: string, serial: number): void {
    this.rows.ensure(x);
    const held = this.rows.data;
    const last = held[4 * x + 2]!;
    if (last === serial) {
      held[4 * x + 3]!++;
      return;
    }
    if (last === 0) this.numberOf.set(executorId, x);
    else if (held[4 * x + 3]! > 0) {
      const before = this.heldBefore[x];
      if (before !== undefined) before.push(last, held[4 * x + 3]!);
      else {
        // Dense up to `x` (a hole far past the end would turn the array into a dictionary).
        while (this.heldBefore.length < x) this.heldBefore.push(undefined);
        this.heldBefore[x] = [last, held[4 * x + 3]!];
      }
    }
    held[4 * x + 2] = serial;
    held[4 * x + 3] = 1;
  }

  /** One output of shuffle `serial` on live executor `x` was written over (or migrated away). */
  private release(x: number, serial: number): void {
    const held = this.rows.data;
    if (held[4 * x + 2] === serial && held[4 * x + 3]! > 0) {
      held[4 * x + 3]!--;
      return;
    }
    const before = this.heldBefore[x];
    if (before === undefined) return;
    for (let i = 0; i < before.length; i += 2) {
      if (before[i] === serial && before[i + 1]! > 0) {
        before[i + 1]!--;
        return;
      }
    }
  }

  /** All partitions have a live output. */
  isAvailable(shuffleId: number): boolean {
    const s = this.shuffles.get(shuffleId);
    return s !== undefined && s.available === s.locs.length;
  }

  private missing(v: number): boolean {
    return v === 0 || (v > 0 && this.dead[v - 1] === 1);
  }

  /** Partitions without a live output, in order. */
  missingPartitions(shuffleId: number): Int32Array {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined) return new Int32Array(0);
    const locs = s.locs;
    let n = 0;
    for (let p = 0; p < locs.length; p++) if (this.missing(locs[p]!)) n++;
    const out = new Int32Array(n);
    n = 0;
    for (let p = 0; p < locs.length; p++) if (this.missing(locs[p]!)) out[n++] = p;
    return out;
  }

  /**
   * `removeOutputsOnExecutor`: the executor's outputs are gone (no shuffle service). Lists
   * nothing: a run whose removals need the lost outputs (losses, decommissioning) uses
   * `ListingMapOutputTracker`, which lists them in write order.
   */
  removeOutputsOnExecutor(executorId: string, listLost = true): readonly number[] {
    if (listLost) throw new Error("CountingMapOutputTracker does not list lost outputs (ListingMapOutputTracker does)");
    const x = this.numberOf.get(executorId);
    if (x === undefined) return NONE_LOST;
    this.numberOf.delete(executorId);
    if (x >= this.dead.length) this.growDead(x);
    this.dead[x] = 1;
    const held = this.rows.data;
    this.drop(held[4 * x + 2]!, held[4 * x + 3]!);
    held[4 * x + 3] = 0;
    const before = this.heldBefore[x];
    if (before !== undefined) {
      for (let i = 0; i < before.length; i += 2) this.drop(before[i]!, before[i + 1]!);
      this.heldBefore[x] = undefined;
    }
    return NONE_LOST;
  }

  private drop(serial: number, outputs: number): void {
    const s = this.bySerial[serial];
    if (s !== undefined) s.available -= outputs;
  }

  /** As `ListingMapOutputTracker.locationsWithLargestOutputs`: removed executors hold nothing. */
  locationsWithLargestOutputs(shuffleId: number, fraction: number): string[] {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined || s.locs.length === 0) return [];
    const counts = new Map<number, number>();
    for (const x of s.locs) if (x > 0 && !this.missing(x)) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts].filter(([, n]) => n / s.locs.length >= fraction).map(([x]) => this.numberOf.idOf(x - 1));
  }

  /** Map outputs that live on the executor now, as flat [shuffleId, partition, ...] in shuffle then partition order. */
  outputsOn(executorId: string): number[] {
    const x = this.numberOf.get(executorId);
    if (x === undefined) return [];
    const out: number[] = [];
    for (const id of [...this.shuffles.keys()].sort((a, b) => a - b)) {
      const locs = this.shuffles.get(id)!.locs;
      for (let p = 0; p < locs.length; p++) if (locs[p] === x + 1) out.push(id, p);
    }
    return out;
  }

  /** As `ListingMapOutputTracker.updateMapOutput`. */
  updateMapOutput(shuffleId: number, partition: number, from: string, to: string, toNumber: number): boolean {
    const s = this.shuffles.get(shuffleId);
    const x = this.numberOf.get(from);
    if (s === undefined || x === undefined || s.locs[partition] !== x + 1) return false;
    this.release(x, s.serial);
    return moveOutput(this, s, shuffleId, partition, to, toNumber);
  }

  /** `unregisterShuffle` (ContextCleaner). */
  unregisterShuffle(shuffleId: number): void {
    const s = this.shuffles.get(shuffleId);
    if (s === undefined) return;
    this.shuffles.delete(shuffleId);
    this.bySerial[s.serial] = undefined;
  }

  private growDead(x: number): void {
    const dead = new Uint8Array(Math.max(x + 1, this.dead.length * 2));
    dead.set(this.dead);
    this.dead = dead;
  }
}

/**
 * The map output tracker a run needs: the listing one when a removal may have to say which
 * outputs it lost or a decommission which ones to migrate (executor losses, decommissioning),
 * else the counting one.
 */
export function mapOutputTrackerFor(scenario: Scenario, conf: SparkConf, rows?: ExecutorRows): MapOutputTracker {
  const listing = (scenario.cluster.executorLosses ?? []).length > 0 || conf.decommission.enabled;
  return listing ? new ListingMapOutputTracker() : new CountingMapOutputTracker(rows);
}
