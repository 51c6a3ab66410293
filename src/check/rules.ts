import { COL, type SimulationResult, type SparkConf } from "../../sim/index.js";
import type { ProfileHistory } from "./ProfileHistory.js";
import type { ExecutorStory, RunHistory } from "./RunHistory.js";
import { violation, type Violation } from "./Violation.js";

const TICK_MS = 100;
const ceilTick = (ms: number): number => Math.ceil(ms / TICK_MS) * TICK_MS;

/** Rule 1: the target never exceeds maxExecutors (with several resource profiles: `checkProfileTargets`). */
export function checkTargetCap(r: SimulationResult, p: ProfileHistory): Violation[] {
  const c = r.conf;
  if (!c.dynamicAllocationEnabled || p.multi) return [];
  const out: Violation[] = [];
  for (let i = 0; i < r.timeline.length; i++) {
    const target = r.timeline.get(i, COL.target);
    if (target > c.maxExecutors) out.push(violation(1, `target ${target} > maxExecutors ${c.maxExecutors}`, r.timeline.get(i, COL.time_ms)));
  }
  return out;
}

/**
 * Rule 2: target >= min; timeout removals leave at least max(min, target) executors (with
 * several resource profiles, of the removed executor's profile, against its target).
 */
export function checkFloors(h: RunHistory, p: ProfileHistory): Violation[] {
  const r = h.result;
  const c = r.conf;
  if (!c.dynamicAllocationEnabled) return [];
  const out: Violation[] = [];
  for (let i = 0; i < r.timeline.length && !p.multi; i++) {
    const target = r.timeline.get(i, COL.target);
    if (target < c.minExecutors) out.push(violation(2, `target ${target} < minExecutors ${c.minExecutors}`, r.timeline.get(i, COL.time_ms)));
  }
  const judged = new Set<string>();
  for (const s of h.timeoutRemovals) {
    const t = s.removedMs!;
    const key = `${t}/${p.multi ? p.profileOf(s) : 0}`;
    if (judged.has(key)) continue;
    judged.add(key);
    // The timeline counts decommissioning executors as stopping; the policy still counts those a notice decommissioned.
    const { target, running } = p.multi ? p.floorsAt(s, t) : { target: h.rowAt(t).target, running: h.rowAt(t).running + h.noticeDecommissioningAt(t) };
    const floor = Math.max(c.minExecutors, target);
    const of = p.multi ? ` of resource profile ${p.profileOf(s)}` : "";
    if (running < floor) out.push(violation(2, `timeout removals left ${running} executors${of}, below max(min ${c.minExecutors}, target ${target})`, t));
  }
  return out;
}

/** Rule 3: nothing is removed by timeout while running a task. */
export function checkNotBusy(h: RunHistory): Violation[] {
  return h.timeoutRemovals
    .filter((s) => h.runningAt(s, s.removedMs!))
    .map((s) => violation(3, `executor ${s.id} removed (${s.removalReason}) while running a task`, s.removedMs, s.id));
}

/** Rule 4: with shuffle tracking and no shuffle service, active shuffle data pins. */
export function checkActiveShufflePins(h: RunHistory): Violation[] {
  if (!h.result.conf.shuffleTrackingActive) return [];
  const out: Violation[] = [];
  for (const s of h.timeoutRemovals) {
    const t = s.removedMs!;
    const active = h.activeShuffles(t);
    const pinned = [...h.shufflesHeld(s, t)].filter((id) => active.has(id));
    if (pinned.length > 0) {
      out.push(violation(4, `executor ${s.id} removed while holding shuffle ${pinned.join(", ")} used by a running job`, t, s.id));
    }
  }
  return out;
}

/**
 * The idle timeout that applies to an executor holding this data (spec §7.1), written out
 * here independently of the engine's ExecutorMonitor.
 */
function applicableTimeoutMs(c: SparkConf, holdsCache: boolean, holdsShuffle: boolean): number {
  const shuffle = holdsShuffle && c.shuffleTrackingActive;
  if (c.features.timeoutIsMaxOfApplicable) {
    return Math.max(holdsCache ? c.cachedExecutorIdleTimeoutMs : 0, shuffle ? c.shuffleTrackingTimeoutMs : 0, c.executorIdleTimeoutMs);
  }
  if (holdsCache || shuffle) {
    return Math.min(holdsCache ? c.cachedExecutorIdleTimeoutMs : Infinity, shuffle ? c.shuffleTrackingTimeoutMs : Infinity);
  }
  return c.executorIdleTimeoutMs;
}

/** Rule 5: no timeout removal before idle time reaches the timeout for the data held. */
export function checkTimeoutsRespected(h: RunHistory): Violation[] {
  const c = h.result.conf;
  const out: Violation[] = [];
  for (const s of h.timeoutRemovals) {
    const t = s.removedMs!;
    const since = h.idleSince(s, t);
    const cache = h.rddsHeld(s, t).size > 0;
    const shuffle = h.shufflesHeld(s, t).size > 0;
    const timeout = applicableTimeoutMs(c, cache, shuffle);
    if (t < since + timeout) {
      const held = [cache ? "cached blocks" : "", shuffle && c.shuffleTrackingActive ? "shuffle data" : ""].filter(Boolean).join(" and ") || "no data";
      out.push(violation(5, `executor ${s.id} removed after ${t - since} ms idle holding ${held}; the timeout is ${timeout} ms`, t, s.id));
    }
  }
  return out;
}

/**
 * Rule 6 (liveness): an idle executor whose deadline has passed, that holds no shuffle data of
 * a running job, is removed at the first tick at or after its deadline unless the floors keep
 * it (the live count after that tick is at most max(min, target)).
 */
export function checkLiveness(h: RunHistory, p: ProfileHistory): Violation[] {
  const r = h.result;
  const c = r.conf;
  if (!c.dynamicAllocationEnabled || h.endMs === undefined) return [];
  const out: Violation[] = [];
  // Instants where what an executor holds, or which shuffles are active, can change.
  const changes = new Set<number>();
  for (const j of h.jobs) {
    changes.add(j.startMs);
    if (Number.isFinite(j.endMs)) changes.add(j.endMs);
  }
  for (const list of h.unpersistMs.values()) for (const u of list) changes.add(u);
  for (const cl of h.cleanedMs.values()) changes.add(cl);
  for (const s of h.executors.values()) for (const m of s.received) changes.add(m.timeMs);

  for (const s of h.executors.values()) {
    if (s.addedMs === undefined) continue;
    const gone = s.removedMs ?? h.endMs;
    // Idle intervals: from registration or a task end, to the next task start (or the end).
    const starts = s.tasks.map((k) => k.startMs);
    const candidates = [s.addedMs, ...s.tasks.map((k) => k.endMs)].filter((x) => x < gone && !h.runningAt(s, x));
    for (const idleStart of new Set(candidates)) {
      const nextStart = Math.min(gone, ...starts.filter((x) => x >= idleStart));
      if (nextStart <= idleStart) continue;
      const points = [idleStart, ...[...changes].filter((x) => x > idleStart && x < nextStart)].sort((a, b) => a - b);
      for (let i = 0; i < points.length; i++) {
        const from = points[i]!;
        const to = points[i + 1] ?? nextStart;
        const active = h.activeShuffles(from);
        const shuffles = h.shufflesHeld(s, from);
        if (c.shuffleTrackingActive && [...shuffles].some((id) => active.has(id))) continue;
        // A migrated shuffle block marks its receiver's shuffle active (`addShuffle`) until the next job end.
        const pinnedByMigration = s.received.some((m) => m.block === "shuffle" && m.timeMs <= from && !h.jobs.some((j) => j.endMs > m.timeMs && j.endMs <= from));
        if (c.shuffleTrackingActive && pinnedByMigration) continue;
        const timeout = applicableTimeoutMs(c, h.rddsHeld(s, from).size > 0, shuffles.size > 0);
        if (!Number.isFinite(timeout)) continue;
        const tick = Math.max(ceilTick(idleStart + timeout), ceilTick(from));
        // The tick at `tick` must fall inside this piece and before the executor is used or gone.
        if (tick >= to || tick >= nextStart) continue;
        const { target, running } = p.floorsAt(s, tick);
        if (running - 1 >= Math.max(c.minExecutors, target)) {
          out.push(
            violation(6, `executor ${s.id} idle since ${idleStart} ms (timeout ${timeout} ms) still alive after the tick at ${tick} ms with ${running} executors, target ${target}, min ${c.minExecutors}`, tick, s.id),
          );
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Rule 7: every submitted stage attempt completes with all its tasks; the application ends.
 * With executor losses: an attempt may instead fail (a fetch failure), retried and zombie
 * tasks change the counts, so every partition of every stage of a job that ended must have
 * succeeded once; a job may fail only when some task failed spark.task.maxFailures times
 * (failures that count).
 */
export function checkCompletion(h: RunHistory): Violation[] {
  const r = h.result;
  const out: Violation[] = [];
  if (h.endMs === undefined) out.push(violation(7, "the application never ended"));
  const completed = new Set<string>();
  for (const e of r.events) if (e.type === "stageCompleted" || e.type === "stageFailed") completed.add(`${e.stageId}.${e.attempt}`);
  const failedTasks = r.events.filter((e) => e.type === "taskFailed");
  // A lost executor's finished map tasks run again in the same attempt (`resubmitLostMapTasks`), and
  // a fetch failure ends an attempt early, both without a failed task.
  const outputLost = r.events.some((e) => e.type === "stageFailed" || (e.type === "executorRemoved" && (e.reason === "executor-lost" || e.decommission !== undefined)));
  const failedJobs = new Set<number>();
  for (const e of r.events) if (e.type === "jobFailed") failedJobs.add(e.jobIndex);
  if (failedJobs.size > 0) {
    const counted = new Map<string, number>();
    let most = 0;
    for (const e of failedTasks) {
      if (e.type !== "taskFailed" || !e.counted) continue;
      const key = `${e.stageId}.${e.attempt}.${e.partition}`;
      const n = (counted.get(key) ?? 0) + 1;
      counted.set(key, n);
      most = Math.max(most, n);
    }
    if (most < r.conf.taskMaxFailures) out.push(violation(7, `a job failed but no task failed spark.task.maxFailures (${r.conf.taskMaxFailures}) times (most: ${most})`));
  }
  const t = r.tasks;
  const launched = new Map<string, number>();
  // Speculative copies are extra attempts of launched tasks (rule 11 checks them).
  if (t !== undefined) for (let i = 0; i < t.length; i++) if (t.speculative[i] === 0) launched.set(`${t.stageId[i]}.${t.attempt[i]}`, (launched.get(`${t.stageId[i]}.${t.attempt[i]}`) ?? 0) + 1);
  for (const e of r.events) {
    if (e.type !== "stageSubmitted") continue;
    const key = `${e.stageId}.${e.attempt}`;
    if (!completed.has(key) && failedJobs.size === 0) out.push(violation(7, `stage ${e.stageId} attempt ${e.attempt} never completed`, e.timeMs));
    if (t !== undefined && failedTasks.length === 0 && !outputLost && launched.get(key) !== e.tasks) {
      out.push(violation(7, `stage ${e.stageId} attempt ${e.attempt} ran ${launched.get(key) ?? 0} of ${e.tasks} tasks`, e.timeMs));
    }
  }
  const ended = new Set<number>();
  for (const e of r.events) if (e.type === "jobEnd") ended.add(e.jobIndex);
  r.scenario.workload.jobs.forEach((job, i) => {
    if (!ended.has(i) && !failedJobs.has(i) && failedJobs.size === 0) out.push(violation(7, `job ${i} never ended`));
    if (!ended.has(i) || failedTasks.length === 0 || t === undefined) return;
    for (const stage of job.stages) {
      const done = new Set<number>();
      for (const s of h.executors.values()) for (const k of s.tasks) if (k.stageId === stage.id && !k.failed) done.add(k.partition);
      // A map stage skipped because its shuffle was computed earlier ran no task in this job: fine.
      if (done.size > 0 && done.size < stage.tasks) out.push(violation(7, `stage ${stage.id} of job ${i}: ${done.size} of ${stage.tasks} partitions ever succeeded`));
    }
  });
  return out;
}

/**
 * Rule 10: after an executor loss, no task of a stage starts while a shuffle it reads misses
 * map output: output lost with an executor (without the shuffle service, or with its node;
 * or left on a decommissioned executor when it went) is recomputed before a dependent stage
 * runs on. A block migrated off a decommissioning executor is a copy on its receiver (or on
 * the fallback storage, which nothing loses).
 */
export function checkLostShuffleRecomputed(h: RunHistory): Violation[] {
  const r = h.result;
  const ess = r.conf.shuffleServiceEnabled;
  // Output written by `story` is gone at t when its executor went before t and nothing kept it
  // (timeout kills are rules 4 and 5's business).
  const goes = (s: ExecutorStory): boolean => s.removalReason === "executor-lost" || (s.decommission !== undefined && s.removalReason !== "application-end");
  const gone = (story: ExecutorStory | undefined, t: number): boolean =>
    story !== undefined && goes(story) && story.goneMs! < t && (!ess || story.lossCause === "interruption");
  const losses = [...h.executors.values()].filter(goes);
  if (losses.length === 0) return [];
  const firstLossMs = Math.min(...losses.map((s) => s.goneMs!));
  const outputs = mapOutputCopies(h);
  const out: Violation[] = [];
  for (const s of h.executors.values()) {
    for (const k of s.tasks) {
      if (k.startMs <= firstLossMs) continue;
      const spec = h.stages.get(k.stageId);
      for (const parent of spec?.parents ?? []) {
        const byPartition = outputs.get(parent) ?? [];
        const missing = byPartition.findIndex((list) => !list.some((o) => o.fromMs <= k.startMs && !gone(o.story, k.startMs)));
        if (missing >= 0) {
          out.push(violation(10, `stage ${k.stageId} partition ${k.partition} started on executor ${s.id} while map partition ${missing} of stage ${parent} was lost and not recomputed`, k.startMs, s.id));
          break;
        }
      }
    }
  }
  return out;
}

/** A copy of a map output: where it lives (undefined: the fallback storage) and since when. */
interface OutputCopy {
  readonly fromMs: number;
  readonly story: ExecutorStory | undefined;
}

/** Per map stage, per partition, every copy of its output: each success, and each migration of one. */
function mapOutputCopies(h: RunHistory): Map<number, OutputCopy[][]> {
  const outputs = new Map<number, OutputCopy[][]>();
  const stageOfShuffle = new Map<number, number>();
  const copiesOf = (stageId: number): OutputCopy[][] => {
    let byPartition = outputs.get(stageId);
    if (byPartition === undefined) {
      byPartition = Array.from({ length: h.stages.get(stageId)!.tasks }, () => []);
      outputs.set(stageId, byPartition);
    }
    return byPartition;
  };
  for (const spec of h.stages.values()) if (spec.shuffleId !== undefined) stageOfShuffle.set(spec.shuffleId, spec.id);
  for (const s of h.executors.values()) {
    for (const k of s.tasks) {
      if (k.failed || h.stages.get(k.stageId)?.shuffleId === undefined) continue;
      copiesOf(k.stageId)[k.partition]?.push({ fromMs: k.endMs, story: s });
    }
  }
  for (const m of h.migrations) {
    const stageId = stageOfShuffle.get(m.shuffleId);
    if (stageId === undefined) continue;
    copiesOf(stageId)[m.partition]?.push({ fromMs: m.timeMs, story: m.to === "fallback" ? undefined : h.executors.get(m.to) });
  }
  return outputs;
}

/**
 * Rule 11 (decommissioning): no task starts on an executor after its decommission; one that
 * exited gracefully lost no running task; and at each scale-down decommission the executors
 * not gone and not decommissioned by the policy are at least max(minExecutors, target), each
 * counted once (a decommissioning executor is not also one the policy can still remove).
 */
export function checkDecommissioning(h: RunHistory): Violation[] {
  const out: Violation[] = [];
  const c = h.result.conf;
  const decommissioned = [...h.executors.values()].filter((s) => s.decommissionedMs !== undefined);
  for (const s of decommissioned) {
    const late = s.tasks.find((k) => k.startMs > s.decommissionedMs!);
    if (late !== undefined) out.push(violation(11, `stage ${late.stageId} partition ${late.partition} started on executor ${s.id} after it was decommissioned`, late.startMs, s.id));
    const failed = s.tasks.find((k) => k.failed);
    if (s.decommission === "finished" && failed !== undefined) {
      out.push(violation(11, `executor ${s.id} exited as gracefully decommissioned with stage ${failed.stageId} partition ${failed.partition} still running`, s.goneMs, s.id));
    }
  }
  if (!c.dynamicAllocationEnabled) return out;
  const instants = new Set(decommissioned.filter((s) => s.decommissionTrigger === "scale-down").map((s) => s.decommissionedMs!));
  for (const t of instants) {
    // A notice's decommission is the executor's own (Spark's monitor is not told): the policy still counts it.
    const left = [...h.executors.values()].filter(
      (s) =>
        s.addedMs !== undefined && s.addedMs <= t && (s.goneMs === undefined || s.goneMs > t) && (s.decommissionTrigger !== "scale-down" || s.decommissionedMs! > t),
    ).length;
    const floor = Math.max(c.minExecutors, h.rowAt(t).target);
    if (left < floor) out.push(violation(11, `scale-down decommissions left ${left} executors not decommissioning, below max(min ${c.minExecutors}, target ${floor})`, t));
  }
  return out;
}

/** Rule 8: requested, then added, then removed; each at most once; cancelled only before added. */
export function checkLifecycle(r: SimulationResult): Violation[] {
  const out: Violation[] = [];
  const state = new Map<string, "requested" | "cancelled" | "added" | "removed">();
  for (const e of r.events) {
    if (e.type !== "executorRequested" && e.type !== "executorRequestCancelled" && e.type !== "executorAdded" && e.type !== "executorRemoved") continue;
    const id = e.executorId;
    const s = state.get(id);
    const bad = (what: string) => out.push(violation(8, `executor ${id}: ${what} (was ${s ?? "unknown"})`, e.timeMs, id));
    switch (e.type) {
      case "executorRequested":
        if (s !== undefined) bad("requested again");
        else state.set(id, "requested");
        break;
      case "executorRequestCancelled":
        if (s !== "requested") bad("cancelled when not pending");
        else state.set(id, "cancelled");
        break;
      case "executorAdded":
        if (s !== "requested") bad("added without a pending request");
        else state.set(id, "added");
        break;
      case "executorRemoved":
        if (s !== "added") bad("removed when not added");
        else state.set(id, "removed");
        break;
    }
  }
  return out;
}
