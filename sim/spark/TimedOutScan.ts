import { objectArray } from "../core/objectArray.js";

/** What the scan needs of a tracker: its id, and being told where it now sits. */
export interface ScannedTracker {
  readonly id: string;
  /** Its slot in the scan moved (the last tracker fills a removed one's slot); -1: no longer in it. */
  movedToSlot(slot: number): void;
}

/**
 * The deadline of every tracked executor that `timedOutExecutors` may return, packed densely
 * by slot (`Infinity` for one pending removal, decommissioning or holding an active shuffle):
 * the scan reads one typed array instead of every tracker, objects strewn over the heap (at
 * thousands of executors, a cache miss per executor per scan). Each tracker writes its slot
 * whenever its deadline or its eligibility changes; a removed tracker's slot is filled by the
 * last one, so slots stay dense.
 */
export class TimedOutScan<T extends ScannedTracker> {
  private deadlines = new Float64Array(64);
  private readonly trackers: T[] = objectArray();
  /** Each slot's tracker's id, beside it: a scan lists ids without reading a tracker. */
  private readonly ids: string[] = objectArray();

  /** Trackers in the scan. */
  get size(): number {
    return this.trackers.length;
  }

  /** A new tracker, not eligible yet: returns its slot. */
  add(tracker: T): number {
    const slot = this.trackers.length;
    if (slot === this.deadlines.length) {
      const grown = new Float64Array(slot * 2);
      grown.set(this.deadlines);
      this.deadlines = grown;
    }
    this.trackers.push(tracker);
    this.ids.push(tracker.id);
    this.deadlines[slot] = Infinity;
    return slot;
  }

  /** The deadline the scan sees at `slot` (`Infinity`: never listed). */
  set(slot: number, deadlineMs: number): void {
    this.deadlines[slot] = deadlineMs;
  }

  /** What the scan sees at `slot` (tests compare it with the tracker's own state). */
  deadlineAt(slot: number): number {
    return this.deadlines[slot]!;
  }

  /** The tracker at `slot` leaves the scan; the last one takes its slot. */
  remove(slot: number): void {
    const trackers = this.trackers;
    const last = trackers.length - 1;
    const removed = trackers[slot]!;
    if (slot !== last) {
      const moved = trackers[last]!;
      trackers[slot] = moved;
      this.ids[slot] = this.ids[last]!;
      this.deadlines[slot] = this.deadlines[last]!;
      moved.movedToSlot(slot);
    }
    trackers.pop();
    this.ids.pop();
    removed.movedToSlot(-1);
  }

  /** Appends the ids of trackers whose deadline is at or before `nowMs` to `out`; returns the earliest deadline of all (`Infinity`: none). */
  scan(nowMs: number, out: string[]): number {
    const deadlines = this.deadlines;
    const n = this.trackers.length;
    let earliest = Infinity;
    for (let i = 0; i < n; i++) {
      const d = deadlines[i]!;
      if (d <= nowMs) out.push(this.ids[i]!);
      if (d < earliest) earliest = d;
    }
    return earliest;
  }
}
