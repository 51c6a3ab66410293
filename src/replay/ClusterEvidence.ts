import type { SparkEvent } from "../eventlog/index.js";
import { TimedChanges } from "./TimedChanges.js";

/** A span (ms from application start) during which the logged run had tasks waiting for a slot. */
export interface BacklogEpisode {
  readonly startMs: number;
  readonly endMs: number;
}

/** `(timeMs, tasks)`: the most tasks submitted and not finished at once, up to `timeMs` (a running maximum). */
export interface DemandPoint {
  readonly timeMs: number;
  readonly peakOutstandingTasks: number;
}

/**
 * The four changes a task makes, by kind: (change in tasks waiting for a slot, what the
 * allocation listener counts as pending; change in tasks submitted and not finished, pending +
 * running). Kind 0 is a stage submission of n tasks: (n, n).
 */
const TASK_STARTED = 1;
const COPY_STARTED = 2;
const ORIGINAL_FAILED = 3;
const TASK_LEFT = 4;
const PENDING = [0, -1, 0, 1, 0];
const OUTSTANDING = [0, 0, 1, 0, -1];

/**
 * Changes in the log's order, 5 bytes each (two a task; `TimedChanges`), and a stage
 * submission's task count by its index (one a stage).
 */
class Changes extends TimedChanges {
  /** Change index -> tasks of a stage submission (as an Int32, as Spark's count is read). */
  private readonly submitted = new Map<number, number>();

  pushSubmission(epochMs: number, tasks: number): void {
    this.submitted.set(this.length, tasks | 0);
    this.push(epochMs, 0);
  }

  pending(i: number): number {
    const k = this.kind(i);
    return k === 0 ? this.submitted.get(i)! : PENDING[k]!;
  }

  outstanding(i: number): number {
    const k = this.kind(i);
    return k === 0 ? this.submitted.get(i)! : OUTSTANDING[k]!;
  }
}

/**
 * What the cluster-manager estimates read from a log, fed in the same pass as the workload:
 * when tasks waited (backlog episodes, whose timers make dynamic allocation request
 * executors), how many tasks were outstanding at most (the demand the logged config could
 * answer), and each executor's last task end (the start of its last idle period). Keeps 5
 * bytes per task start and end (they are sorted by time at the end: a log is not in time order).
 */
export class ClusterEvidence {
  private readonly changes = new Changes();
  /** Stage attempts whose submission time is known only at StageCompleted (1.2-2.2 logs). */
  private readonly untimed = new Map<string, number>();
  readonly lastTaskEndEpochMs = new Map<string, number>();

  add(event: SparkEvent): void {
    switch (event.event) {
      case "SparkListenerStageSubmitted": {
        const s = event.stageInfo;
        if (s.numTasks <= 0) return;
        if (s.submissionTimeMs === undefined) this.untimed.set(`${s.stageId}.${s.stageAttemptId}`, s.numTasks);
        else this.changes.pushSubmission(s.submissionTimeMs, s.numTasks);
        return;
      }
      case "SparkListenerStageCompleted": {
        const s = event.stageInfo;
        const key = `${s.stageId}.${s.stageAttemptId}`;
        const tasks = this.untimed.get(key);
        if (tasks !== undefined && s.submissionTimeMs !== undefined) {
          this.untimed.delete(key);
          this.changes.pushSubmission(s.submissionTimeMs, tasks);
        }
        return;
      }
      case "SparkListenerTaskStart":
        // A speculative copy runs beside its original: more outstanding work, nothing less pending.
        this.changes.push(event.task.launchTimeMs, event.task.speculative ? COPY_STARTED : TASK_STARTED);
        return;
      case "SparkListenerTaskEnd": {
        const t = event.task;
        const ok = event.reason.kind === "Success";
        const prev = this.lastTaskEndEpochMs.get(t.executorId);
        if (prev === undefined || t.finishTimeMs > prev) this.lastTaskEndEpochMs.set(t.executorId, t.finishTimeMs);
        // A failed original is pending again; a finished or failed copy and a success leave.
        const retried = !ok && !t.speculative && event.reason.kind !== "TaskKilled";
        this.changes.push(t.finishTimeMs, retried ? ORIGINAL_FAILED : TASK_LEFT);
        return;
      }
      default:
        return;
    }
  }

  /** Backlog episodes and the demand's running maximum, ms from `appStartEpochMs`. */
  summarize(appStartEpochMs: number): { episodes: BacklogEpisode[]; demand: DemandPoint[] } {
    // Same-ms order: submissions and ends before starts, so a task started at once does not open an episode.
    const c = this.changes;
    const order = new Uint32Array(c.length);
    for (let i = 0; i < c.length; i++) order[i] = i;
    order.sort((a, b) => c.timeMs(a) - c.timeMs(b) || c.pending(b) - c.pending(a));
    const episodes: BacklogEpisode[] = [];
    const demand: DemandPoint[] = [];
    let pending = 0;
    let outstanding = 0;
    let peak = 0;
    let openedMs: number | undefined;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      pending = Math.max(0, pending + c.pending(i));
      outstanding = Math.max(0, outstanding + c.outstanding(i));
      // Apply every change of one ms before judging it.
      const timeMs = c.timeMs(i);
      if (k + 1 < order.length && c.timeMs(order[k + 1]!) === timeMs) continue;
      const t = Math.max(0, timeMs - appStartEpochMs);
      if (pending > 0 && openedMs === undefined) openedMs = t;
      if (pending === 0 && openedMs !== undefined) {
        episodes.push({ startMs: openedMs, endMs: t });
        openedMs = undefined;
      }
      if (outstanding > peak) {
        peak = outstanding;
        demand.push({ timeMs: t, peakOutstandingTasks: peak });
      }
    }
    if (openedMs !== undefined) episodes.push({ startMs: openedMs, endMs: Infinity });
    return { episodes, demand };
  }
}
