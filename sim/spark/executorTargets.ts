/**
 * The allocation manager's arithmetic, per resource profile (spec §6, §8): how many executors
 * a profile's tasks need, the next target when the backlog timer expires, and which timed-out
 * executors the floors let go. Pure functions; `ExecutorAllocationManager` applies them.
 */

/**
 * `maxNumExecutorsNeededPerResourceProfile`: executors that all running and pending tasks
 * could fill, scaled by the allocation ratio (spec §6.1). Computed in doubles, then ceil.
 */
export function maxExecutorsNeeded(p: {
  readonly pendingTasks: number;
  readonly pendingSpeculativeTasks: number;
  readonly runningTasks: number;
  readonly tasksPerExecutor: number;
  readonly executorAllocationRatio: number;
  /** Task sets unschedulable because of exclusions (3.1+), and the executors now known. */
  readonly unschedulableTaskSets?: number;
  readonly executorCount?: number;
}): number {
  return maxExecutorsNeededOf(p.pendingTasks, p.pendingSpeculativeTasks, p.runningTasks, p.tasksPerExecutor, p.executorAllocationRatio, p.unschedulableTaskSets ?? 0, p.executorCount ?? 0);
}

/** `maxExecutorsNeeded` from its inputs in that order (no object made: the timeline computes it every instant). */
export function maxExecutorsNeededOf(
  pendingTasks: number,
  pendingSpeculativeTasks: number,
  runningTasks: number,
  tasksPerExecutor: number,
  executorAllocationRatio: number,
  unschedulableTaskSets: number,
  executorCount: number,
): number {
  const total = pendingTasks + pendingSpeculativeTasks + runningTasks;
  let maxNeeded = Math.ceil((total * executorAllocationRatio) / tasksPerExecutor);
  // One more executor so a speculative copy can run on another host.
  if (tasksPerExecutor > 1 && maxNeeded === 1 && pendingSpeculativeTasks > 0) maxNeeded += 1;
  if (unschedulableTaskSets > 0) {
    // Excluded executors: ask for more than the executors we have.
    const forUnschedulables = Math.ceil((unschedulableTaskSets * executorAllocationRatio) / tasksPerExecutor);
    maxNeeded = Math.max(maxNeeded, executorCount + forUnschedulables);
  }
  return maxNeeded;
}

/**
 * `addExecutors`: the new target when the backlog timer has expired (spec §6.3). `toAdd`
 * is the round's increment; the caller doubles it when the delta equals it.
 */
export function addExecutorsTarget(p: {
  readonly oldTarget: number;
  readonly executorCount: number;
  readonly toAdd: number;
  readonly maxNeeded: number;
  readonly minExecutors: number;
  readonly maxExecutors: number;
}): { target: number; delta: number; resetToAdd: boolean } {
  if (p.oldTarget >= p.maxExecutors) return { target: p.oldTarget, delta: 0, resetToAdd: true };
  // No point ramping up to the executors we already have.
  let t = Math.max(p.oldTarget, p.executorCount);
  t += p.toAdd;
  t = Math.min(t, p.maxNeeded);
  t = Math.max(Math.min(t, p.maxExecutors), p.minExecutors);
  const delta = t - p.oldTarget;
  return { target: t, delta, resetToAdd: delta === 0 };
}

/**
 * `removeExecutors`' floors (spec §8): walk the timed-out executors in order with a running
 * count of executors left, keeping `minExecutors` and the target.
 */
export function selectExecutorsToRemove(
  timedOut: readonly string[],
  executorsLeft: number,
  minExecutors: number,
  target: number,
): string[] {
  const out: string[] = [];
  let remaining = executorsLeft;
  for (const id of timedOut) {
    if (remaining - 1 < minExecutors) continue;
    if (remaining - 1 < target) continue;
    out.push(id);
    remaining--;
  }
  return out;
}
