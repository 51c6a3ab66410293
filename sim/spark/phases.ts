/**
 * Order of events that fall on the same millisecond. Events are processed by
 * (timeMs, phase, seq); each phase says why it comes where it does. Tests pin each rule.
 */
export const Phase = {
  /** Task completions first: a slot freed at t, and the stage or job it completes, are visible to everything else at t. */
  TaskEnd: 0,
  /** Executor losses after task ends (a task ending at t finished before its executor died at t) and before registrations (a replacement registering at t gets the retried tasks). */
  ExecutorLost: 1,
  /** Executor registrations next: a new executor at t takes pending tasks before driver actions at t look at the cluster. */
  ExecutorRegistered: 2,
  /** A killed executor's container or pod gone (`ExecutorRemoved` where the driver still tracked it): the driver and the tick at t see it gone. */
  ExecutorRemoved: 3,
  /** Driver program and driver-side services (job submission, unpersist, driver readiness, periodic GC) see the jobs that ended at t. */
  Driver: 4,
  /**
   * The speculation check (TaskSchedulerImpl's `speculationScheduler` thread): it sees the tasks
   * that ended at t (their durations count toward the median), and the allocation tick at t sees
   * the speculative tasks it submitted.
   */
  SpeculationCheck: 5,
  /** The allocation tick: Spark's scheduling thread runs apart from the above, so the tick at t sees everything that happened at t. */
  AllocationTick: 6,
  /**
   * Cluster-manager rounds after the tick (Kubernetes pod allocation rounds, YARN AM heartbeats):
   * a round at t acts on the target the tick at t set (Spark runs one at once when the target
   * changes and nothing is outstanding on Kubernetes, and wakes the AM's allocator thread on YARN).
   */
  ClusterManagerRound: 7,
} as const;
