/**
 * Why an executor went, in the order summaries list them: the vocabulary the events, the trace
 * and the summary share with the model that decides it (`ExecutorMonitor`'s timeout choice,
 * the application's end, a loss).
 */
export const REMOVAL_REASONS = ["idle-timeout", "cached-idle-timeout", "shuffle-idle-timeout", "application-end", "executor-lost"] as const;

export type ExecutorRemovalReason = (typeof REMOVAL_REASONS)[number];
