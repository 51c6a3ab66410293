/**
 * Live executors per host (`TaskSchedulerImpl.hostToExecutors`), for delay scheduling's
 * NODE_LOCAL level. Counted only from the first question on (a task set with preferred
 * locations asks): a run without one never builds it. Without `cluster.nodes` every executor
 * has a host of its own, so the count was a map entry written and deleted, under a new host
 * name, at each of tens of thousands of registrations and removals.
 */
export class HostToExecutors {
  private counts: Map<string, number> | undefined = undefined;

  /** @param executors the live executors by id, each with its host (the scheduler's own map, read when first asked). */
  constructor(private readonly executors: { values(): Iterable<{ readonly host: string }> }) {}

  /** `hasExecutorsAliveOnHost`. */
  hasExecutorsOn(host: string): boolean {
    return ((this.counts ?? this.count()).get(host) ?? 0) > 0;
  }

  /** An executor on `host` was added to the scheduler's map. */
  added(host: string): void {
    const counts = this.counts;
    if (counts !== undefined) counts.set(host, (counts.get(host) ?? 0) + 1);
  }

  /** An executor on `host` was taken out of the scheduler's map. */
  removed(host: string): void {
    const counts = this.counts;
    if (counts === undefined) return;
    // A host's entry goes with its last executor (a host per executor would keep one per executor ever started).
    const n = counts.get(host)! - 1;
    if (n > 0) counts.set(host, n);
    else counts.delete(host);
  }

  private count(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.executors.values()) counts.set(e.host, (counts.get(e.host) ?? 0) + 1);
    this.counts = counts;
    return counts;
  }
}
