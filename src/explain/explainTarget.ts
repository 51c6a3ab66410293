import { COL, type SimulationResult, type TargetDecision } from "../../sim/result/index.js";
import { formatSparkDuration } from "../report/units.js";
import { formatClock as t } from "../report/clock.js";
import { timelineRowAt } from "./timelineAt.js";

/** Why the allocation manager's target had its value at one instant. */
export interface TargetExplanation {
  readonly kind: "target";
  readonly atMs: number;
  readonly target: number;
  /** The change that set it (undefined with dynamic allocation off). */
  readonly decision: TargetDecision | undefined;
  /** What bounded the last change: the round's increment, maxNeeded, maxExecutors or minExecutors. */
  readonly limitedBy: "increment" | "maxNeeded" | "maxExecutors" | "minExecutors" | "initialExecutors" | undefined;
  readonly pendingTasks: number;
  readonly runningTasks: number;
  readonly maxNeeded: number;
  readonly next: TargetDecision | undefined;
  readonly lines: readonly string[];
}

function neededFormula(d: { pendingTasks: number; runningTasks: number; maxNeeded: number }, ratio: number, slots: number): string {
  return `maxNeeded = ceil((${d.pendingTasks} pending + ${d.runningTasks} running tasks) x ratio ${ratio} / ${slots} task slots) = ${d.maxNeeded}`;
}

/** Explains the target at `atMs` from the recorded decisions (needs a result with `trace`). */
export function explainTarget(result: SimulationResult, atMs: number): TargetExplanation {
  const trace = result.trace;
  if (trace === undefined) throw new Error("explainTarget needs a result simulated with recordTrace");
  const conf = result.conf;
  const row = timelineRowAt(result.timeline, atMs);
  const now = { pendingTasks: row[COL.pending_tasks]!, runningTasks: row[COL.running_tasks]!, maxNeeded: row[COL.max_needed]! };
  const target = row[COL.target]!;
  const lines = [`target at ${t(atMs)}: ${target} executors  (now: ${now.pendingTasks} pending and ${now.runningTasks} running tasks, maxNeeded ${now.maxNeeded})`];
  if (!conf.dynamicAllocationEnabled) {
    lines.push(`  dynamic allocation is off: the target is the static spark.executor.instances (${target})`);
    return { kind: "target", atMs, target, decision: undefined, limitedBy: undefined, ...now, next: undefined, lines };
  }
  // The decisions at one instant are applied in order; a refused request restores the old value.
  let decision: TargetDecision | undefined;
  let next: TargetDecision | undefined;
  for (const d of trace.targetDecisions) {
    if (d.timeMs <= atMs) decision = d;
    else {
      next = d;
      break;
    }
  }
  const ratio = conf.executorAllocationRatio;
  const slots = conf.tasksPerExecutor;
  let limitedBy: TargetExplanation["limitedBy"];
  if (decision === undefined || decision.cause === "initial") {
    limitedBy = "initialExecutors";
    lines.push(
      `  the initial target: max(spark.dynamicAllocation.minExecutors ${conf.minExecutors}, initialExecutors ${conf.initialExecutorsSetting}, spark.executor.instances ${conf.executorInstances ?? 0}) = ${conf.initialExecutors}`,
      `  it holds while the manager is initializing: until the first stage is submitted or the first executor times out`,
    );
  } else if (decision.cause === "backlog") {
    const grown = Math.max(decision.previous, decision.executors) + decision.toAdd;
    limitedBy =
      decision.target === conf.maxExecutors && grown >= conf.maxExecutors
        ? "maxExecutors"
        : decision.target === decision.maxNeeded && grown >= decision.maxNeeded
          ? "maxNeeded"
          : decision.target === conf.minExecutors && grown < conf.minExecutors
            ? "minExecutors"
            : "increment";
    const limit =
      limitedBy === "maxExecutors"
        ? `capped at spark.dynamicAllocation.maxExecutors = ${conf.maxExecutors}`
        : limitedBy === "maxNeeded"
          ? `capped at maxNeeded (${decision.maxNeeded})`
          : limitedBy === "minExecutors"
            ? `raised to spark.dynamicAllocation.minExecutors = ${conf.minExecutors}`
            : `the round's full increment`;
    lines.push(
      `  raised from ${decision.previous} to ${decision.target} at ${t(decision.timeMs)}: tasks were backlogged (schedulerBacklogTimeout ${formatSparkDuration(conf.schedulerBacklogTimeoutMs)}, then every sustainedSchedulerBacklogTimeout ${formatSparkDuration(conf.sustainedSchedulerBacklogTimeoutMs)})`,
      `  this round added up to ${decision.toAdd} (the increment doubles after each round that adds it in full) to max(target ${decision.previous}, ${decision.executors} executors): ${limit}`,
      `  ${neededFormula(decision, ratio, slots)}`,
    );
  } else {
    limitedBy = decision.target === conf.minExecutors && decision.maxNeeded < conf.minExecutors ? "minExecutors" : "maxNeeded";
    lines.push(
      `  lowered from ${decision.previous} to ${decision.target} at ${t(decision.timeMs)}: demand fell below the target (${neededFormula(decision, ratio, slots)})`,
      limitedBy === "minExecutors" ? `  floored at spark.dynamicAllocation.minExecutors = ${conf.minExecutors}` : `  the target follows maxNeeded down; executors above it go only when their idle timeouts fire`,
    );
  }
  if (next !== undefined) lines.push(`  next change at ${t(next.timeMs)}: ${next.previous} -> ${next.target} (${next.cause})`);
  return { kind: "target", atMs, target, decision, limitedBy, ...now, next, lines };
}
