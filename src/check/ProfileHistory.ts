import { ResourceProfileManager, type SimulationResult } from "../../sim/index.js";
import type { ExecutorStory, RunHistory } from "./RunHistory.js";

/**
 * A run's resource profiles as its events show them: each executor's profile (its
 * `executorAdded`), each profile's target over time (its `targetChanged`), and each stage's
 * profile (the scenario). `multi` when any executor or target belongs to a non-default profile:
 * then the floors are per profile, not the timeline's totals.
 */
export class ProfileHistory {
  readonly multi: boolean;
  private readonly profileOfExecutor = new Map<string, number>();
  /** Per profile, its target changes in order: [time, target]. */
  private readonly targets = new Map<number, Array<[number, number]>>();
  private readonly stageProfiles = new Map<number, number>();

  constructor(
    readonly result: SimulationResult,
    private readonly h: RunHistory,
  ) {
    let multi = false;
    for (const e of result.events) {
      if (e.type === "executorAdded") {
        this.profileOfExecutor.set(e.executorId, e.resourceProfileId ?? 0);
        if (e.resourceProfileId !== undefined) multi = true;
      } else if (e.type === "targetChanged") {
        const rp = e.resourceProfileId ?? 0;
        if (e.resourceProfileId !== undefined) multi = true;
        const list = this.targets.get(rp) ?? [];
        list.push([e.timeMs, e.target]);
        this.targets.set(rp, list);
      }
    }
    this.multi = multi;
    const profiles = new ResourceProfileManager(result.conf, result.scenario.workload.resourceProfiles ?? []);
    for (const j of result.scenario.workload.jobs) for (const s of j.stages) this.stageProfiles.set(s.id, profiles.stageProfileId(s));
  }

  profileOf(story: ExecutorStory): number {
    return this.profileOfExecutor.get(story.id) ?? 0;
  }

  stageProfile(stageId: number): number {
    return this.stageProfiles.get(stageId) ?? 0;
  }

  /** Every profile's target changes, in order. */
  targetChanges(): ReadonlyMap<number, ReadonlyArray<readonly [number, number]>> {
    return this.targets;
  }

  /** The profile's target after everything at t (0 before its first target). */
  targetAt(rp: number, t: number): number {
    let target = 0;
    for (const [at, value] of this.targets.get(rp) ?? []) {
      if (at > t) break;
      target = value;
    }
    return target;
  }

  /** Executors of the profile registered at or before t and not removed (killed) by t. */
  runningAt(rp: number, t: number): number {
    let n = 0;
    for (const s of this.h.executors.values()) {
      if (s.addedMs === undefined || s.addedMs > t || (s.removedMs !== undefined && s.removedMs <= t)) continue;
      if (this.profileOf(s) === rp) n++;
    }
    return n;
  }

  /**
   * The floors a removal of `story` at t is judged against: its profile's target and live
   * count when the run has several profiles, else the timeline's (as before profiles).
   */
  floorsAt(story: ExecutorStory, t: number): { target: number; running: number } {
    if (!this.multi) return this.h.rowAt(t);
    const rp = this.profileOf(story);
    return { target: this.targetAt(rp, t), running: this.runningAt(rp, t) };
  }
}
