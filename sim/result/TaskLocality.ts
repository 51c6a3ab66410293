/**
 * Spark's `TaskLocality`, in its order (a lower value is more local): what a task launched
 * at, as TaskInfo and the event log's "Locality" field say. A task without preferred
 * locations launches at NO_PREF but is reported PROCESS_LOCAL, as Spark reports it.
 */
export const TASK_LOCALITIES = ["PROCESS_LOCAL", "NODE_LOCAL", "NO_PREF", "RACK_LOCAL", "ANY"] as const;

export type TaskLocalityName = (typeof TASK_LOCALITIES)[number];

export const TaskLocality = { PROCESS_LOCAL: 0, NODE_LOCAL: 1, NO_PREF: 2, RACK_LOCAL: 3, ANY: 4 } as const;

export type TaskLocality = (typeof TaskLocality)[keyof typeof TaskLocality];

/** `TaskLocality.isAllowed(constraint, condition)`: condition is at least as local as the constraint. */
export function isLocalityAllowed(constraint: TaskLocality, condition: TaskLocality): boolean {
  return condition <= constraint;
}
