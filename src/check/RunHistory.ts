import { COL, type SimulationResult, type StageSpec } from "../../sim/index.js";

export interface TaskSpan {
  readonly stageId: number;
  readonly partition: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Its executor was lost at `endMs`: it wrote nothing. */
  readonly failed: boolean;
}

export interface ExecutorStory {
  readonly id: string;
  addedMs: number | undefined;
  removedMs: number | undefined;
  removalReason: string | undefined;
  /** Set when it was lost (`executor-lost`). */
  lossCause: string | undefined;
  /** When its ExecutorRemoved came (removedMs is the decision: the kill, or the decommission). */
  goneMs: number | undefined;
  /** When it started decommissioning, why, and how its decommission ended. */
  decommissionedMs: number | undefined;
  decommissionTrigger: string | undefined;
  decommission: "finished" | "unfinished" | undefined;
  /** Task attempts that ran on it, by start time. */
  readonly tasks: TaskSpan[];
  /** Blocks migrated to it from decommissioning executors: shuffle or RDD id, and when. */
  readonly received: Array<{ readonly timeMs: number; readonly block: "shuffle" | "rdd"; readonly id: number }>;
}

export interface JobSpan {
  readonly jobId: number;
  readonly startMs: number;
  endMs: number;
  /** Shuffles of the job's lineage (skipped stages included). */
  readonly shuffleIds: readonly number[];
}

/**
 * What happened in a run, rebuilt from the result's events, task records and scenario (not
 * from the engine's internal state), for the rule checks.
 */
export class RunHistory {
  readonly executors = new Map<string, ExecutorStory>();
  readonly jobs: JobSpan[] = [];
  readonly stages = new Map<number, StageSpec>();
  /** rddId -> unpersist times; shuffleId -> cleaned time. */
  readonly unpersistMs = new Map<number, number[]>();
  readonly cleanedMs = new Map<number, number>();
  /**
   * Per map stage, the intervals (from, to] in which ExecutorMonitor maps it to its shuffle:
   * from a JobStart listing it to the next JobEnd of a job listing it (Spark's `onJobEnd`
   * drops the stages of the ended job from `stageToShuffleID`, even when a running job still
   * uses them). A task ending outside them adds no shuffle to its executor.
   */
  private readonly stageMapped = new Map<number, Array<[number, number]>>();
  readonly endMs: number | undefined;
  /** Shuffle blocks migrated off decommissioning executors, in time order. */
  readonly migrations: Array<{ readonly timeMs: number; readonly from: string; readonly to: string; readonly shuffleId: number; readonly partition: number }> = [];
  /** Executors removed before the application ended (by a timeout or a kill): the removals the rules judge. */
  readonly timeoutRemovals: readonly ExecutorStory[];

  constructor(readonly result: SimulationResult) {
    for (const j of result.scenario.workload.jobs) for (const s of j.stages) this.stages.set(s.id, s);
    let end: number | undefined;
    const jobsById = new Map<number, JobSpan>();
    const jobStages = new Map<number, readonly number[]>();
    for (const e of result.events) {
      switch (e.type) {
        case "executorAdded":
          this.story(e.executorId).addedMs = e.timeMs;
          break;
        case "executorRemoved": {
          const s = this.story(e.executorId);
          // The decision the rules judge is the kill or the decommission; the executor may go later.
          s.removedMs = e.decommissionedAtMs ?? e.killedAtMs ?? e.timeMs;
          s.goneMs = e.timeMs;
          s.removalReason = e.reason;
          s.lossCause = e.cause;
          s.decommission = e.decommission;
          break;
        }
        case "executorDecommissioned": {
          const s = this.story(e.executorId);
          s.decommissionedMs = e.timeMs;
          s.decommissionTrigger = e.trigger;
          break;
        }
        case "blockMigrated":
          if (e.block === "shuffle") this.migrations.push({ timeMs: e.timeMs, from: e.executorId, to: e.to, shuffleId: e.id, partition: e.partition });
          if (e.to !== "fallback") this.story(e.to).received.push({ timeMs: e.timeMs, block: e.block, id: e.id });
          break;
        case "jobStart": {
          const shuffleIds = e.stageIds.flatMap((id) => {
            const sh = this.stages.get(id)?.shuffleId;
            return sh === undefined ? [] : [sh];
          });
          const span: JobSpan = { jobId: e.jobId, startMs: e.timeMs, endMs: Infinity, shuffleIds };
          this.jobs.push(span);
          jobsById.set(e.jobId, span);
          jobStages.set(e.jobId, e.stageIds);
          for (const id of e.stageIds) {
            const list = this.stageMapped.get(id) ?? [];
            const last = list[list.length - 1];
            if (last === undefined || last[1] !== Infinity) list.push([e.timeMs, Infinity]);
            this.stageMapped.set(id, list);
          }
          break;
        }
        case "jobEnd": {
          const span = jobsById.get(e.jobId);
          if (span !== undefined) span.endMs = e.timeMs;
          for (const id of jobStages.get(e.jobId) ?? []) {
            const last = this.stageMapped.get(id)?.at(-1);
            if (last !== undefined && last[1] === Infinity) last[1] = e.timeMs;
          }
          break;
        }
        case "unpersist": {
          const list = this.unpersistMs.get(e.rddId) ?? [];
          list.push(e.timeMs);
          this.unpersistMs.set(e.rddId, list);
          break;
        }
        case "shuffleCleaned":
          this.cleanedMs.set(e.shuffleId, e.timeMs);
          break;
        case "applicationEnd":
          end = e.timeMs;
          break;
        default:
          break;
      }
    }
    this.endMs = end;
    const t = result.tasks;
    if (t !== undefined) {
      for (let i = 0; i < t.length; i++) {
        this.story(String(t.executor[i])).tasks.push({
          stageId: t.stageId[i]!,
          partition: t.partition[i]!,
          startMs: t.startMs[i]!,
          endMs: t.endMs[i]!,
          failed: t.failed[i] === 1,
        });
      }
      for (const s of this.executors.values()) s.tasks.sort((a, b) => a.startMs - b.startMs);
    }
    this.timeoutRemovals = [...this.executors.values()].filter(
      (s) => s.removedMs !== undefined && s.removalReason !== "application-end" && s.removalReason !== "executor-lost",
    );
  }

  private story(id: string): ExecutorStory {
    let s = this.executors.get(id);
    if (s === undefined) {
      s = {
        id, addedMs: undefined, removedMs: undefined, removalReason: undefined, lossCause: undefined, goneMs: undefined,
        decommissionedMs: undefined, decommissionTrigger: undefined, decommission: undefined, tasks: [], received: [],
      };
      this.executors.set(id, s);
    }
    return s;
  }

  /** Whether some task on the executor runs at t (started at or before t, ends after t). */
  runningAt(story: ExecutorStory, t: number): boolean {
    return story.tasks.some((k) => k.startMs <= t && k.endMs > t);
  }

  /** When it last went idle at or before t: its latest task end, or its registration. */
  idleSince(story: ExecutorStory, t: number): number {
    let since = story.addedMs ?? 0;
    for (const k of story.tasks) if (k.endMs <= t && k.endMs > since) since = k.endMs;
    return since;
  }

  /** Shuffles whose map output the executor wrote by t and that were not cleaned by t. */
  shufflesHeld(story: ExecutorStory, t: number): Set<number> {
    const held = new Set<number>();
    for (const k of story.tasks) {
      const sh = this.stages.get(k.stageId)?.shuffleId;
      if (sh === undefined || k.endMs > t || k.failed || !this.mappedAt(k.stageId, k.endMs)) continue;
      const cleaned = this.cleanedMs.get(sh);
      if (cleaned === undefined || cleaned > t) held.add(sh);
    }
    // A migrated ShuffleDataBlockId adds the shuffle to its receiver (ExecutorMonitor.onBlockUpdated).
    for (const m of story.received) {
      const cleaned = this.cleanedMs.get(m.id);
      if (m.block === "shuffle" && m.timeMs <= t && (cleaned === undefined || cleaned > t)) held.add(m.id);
    }
    return held;
  }

  /** Whether ExecutorMonitor maps the stage to its shuffle when a task of it ends at t. */
  private mappedAt(stageId: number, t: number): boolean {
    return (this.stageMapped.get(stageId) ?? []).some(([from, to]) => from < t && t <= to);
  }

  /** RDDs the executor cached by t and that were not unpersisted since. */
  rddsHeld(story: ExecutorStory, t: number): Set<number> {
    const held = new Set<number>();
    for (const k of story.tasks) {
      const rdd = this.stages.get(k.stageId)?.cacheRddId;
      if (rdd === undefined || k.endMs > t || k.failed) continue;
      const unpersisted = (this.unpersistMs.get(rdd) ?? []).some((u) => u >= k.endMs && u <= t);
      if (!unpersisted) held.add(rdd);
    }
    for (const m of story.received) {
      if (m.block === "rdd" && m.timeMs <= t && !(this.unpersistMs.get(m.id) ?? []).some((u) => u >= m.timeMs && u <= t)) held.add(m.id);
    }
    return held;
  }

  /** Shuffles used by a job running at t (JobStart at or before t, JobEnd after t). */
  activeShuffles(t: number): Set<number> {
    const out = new Set<number>();
    for (const j of this.jobs) if (j.startMs <= t && j.endMs > t) for (const s of j.shuffleIds) out.add(s);
    return out;
  }

  /** Executors decommissioned by a loss's notice and not gone at t (the timeline counts them as stopping). */
  noticeDecommissioningAt(t: number): number {
    let n = 0;
    for (const s of this.executors.values()) if (s.decommissionTrigger === "notice" && s.decommissionedMs! <= t && (s.goneMs === undefined || s.goneMs > t)) n++;
    return n;
  }

  /** The timeline row in effect at t (after everything at t). */
  rowAt(t: number): { target: number; running: number } {
    const tl = this.result.timeline;
    const row = tl.rowIndexAt(t);
    return { target: tl.get(row, COL.target), running: tl.get(row, COL.running_executors) };
  }
}
