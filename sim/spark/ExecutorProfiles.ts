import { UNKNOWN_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";

/**
 * The monitor's resource-profile bookkeeping: each executor's profile once its ExecutorAdded
 * said it (`Tracker.resourceProfileId`), and the executors per profile
 * (`execResourceProfileCount`, a key gone at 0).
 */
export class ExecutorProfiles {
  private readonly profileOf = new Map<string, number>();
  private readonly counts = new Map<number, number>();

  /** The executor's profile; `UNKNOWN_RESOURCE_PROFILE_ID` before its ExecutorAdded or once removed. */
  of(id: string): number {
    return this.profileOf.get(id) ?? UNKNOWN_RESOURCE_PROFILE_ID;
  }

  count(rp: number): number {
    return this.counts.get(rp) ?? 0;
  }

  /** Its ExecutorAdded named its profile. */
  known(id: string, rp: number): void {
    this.profileOf.set(id, rp);
    this.counts.set(rp, this.count(rp) + 1);
  }

  removed(id: string): void {
    const rp = this.profileOf.get(id);
    if (rp === undefined) return;
    this.profileOf.delete(id);
    const n = this.count(rp) - 1;
    if (n === 0) this.counts.delete(rp);
    else this.counts.set(rp, n);
  }

  /**
   * `pendingRemovalCountPerResourceProfileId(rp)`: with executors of one profile only, the
   * monitor's running total of known ones pending removal; else a scan.
   */
  pendingRemovalCount(rp: number, executors: Iterable<{ readonly id: string; readonly pendingRemoval: boolean }>, pendingRemovalKnown: number): number {
    if (this.counts.size <= 1 && rp !== UNKNOWN_RESOURCE_PROFILE_ID) return this.counts.has(rp) ? pendingRemovalKnown : 0;
    let n = 0;
    for (const e of executors) if (e.pendingRemoval && this.of(e.id) === rp) n++;
    return n;
  }
}
