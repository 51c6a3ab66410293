import type { DriverContext } from "./DriverContext.js";
import { Phase } from "./phases.js";

/**
 * Shuffle cleanup (`ContextCleaner`): a shuffle is cleaned only after the driver has
 * garbage-collected its `ShuffleDependency`. The model says a dependency stays referenced
 * until the last job whose lineage includes it has ended, and that the driver collects it at
 * the next periodic GC (`spark.cleaner.periodicGC.interval`, counted from application start).
 * Only then does its data stop keeping executors (spec §7.5 b).
 */
export class ContextCleaner {
  /** shuffleId -> job indices (not yet ended) whose lineage includes it. */
  private readonly referencingJobs = new Map<number, Set<number>>();
  private readonly cleanable = new Set<number>();

  /** @param shufflesByJob for each job index, the shuffle ids in its lineage. */
  constructor(
    private readonly shufflesByJob: ReadonlyArray<readonly number[]>,
    /** Where a cleaned shuffle goes: the map output tracker, the listeners, the events. */
    private readonly ctx: DriverContext,
  ) {
    shufflesByJob.forEach((shuffleIds, jobIndex) => {
      for (const id of shuffleIds) {
        let jobs = this.referencingJobs.get(id);
        if (jobs === undefined) {
          jobs = new Set();
          this.referencingJobs.set(id, jobs);
        }
        jobs.add(jobIndex);
      }
    });
  }

  jobEnded(jobIndex: number): void {
    for (const id of this.shufflesByJob[jobIndex]!) {
      const jobs = this.referencingJobs.get(id);
      if (jobs === undefined) continue;
      jobs.delete(jobIndex);
      if (jobs.size === 0) {
        this.referencingJobs.delete(id);
        this.cleanable.add(id);
      }
    }
  }

  /** The periodic GC's first run, one interval after application start. */
  start(): void {
    this.ctx.sim.schedule(this.ctx.conf.cleanerPeriodicGcIntervalMs, Phase.Driver, { type: "periodicGC" });
  }

  /**
   * A driver GC (`periodicGC` event): each shuffle cleaned now is unregistered from the map
   * output tracker and reported (`doCleanupShuffle`); the next GC is scheduled. False when it
   * cleaned nothing (then it changed nothing the allocation tick reads).
   */
  periodicGC(): boolean {
    const { sim, mapOutputs, bus } = this.ctx;
    const now = sim.now;
    const cleaned = this.collect();
    for (const shuffleId of cleaned) {
      mapOutputs.unregisterShuffle(shuffleId);
      this.ctx.record({ timeMs: now, type: "shuffleCleaned", shuffleId });
      bus.postShuffleCleaned({ shuffleId, timeMs: now });
    }
    sim.schedule(now + this.ctx.conf.cleanerPeriodicGcIntervalMs, Phase.Driver, { type: "periodicGC" });
    return cleaned.length > 0;
  }

  /** The shuffles cleanable now, in id order. */
  private collect(): number[] {
    const ids = [...this.cleanable].sort((a, b) => a - b);
    this.cleanable.clear();
    return ids;
  }
}
