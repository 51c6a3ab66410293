/** The termination rules, numbered as in the README. */
export const RULES = {
  1: "target never exceeds maxExecutors",
  2: "target never below minExecutors; timeout removals never take the live count below max(minExecutors, target)",
  3: "no executor is removed by timeout while it runs a task",
  4: "no executor holding shuffle data of a shuffle a running job uses is removed before that job ends",
  5: "no executor is removed by timeout before its idle time reaches the timeout that applies to the data it holds",
  6: "every idle executor above the floor is removed within its timeout plus one tick (100 ms)",
  7: "every task runs to completion and the application ends",
  8: "each executor is requested, added and removed at most once, in that order",
  9: "the same scenario and seed give byte-identical timeline, events and summary",
  10: "after an executor loss, no task starts while a shuffle it reads misses lost map output: it is recomputed first (migrated output is not lost)",
  11: "a decommissioning executor takes no new task, finishes its running tasks when it exits gracefully, and scale-down never decommissions below max(minExecutors, target) counting it once",
  12: "delay scheduling: a task reading a cached partition launches elsewhere at ANY only after its stage waited spark.locality.wait through the more local levels, while its caching executor is alive",
  13: "a task runs only on an executor of its stage's resource profile",
  14: "speculative copies only with spark.speculation, never where their task ran; when an attempt succeeds the other attempts of its task are killed then, and a killed attempt is no failure",
} as const;

export type RuleNumber = keyof typeof RULES;

export interface Violation {
  readonly rule: RuleNumber;
  readonly timeMs?: number;
  readonly executorId?: string;
  readonly message: string;
}

export function violation(rule: RuleNumber, message: string, timeMs?: number, executorId?: string): Violation {
  return { rule, message, ...(timeMs === undefined ? {} : { timeMs }), ...(executorId === undefined ? {} : { executorId }) };
}
