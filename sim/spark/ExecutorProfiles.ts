import { UNKNOWN_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";
import type { ExecutorTracker } from "./ExecutorTracker.js";
import type { TrackerTotals } from "./TrackerTotals.js";
import type { TrackersById } from "./TrackersById.js";

/**
 * The monitor's resource-profile bookkeeping and queries: each executor's profile once its
 * ExecutorAdded said it (`Tracker.resourceProfileId`), the executors per profile
 * (`execResourceProfileCount`, a key gone at 0), and those pending removal or decommissioning
 * per profile. With executors of one profile only, the monitor's running totals answer.
 */
export class ExecutorProfiles {
  private readonly counts = new Map<number, number>();

  constructor(
    private readonly executors: Pick<TrackersById<ExecutorTracker>, "get" | "size" | "forEach">,
    private readonly totals: TrackerTotals,
  ) {}

  /** `getResourceProfileId`: `UNKNOWN_RESOURCE_PROFILE_ID` before its ExecutorAdded or once removed (removal skips those). */
  of(id: string): number {
    return this.executors.get(id)?.resourceProfileId ?? UNKNOWN_RESOURCE_PROFILE_ID;
  }

  /** `executorCountWithResourceProfile(rp)`, the UNKNOWN bucket included. */
  executorCount(rp: number): number {
    return rp === UNKNOWN_RESOURCE_PROFILE_ID ? this.executors.size - this.totals.knownProfile : (this.counts.get(rp) ?? 0);
  }

  /** `pendingRemovalCountPerResourceProfileId(rp)`. */
  pendingRemovalCount(rp: number): number {
    return this.countWhere(rp, (e) => e.pendingRemoval, this.totals.pendingRemovalKnown);
  }

  /** `decommissioningPerResourceProfileId(rp)`. */
  decommissioningCount(rp: number): number {
    return this.countWhere(rp, (e) => e.decommissioning, this.totals.decommissioningKnown);
  }

  private countWhere(rp: number, pick: (e: ExecutorTracker) => boolean, knownTotal: number): number {
    if (this.counts.size <= 1 && rp !== UNKNOWN_RESOURCE_PROFILE_ID) return this.counts.has(rp) ? knownTotal : 0;
    let n = 0;
    this.executors.forEach((e) => {
      if (pick(e) && (e.resourceProfileId ?? UNKNOWN_RESOURCE_PROFILE_ID) === rp) n++;
    });
    return n;
  }

  /** Its ExecutorAdded named its profile (kept on its tracker: no map entry per executor). */
  known(e: ExecutorTracker, rp: number): void {
    e.resourceProfileId = rp;
    this.counts.set(rp, (this.counts.get(rp) ?? 0) + 1);
  }

  /** It is no longer tracked. */
  removed(e: ExecutorTracker): void {
    const rp = e.resourceProfileId;
    if (rp === undefined) return;
    e.resourceProfileId = undefined;
    const n = this.counts.get(rp)! - 1;
    if (n === 0) this.counts.delete(rp);
    else this.counts.set(rp, n);
  }
}
