import type { SimulationResult } from "../../sim/index.js";
import { violation, type Violation } from "./Violation.js";

interface Attempt {
  readonly row: number;
  readonly executor: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly speculative: boolean;
  readonly killed: boolean;
  readonly failed: boolean;
}

/** The task attempts of a run grouped by task (stage, stage attempt, partition), in launch order. */
function attemptsByTask(r: SimulationResult): Map<string, Attempt[]> {
  const t = r.tasks!;
  const byTask = new Map<string, Attempt[]>();
  for (let i = 0; i < t.length; i++) {
    const key = `${t.stageId[i]}.${t.attempt[i]}.${t.partition[i]}`;
    const a: Attempt = {
      row: i,
      executor: t.executor[i]!,
      startMs: t.startMs[i]!,
      endMs: t.endMs[i]!,
      speculative: t.speculative[i] === 1,
      killed: t.killed[i] === 1,
      failed: t.failed[i] === 1,
    };
    const list = byTask.get(key);
    if (list === undefined) byTask.set(key, [a]);
    else list.push(a);
  }
  return byTask;
}

/**
 * Rule 14 (speculative execution, `TaskSetManager`): copies only with spark.speculation on; a
 * copy never runs on an executor where an attempt of its task ran (`hasAttemptOnHost`); when an
 * attempt succeeds, every other attempt of its task still running is killed at that instant
 * (so a task never succeeds twice at once), a killed attempt ends exactly when another succeeded,
 * and it is never reported as a task failure (it does not count toward spark.task.maxFailures).
 */
export function checkSpeculation(r: SimulationResult): Violation[] {
  const out: Violation[] = [];
  const failedAt = new Set(r.events.flatMap((e) => (e.type === "taskFailed" ? [`${e.stageId}.${e.attempt}.${e.partition}@${e.executorId}@${e.timeMs}`] : [])));
  for (const [task, attempts] of attemptsByTask(r)) {
    const succeeded = attempts.filter((a) => !a.killed && !a.failed);
    attempts.forEach((a, i) => {
      const where = String(a.executor);
      if (a.speculative && !r.conf.speculation) out.push(violation(14, `task ${task}: a speculative copy ran with spark.speculation off`, a.startMs, where));
      if (a.speculative && attempts.slice(0, i).some((b) => b.executor === a.executor)) {
        out.push(violation(14, `task ${task}: a speculative copy ran on executor ${where}, where an attempt of its task ran before`, a.startMs, where));
      }
      for (const s of succeeded) {
        if (s !== a && a.startMs < s.endMs && a.endMs > s.endMs) out.push(violation(14, `task ${task}: an attempt ran on after another succeeded at ${s.endMs}`, a.endMs, where));
      }
      if (!a.killed) return;
      if (!succeeded.some((s) => s !== a && s.endMs === a.endMs)) out.push(violation(14, `task ${task}: an attempt was killed though no other attempt succeeded then`, a.endMs, where));
      if (failedAt.has(`${task}@${where}@${a.endMs}`)) out.push(violation(14, `task ${task}: a killed attempt was reported as a failure`, a.endMs, where));
    });
  }
  return out;
}
