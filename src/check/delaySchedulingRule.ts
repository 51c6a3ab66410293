import { TaskLocality, type SimulationResult } from "../../sim/result/index.js";
import { violation, type Violation } from "./Violation.js";

interface CachedCopy {
  readonly executor: number;
  readonly endMs: number;
}

/** Executor id -> [added, removed) from the run's events. */
function lifetimes(r: SimulationResult): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const e of r.events) {
    if (e.type === "executorAdded") out.set(Number(e.executorId), [e.timeMs, Infinity]);
    else if (e.type === "executorRemoved") {
      const l = out.get(Number(e.executorId));
      if (l !== undefined) l[1] = e.timeMs;
    }
  }
  return out;
}

/** rddId -> partition -> the successful caching tasks, in launch order. */
function cachedCopies(r: SimulationResult, cacheRddOf: Map<number, number>): Map<number, Map<number, CachedCopy[]>> {
  const t = r.tasks!;
  const out = new Map<number, Map<number, CachedCopy[]>>();
  for (let i = 0; i < t.length; i++) {
    const rdd = cacheRddOf.get(t.stageId[i]!);
    if (rdd === undefined || t.failed[i] === 1) continue;
    let parts = out.get(rdd);
    if (parts === undefined) out.set(rdd, (parts = new Map()));
    const list = parts.get(t.partition[i]!) ?? [];
    list.push({ executor: t.executor[i]!, endMs: t.endMs[i]! });
    parts.set(t.partition[i]!, list);
  }
  return out;
}

/**
 * Rule 12 (delay scheduling): a task that reads a cached partition, whose caching executor is
 * alive, launches on another executor at ANY only after its stage attempt has waited through
 * the levels before it since it was submitted: spark.locality.wait.process plus .node when every
 * executor has its own host, .node with cluster.nodes (another task's node-local launch may
 * restart the clock at NODE_LOCAL). The preference is derived from the run itself: the last
 * copy cached strictly before the submission, not unpersisted since, on an executor alive then.
 */
export function checkDelayScheduling(r: SimulationResult): Violation[] {
  const loc = r.conf.locality;
  const waitMs = r.scenario.cluster.nodes === undefined ? loc.processWaitMs + loc.nodeWaitMs : loc.nodeWaitMs;
  const stages = r.scenario.workload.jobs.flatMap((j) => j.stages);
  const readers = new Map(stages.flatMap((s) => (s.readsCachedRddId === undefined ? [] : [[s.id, s.readsCachedRddId] as const])));
  if (waitMs === 0 || readers.size === 0) return [];
  const copies = cachedCopies(r, new Map(stages.flatMap((s) => (s.cacheRddId === undefined ? [] : [[s.id, s.cacheRddId] as const]))));
  const alive = lifetimes(r);
  const submitted = new Map<string, number>();
  const unpersisted = new Map<number, number[]>();
  for (const e of r.events) {
    if (e.type === "stageSubmitted") submitted.set(`${e.stageId}.${e.attempt}`, e.timeMs);
    if (e.type === "unpersist") unpersisted.set(e.rddId, [...(unpersisted.get(e.rddId) ?? []), e.timeMs]);
  }
  const isAlive = (exec: number, t: number): boolean => {
    const l = alive.get(exec);
    return l !== undefined && l[0] <= t && t < l[1];
  };
  const t = r.tasks!;
  const out: Violation[] = [];
  for (let i = 0; i < t.length; i++) {
    const rdd = readers.get(t.stageId[i]!);
    if (rdd === undefined || t.locality[i] !== TaskLocality.ANY) continue;
    const submittedMs = submitted.get(`${t.stageId[i]}.${t.attempt[i]}`);
    if (submittedMs === undefined) continue;
    const before = (copies.get(rdd)?.get(t.partition[i]!) ?? []).filter((c) => c.endMs < submittedMs);
    const holder = before.at(-1);
    if (holder === undefined || holder.executor === t.executor[i]) continue;
    if ((unpersisted.get(rdd) ?? []).some((u) => u >= holder.endMs && u <= submittedMs)) continue;
    const startMs = t.startMs[i]!;
    if (!isAlive(holder.executor, submittedMs) || !isAlive(holder.executor, startMs) || startMs >= submittedMs + waitMs) continue;
    out.push(
      violation(12, `stage ${t.stageId[i]}.${t.attempt[i]} partition ${t.partition[i]} launched at ANY on executor ${t.executor[i]} ${startMs - submittedMs} ms after submission, before the locality wait (${waitMs} ms), while executor ${holder.executor} caching it was alive`, startMs, String(t.executor[i])),
    );
  }
  return out;
}
