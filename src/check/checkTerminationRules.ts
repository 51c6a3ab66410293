import { type SimulationResult, summarize, TIMELINE_COLUMNS } from "../../sim/result/index.js";
import { ProfileHistory } from "./ProfileHistory.js";
import { checkProfilePlacement, checkProfileTargets } from "./profileRules.js";
import { checkDelayScheduling } from "./delaySchedulingRule.js";
import { RunHistory } from "./RunHistory.js";
import {
  checkActiveShufflePins,
  checkCompletion,
  checkDecommissioning,
  checkFloors,
  checkLifecycle,
  checkLiveness,
  checkLostShuffleRecomputed,
  checkNotBusy,
  checkTargetCap,
  checkTimeoutsRespected,
} from "./rules.js";
import { checkSpeculation } from "./speculationRules.js";
import type { Violation } from "./Violation.js";

export interface CheckOptions {
  /** A second run of the same scenario and seed, for rule 9 (determinism). */
  readonly rerun?: SimulationResult;
}

/**
 * Checks a run against the termination rules (README, "Termination rules"); returns every
 * violation with its time and executor. Rules 3-6 are checked from where tasks ran, so the
 * run must keep its task records: `simulate(scenario, conf, { recordTasks: true })`.
 */
export function checkTerminationRules(result: SimulationResult, options: CheckOptions = {}): Violation[] {
  if (result.tasks === undefined) {
    // Skipping rules 3-6 silently would report "all held" for rules never checked.
    throw new Error("checkTerminationRules needs the run's task placements: simulate(scenario, conf, { recordTasks: true })");
  }
  const h = new RunHistory(result);
  const p = new ProfileHistory(result, h);
  const out = [
    ...checkTargetCap(result, p),
    ...checkProfileTargets(p),
    ...checkFloors(h, p),
    ...checkNotBusy(h),
    ...checkActiveShufflePins(h),
    ...checkTimeoutsRespected(h),
    ...checkLiveness(h, p),
    ...checkCompletion(h),
    ...checkLifecycle(result),
    ...checkLostShuffleRecomputed(h),
    ...checkSpeculation(result),
    ...checkDecommissioning(h),
    ...checkProfilePlacement(h, p),
    ...checkDelayScheduling(result),
  ];
  if (options.rerun !== undefined) {
    const a = fingerprint(result);
    const b = fingerprint(options.rerun);
    for (const part of ["timeline", "events", "summary"] as const) {
      if (a[part] !== b[part]) out.push({ rule: 9, message: `two runs of the same scenario and seed gave different ${part}` });
    }
  }
  return out.sort((x, y) => x.rule - y.rule || (x.timeMs ?? 0) - (y.timeMs ?? 0));
}

/** Serialisations compared for determinism: exactly what the reports would write. */
export function fingerprint(r: SimulationResult): { timeline: string; events: string; summary: string } {
  const rows: string[] = [TIMELINE_COLUMNS.join(",")];
  for (const row of r.timeline.rowsIter()) rows.push(row.join(","));
  return {
    timeline: rows.join("\n"),
    events: r.events.map((e) => JSON.stringify(e)).join("\n"),
    summary: JSON.stringify(summarize(r)),
  };
}
