import type { ProfileHistory } from "./ProfileHistory.js";
import type { RunHistory } from "./RunHistory.js";
import { violation, type Violation } from "./Violation.js";

/**
 * Rules 1 and 2 per resource profile (a run with several): each profile's target stays within
 * min / max, as Spark applies `spark.dynamicAllocation.min/maxExecutors` to every profile. The
 * timeline's target is their sum, so the single-profile checks of it do not apply.
 */
export function checkProfileTargets(p: ProfileHistory): Violation[] {
  const c = p.result.conf;
  if (!c.dynamicAllocationEnabled || !p.multi) return [];
  const out: Violation[] = [];
  for (const [rp, changes] of p.targetChanges()) {
    for (const [t, target] of changes) {
      if (target > c.maxExecutors) out.push(violation(1, `resource profile ${rp}: target ${target} > maxExecutors ${c.maxExecutors}`, t));
      if (target < c.minExecutors) out.push(violation(2, `resource profile ${rp}: target ${target} < minExecutors ${c.minExecutors}`, t));
    }
  }
  return out;
}

/** Rule 13: a task runs only on an executor of its stage's resource profile. */
export function checkProfilePlacement(h: RunHistory, p: ProfileHistory): Violation[] {
  const out: Violation[] = [];
  for (const s of h.executors.values()) {
    const rp = p.profileOf(s);
    for (const k of s.tasks) {
      const want = p.stageProfile(k.stageId);
      if (want !== rp) {
        out.push(violation(13, `stage ${k.stageId} (resource profile ${want}) partition ${k.partition} ran on executor ${s.id} of resource profile ${rp}`, k.startMs, s.id));
      }
    }
  }
  return out;
}
