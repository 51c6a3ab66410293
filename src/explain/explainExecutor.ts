import { ALLOCATION_TICK_MS, COL, type ExecutorRemovalReason, type ExecutorState, type ExecutorStateRecord, type SimulationResult } from "../../sim/index.js";
import { formatDuration, formatSparkDuration } from "../report/units.js";
import { formatClock } from "../report/clock.js";
import { executorLives, type ExecutorLife } from "./executorLives.js";
import { shuffleFacts, type ShuffleFacts } from "./shuffleFacts.js";
import { timelineRowAt } from "./timelineAt.js";
import { isTimeoutRemoval, timeoutSetting } from "./timeouts.js";

export type ExecutorStatus = "not-requested" | "starting" | "cancelled" | "alive" | "removed";

/** Why an executor was alive, or removed, at one instant: the data and the sentences. */
export interface ExecutorExplanation {
  readonly kind: "executor";
  readonly executorId: string;
  readonly atMs: number;
  readonly status: ExecutorStatus;
  readonly life: Omit<ExecutorLife, "executorId">;
  /** Its monitor state at the instant (alive), or just before its removal (removed). */
  readonly state: ExecutorState | undefined;
  readonly runningTasks: number | undefined;
  readonly idleSinceMs: number | undefined;
  readonly timeout: { readonly reason: Exclude<ExecutorRemovalReason, "application-end">; readonly key: string; readonly ms: number; readonly deadlineMs: number | undefined } | undefined;
  readonly shuffles: readonly ShuffleFacts[];
  readonly activeShuffle: boolean;
  readonly cachedRddIds: readonly number[];
  readonly cachedBlocks: number;
  /** The floor keeping it past its deadline: minExecutors or the target. */
  readonly keptByFloor: { readonly floor: "minExecutors" | "target"; readonly value: number; readonly executors: number } | undefined;
  readonly lines: readonly string[];
}

/** What explaining many executors of one run shares: built once (the report explains every lane). */
export interface ExplainContext {
  readonly lives: ReadonlyMap<string, ExecutorLife>;
  readonly statesByExecutor: ReadonlyMap<string, readonly ExecutorStateRecord[]>;
  readonly facts: ReadonlyMap<number, ShuffleFacts>;
}

export function explainContext(result: SimulationResult): ExplainContext {
  const trace = result.trace;
  if (trace === undefined) throw new Error("explain needs a result simulated with recordTrace");
  const statesByExecutor = new Map<string, ExecutorStateRecord[]>();
  for (const r of trace.executorStates) {
    let list = statesByExecutor.get(r.executorId);
    if (list === undefined) statesByExecutor.set(r.executorId, (list = []));
    list.push(r);
  }
  return { lives: new Map(executorLives(result.events).map((l) => [l.executorId, l])), statesByExecutor, facts: shuffleFacts(result) };
}

/** The ids the events know, for the "no such executor" message. */
export function knownExecutorIds(result: SimulationResult): string[] {
  return executorLives(result.events).map((l) => l.executorId);
}

/** The executor's last state record at or before `atMs`, and the one after (binary search: records are in time order). */
function stateAt(records: readonly ExecutorStateRecord[], atMs: number): { at: ExecutorStateRecord | undefined; next: ExecutorStateRecord | undefined } {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid]!.timeMs <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return { at: records[lo - 1], next: records[lo] };
}

const t = formatClock;

function jobLabel(j: { jobIndex: number; name: string | undefined }): string {
  return `job ${j.jobIndex}${j.name === undefined ? "" : ` "${j.name}"`}`;
}

/** Sentences about a shuffle an executor holds, as seen at `atMs`. */
function shuffleLines(f: ShuffleFacts, atMs: number, appEndMs: number, gcIntervalText: string): string[] {
  const writer = f.stageId === undefined ? "" : ` (map output of stage ${f.stageId}${f.stageName === undefined ? "" : ` "${f.stageName}"`})`;
  const open = f.jobs.filter((j) => j.endedMs === undefined || j.endedMs > atMs);
  const lines = [`holds shuffle ${f.shuffleId}${writer}, in the lineage of ${f.jobs.map(jobLabel).join(", ")}`];
  if (f.cleanedMs !== undefined && f.cleanedMs <= atMs) {
    lines.push(`  shuffle ${f.shuffleId} was cleaned at ${t(f.cleanedMs)}`);
    return lines;
  }
  if (open.length > 0) {
    const which = open
      .map((j) =>
        j.submittedMs === undefined || j.submittedMs > atMs
          ? `${jobLabel(j)} has not started yet${j.submittedMs === undefined ? "" : ` (submitted at ${t(j.submittedMs)})`}`
          : `${jobLabel(j)} is running (since ${t(j.submittedMs)}${j.endedMs === undefined ? "" : `, ends at ${t(j.endedMs)}`})`,
      )
      .join("; ");
    lines.push(`  the shuffle is not cleaned yet: ${which}; the ContextCleaner can clean it only after the last job of its lineage ends`);
  } else if (f.cleanableMs !== undefined) {
    lines.push(`  every job of its lineage had ended by ${t(f.cleanableMs)}; it waits for the cleaner's next periodic GC`);
  }
  if (!f.cleanerOn) lines.push(`  the ContextCleaner is off (spark.cleaner.referenceTracking or spark.cleaner.periodicGC.interval), so it is never cleaned`);
  else if (f.cleanedMs !== undefined) lines.push(`  the cleaner runs at ${t(f.cleanedMs)} (periodic GC, spark.cleaner.periodicGC.interval = ${gcIntervalText}) and cleans it`);
  else if (f.predictedCleanMs !== undefined)
    lines.push(
      `  the cleaner would run at ${t(f.predictedCleanMs)} (the first periodic GC after ${t(f.cleanableMs!)}, every ${gcIntervalText}), but the application ends at ${t(appEndMs)} first: it is never cleaned in this run`,
    );
  else lines.push(`  the cleaner never cleans it in this run: the application ends at ${t(appEndMs)} before the lineage's last job ends`);
  return lines;
}

/** Explains one executor at `atMs` (default: its removal, or the end of the run). Needs a result with `trace` (and `tasks` for busy counts). */
export function explainExecutor(result: SimulationResult, executorId: string, atMsArg?: number, context?: ExplainContext): ExecutorExplanation | undefined {
  const ctx = context ?? explainContext(result);
  const life = ctx.lives.get(executorId);
  if (life === undefined) return undefined;
  const conf = result.conf;
  const endMs = result.timeline.lastTime() ?? 0;
  const atMs = atMsArg ?? life.removedMs ?? life.cancelledMs ?? endMs;
  const { executorId: _id, ...lifeData } = life;
  const lines: string[] = [];
  const lifeLine = [
    life.requestedMs === undefined ? undefined : `requested at ${t(life.requestedMs)}`,
    life.cancelledMs === undefined ? undefined : `request cancelled at ${t(life.cancelledMs)} before it started`,
    life.addedMs === undefined ? undefined : `registered at ${t(life.addedMs)}`,
    life.removedMs === undefined ? undefined : `removed at ${t(life.removedMs)} (${life.reason})`,
  ].filter((s) => s !== undefined);
  lines.push(`executor ${executorId} at ${t(atMs)}: ${lifeLine.join(", ")}`);

  const records = ctx.statesByExecutor.get(executorId) ?? [];
  const status: ExecutorStatus =
    life.requestedMs !== undefined && atMs < life.requestedMs
      ? "not-requested"
      : life.addedMs === undefined || atMs < life.addedMs
        ? life.cancelledMs !== undefined && atMs >= life.cancelledMs
          ? "cancelled"
          : "starting"
        : life.removedMs !== undefined && atMs >= life.removedMs
          ? "removed"
          : "alive";
  const base = {
    kind: "executor" as const,
    executorId,
    atMs,
    status,
    life: lifeData,
  };
  const empty = { state: undefined, runningTasks: undefined, idleSinceMs: undefined, timeout: undefined, shuffles: [], activeShuffle: false, cachedRddIds: [], cachedBlocks: 0, keptByFloor: undefined };
  if (status === "not-requested") return { ...base, ...empty, lines: [...lines, `  not requested yet: the cluster manager asks for it at ${t(life.requestedMs!)}`] };
  if (status === "starting") {
    const s = life.addedMs === undefined ? "it never registers" : `it registers at ${t(life.addedMs)}`;
    return { ...base, ...empty, state: "starting", lines: [...lines, `  starting: requested from the cluster manager, not registered yet; ${s}`] };
  }
  if (status === "cancelled") return { ...base, ...empty, lines: [...lines, `  its request was cancelled at ${t(life.cancelledMs!)} when the target fell below the executors asked for`] };

  // Removed: the state just before the removal explains it; alive: the state now.
  const removed = status === "removed";
  const stateMs = removed ? life.removedMs! : atMs;
  const { at: rec, next } = stateAt(records, stateMs);
  if (rec === undefined) throw new Error(`executor ${executorId} has no recorded state at ${stateMs} ms`);
  const facts = ctx.facts;
  const shuffles = rec.shuffleIds.map((id) => facts.get(id)).filter((f): f is ShuffleFacts => f !== undefined);
  const row = timelineRowAt(result.timeline, stateMs);
  // Just before a removal: tasks ending at that instant still count.
  const running = result.tasks === undefined ? undefined : runningTasksAt(result, executorId, removed ? stateMs - 1 : stateMs);
  const timeout = { reason: rec.timeoutReason, ...timeoutSetting(rec.timeoutReason, conf), deadlineMs: rec.deadlineMs };

  const prefix = removed ? "  just before its removal it was" : "  it is";
  if (rec.state === "busy") {
    lines.push(`${prefix} busy: ${running === undefined ? "running tasks" : `running ${running.count} task${running.count === 1 ? "" : "s"}${running.count === 0 ? "" : ` (stage${running.stages.length === 1 ? "" : "s"} ${running.stages.join(", ")})`}`}, so no timeout applies`);
  } else {
    const idleFor = rec.idleSinceMs === undefined ? "" : ` since ${t(rec.idleSinceMs)} (for ${formatDuration(stateMs - rec.idleSinceMs)})`;
    const what = rec.state === "pinned-shuffle" ? ", holding shuffle data" : rec.state === "pinned-cache" ? ", holding cached blocks" : rec.state === "removing" ? ", being removed" : ", with no shuffle data or cached blocks that count";
    lines.push(`${prefix} idle${idleFor}${what}`);
  }
  for (const f of shuffles) lines.push(...shuffleLines(f, stateMs, endMs, formatSparkDuration(conf.cleanerPeriodicGcIntervalMs)).map((l) => `  ${l}`));
  if (rec.cachedBlocks > 0) lines.push(`  holds ${rec.cachedBlocks} cached block${rec.cachedBlocks === 1 ? "" : "s"} of RDD ${rec.cachedRddIds.join(", ")}`);
  if (rec.activeShuffle && rec.state !== "busy") lines.push(`  a running job reads a shuffle it holds, so the monitor never times it out while that job runs`);

  let keptByFloor: ExecutorExplanation["keptByFloor"];
  if (rec.state !== "busy" && !rec.activeShuffle) {
    if (rec.deadlineMs === undefined) {
      lines.push(`  timeout: ${timeout.text}, so it has no deadline: it stays until its data goes or the application ends`);
    } else {
      lines.push(`  timeout: ${timeout.text}; deadline ${t(rec.idleSinceMs ?? 0)} + ${formatSparkDuration(timeout.ms)} = ${t(rec.deadlineMs)}`);
      if (!removed && rec.deadlineMs + ALLOCATION_TICK_MS <= atMs) {
        // Past its deadline and still here: removeExecutors' floors kept it (spec §8).
        const executors = row[COL.running_executors]!;
        const target = row[COL.target]!;
        const floor = executors - 1 < conf.minExecutors ? "minExecutors" : "target";
        const value = floor === "minExecutors" ? conf.minExecutors : target;
        keptByFloor = { floor, value, executors };
        lines.push(
          `  its deadline has passed, but removing it would leave ${executors - 1} executors, below ${floor === "minExecutors" ? `spark.dynamicAllocation.minExecutors = ${value}` : `the target (${value})`}: the floor keeps it`,
        );
      }
    }
  }
  if (removed) lines.push(...removalLines(life, rec, isTimeoutRemoval(life.reason) ? timeoutSetting(life.reason, conf).ms : timeout.ms, endMs));
  else if (next !== undefined) lines.push(`  next change at ${t(next.timeMs)}: ${next.state}`);
  else if (life.removedMs !== undefined) lines.push(`  it stays so until its removal at ${t(life.removedMs)} (${life.reason})`);

  return {
    ...base,
    state: rec.state,
    runningTasks: running?.count,
    idleSinceMs: rec.idleSinceMs,
    timeout: rec.state === "busy" ? undefined : { reason: timeout.reason, key: timeout.key, ms: timeout.ms, deadlineMs: timeout.deadlineMs },
    shuffles,
    activeShuffle: rec.activeShuffle,
    cachedRddIds: rec.cachedRddIds,
    cachedBlocks: rec.cachedBlocks,
    keptByFloor,
    lines,
  };
}


function removalLines(life: ExecutorLife, rec: ExecutorStateRecord, timeoutMs: number, endMs: number): string[] {
  const removedMs = life.removedMs!;
  if (life.reason === "application-end") return [`  removed when the application ended at ${t(endMs)}`];
  if (!isTimeoutRemoval(life.reason)) return [`  lost at ${t(removedMs)} (${life.reason}: the workload's executor loss, not an allocation decision)`];
  const idleSince = life.idleSinceMs ?? rec.idleSinceMs;
  if (idleSince === undefined) return [`  removed at ${t(removedMs)} by the ${life.reason}`];
  const firedMs = idleSince + timeoutMs;
  const lines = [`  it went idle at ${t(idleSince)}; the ${life.reason} (${formatSparkDuration(timeoutMs)}) fired at ${t(firedMs)}`];
  // Its data went at the removal instant (a shuffle cleaned): the plain idle timeout had long passed.
  if (rec.state !== "idle" && rec.state !== "busy") lines.push(`  its data stopped counting at ${t(removedMs)}, so the idle timeout, long expired, applied at once`);
  lines.push(
    removedMs - firedMs < ALLOCATION_TICK_MS || rec.state !== "idle"
      ? `  the allocation manager's next 100 ms tick removed it at ${t(removedMs)}`
      : `  it stayed until ${t(removedMs)}: the floor (minExecutors or the target) kept it until then`,
  );
  return lines;
}

/** Task attempts running on the executor at `atMs`, and their stages. */
function runningTasksAt(result: SimulationResult, executorId: string, atMs: number): { count: number; stages: number[] } {
  const tasks = result.tasks!;
  const exec = Number(executorId);
  const stages = new Set<number>();
  let count = 0;
  for (let i = 0; i < tasks.length; i++) {
    if (tasks.executor[i] !== exec || tasks.startMs[i]! > atMs || tasks.endMs[i]! <= atMs) continue;
    count++;
    stages.add(tasks.stageId[i]!);
  }
  return { count, stages: [...stages].sort((a, b) => a - b) };
}
