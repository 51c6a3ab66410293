import { ALLOCATION_TICK_MS, type ClusterManagerKind, containerArrivalMs, DEFAULT_YARN } from "../../sim/index.js";
import type { ExecutorCountPoint, ObservedExecutor } from "../eventlog/index.js";
import type { BacklogEpisode, DemandPoint } from "./ClusterEvidence.js";
import { medianOfSorted, seconds } from "./executorStartup.js";
import { localClusterWorkers, type ConfFacts } from "./loggedConf.js";

/** The median of any-order values (the mean of the middle two, rounded, for an even count). */
export function median(values: readonly number[]): number {
  return medianOfSorted([...values].sort((a, b) => a - b));
}

const list = (ms: readonly number[], max = 6): string => ms.slice(0, max).map(seconds).join(", ") + (ms.length > max ? `, ... (${ms.length})` : "");

/** The cluster manager a `spark.master` ran on, with why. */
export function clusterManagerOf(master: string | undefined): { manager: ClusterManagerKind; evidence: string } {
  const m = master ?? "";
  if (m === "yarn" || m.startsWith("yarn-")) return { manager: "yarn", evidence: `cluster manager yarn: spark.master=${m} (Spark's YarnAllocator)` };
  if (m.startsWith("k8s://")) return { manager: "kubernetes", evidence: `cluster manager kubernetes: spark.master=${m} (Spark's pod allocator)` };
  const local = localClusterWorkers(m);
  if (local !== undefined) {
    return { manager: "standalone", evidence: `cluster manager standalone: spark.master=${m} (Spark's standalone Master; ${local.count} worker(s) of ${local.cores} cores, ${local.memoryMiB} MiB)` };
  }
  if (m.startsWith("spark://")) return { manager: "standalone", evidence: `cluster manager standalone: spark.master=${m} (Spark's standalone Master; its workers are not in the log: no worker limit)` };
  const why = master === undefined ? "spark.master is not logged" : `spark.master=${m} has no modelled cluster manager of its own`;
  return { manager: "generic", evidence: `cluster manager generic: ${why}` };
}

/**
 * Request-to-registration latency of executors requested by dynamic allocation. The log
 * never says when Spark asked, so the request is reconstructed: a backlog that lasts
 * `schedulerBacklogTimeout` makes the allocation manager ask at the next 100 ms tick; the
 * first executor that registers after that is its answer. Backlogs during which executors
 * were already arriving (answers to earlier asks) are skipped, and so are backlogs that ask
 * before the `initialExecutors` requested at application start have all registered: the next
 * registration then answers the ask at start (made at time 0), not the backlog's.
 */
export function requestLatencySamples(p: {
  readonly episodes: readonly BacklogEpisode[];
  readonly registrationsMs: readonly number[];
  readonly schedulerBacklogTimeoutMs: number;
  /** Executors requested at application start (DRA's initialExecutors); 0 when none. */
  readonly initialExecutors?: number;
}): { requestMs: number; registeredMs: number }[] {
  const regs = [...p.registrationsMs].sort((a, b) => a - b);
  const initial = p.initialExecutors ?? 0;
  // Until the last executor asked for at start registers, registrations answer that ask.
  const initialAnsweredMs = initial <= 0 ? -Infinity : (regs[initial - 1] ?? Infinity);
  const out: { requestMs: number; registeredMs: number }[] = [];
  const answered = new Set<number>();
  for (const e of p.episodes) {
    const requestMs = Math.ceil((e.startMs + p.schedulerBacklogTimeoutMs) / ALLOCATION_TICK_MS) * ALLOCATION_TICK_MS;
    if (e.endMs <= requestMs) continue;
    if (requestMs < initialAnsweredMs) continue;
    // Binary searches in the sorted registrations: a log's episodes and registrations both
    // grow with its length, and a scan of one per the other made this quadratic.
    const arrivingDuringBacklog = regs[firstIndexAfter(regs, e.startMs, "above")];
    if (arrivingDuringBacklog !== undefined && arrivingDuringBacklog < requestMs) continue;
    const registeredMs = regs[firstIndexAfter(regs, requestMs, "at or above")];
    if (registeredMs !== undefined && !answered.has(registeredMs)) {
      answered.add(registeredMs);
      out.push({ requestMs, registeredMs });
    }
  }
  return out;
}

/** The index of the first value of ascending `sorted` above (or at or above) `x`; `sorted.length` if none. */
function firstIndexAfter(sorted: readonly number[], x: number, bound: "above" | "at or above"): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v > x || (bound === "at or above" && v === x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Kill-to-removed latency of executors released as idle: removal minus (last task end, or
 * registration if it ran none, plus executorIdleTimeout). Samples outside [0, idle timeout]
 * belong to other timeouts (cached or shuffle data) and are dropped.
 */
export function removalLatencySamples(p: {
  readonly executors: readonly ObservedExecutor[];
  readonly lastTaskEndMs: ReadonlyMap<string, number>;
  readonly executorIdleTimeoutMs: number;
}): number[] {
  if (!Number.isFinite(p.executorIdleTimeoutMs)) return [];
  const out: number[] = [];
  for (const e of p.executors) {
    if (e.removal !== "idle-release") continue;
    const idleFrom = Math.max(e.addedMs, p.lastTaskEndMs.get(e.executorId) ?? e.addedMs);
    const ms = e.removedMs - idleFrom - p.executorIdleTimeoutMs;
    if (ms >= 0 && ms <= p.executorIdleTimeoutMs) out.push(ms);
  }
  return out;
}

/** The most executors alive at once on each host, busiest first. */
export function hostPeaks(executors: readonly ObservedExecutor[]): { host: string; peak: number }[] {
  const byHost = new Map<string, ObservedExecutor[]>();
  for (const e of executors) {
    const onHost = byHost.get(e.host);
    if (onHost === undefined) byHost.set(e.host, [e]);
    else onHost.push(e);
  }
  const out: { host: string; peak: number }[] = [];
  for (const [host, list] of byHost) {
    const changes = list.flatMap((e) => [
      [e.addedMs, 1],
      [e.removedMs, -1],
    ]) as [number, number][];
    changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let alive = 0;
    let peak = 0;
    for (const [, d] of changes) peak = Math.max(peak, (alive += d));
    out.push({ host, peak });
  }
  return out.sort((a, b) => b.peak - a.peak || a.host.localeCompare(b.host));
}

/**
 * More executors alive than the logged config could ever have asked for by then: dynamic
 * allocation's target never exceeds max(initial, min(maxExecutors, max(minExecutors, the
 * executors the outstanding tasks fill)))). Returns the warning, or undefined.
 */
export function contradictionWarning(p: {
  readonly facts: ConfFacts;
  readonly timeline: readonly ExecutorCountPoint[];
  readonly demand: readonly DemandPoint[];
}): string | undefined {
  const f = p.facts;
  if (!f.dynamicAllocation) return undefined;
  let d = 0;
  let peakTasks = 0;
  let first: { timeMs: number; alive: number; bound: number } | undefined;
  let most = 0;
  for (const point of p.timeline) {
    while (d < p.demand.length && p.demand[d]!.timeMs <= point.timeMs) peakTasks = p.demand[d++]!.peakOutstandingTasks;
    const needed = Math.min(f.maxExecutors, Math.max(f.minExecutors, Math.ceil(peakTasks / f.tasksPerExecutor)));
    const bound = Math.max(f.initialExecutors, needed);
    if (point.runningExecutors > bound) {
      first ??= { timeMs: point.timeMs, alive: point.runningExecutors, bound };
      most = Math.max(most, point.runningExecutors);
    }
  }
  if (first === undefined) return undefined;
  return (
    `the log contradicts its own config: ${first.alive} executors were alive at ${seconds(first.timeMs)} (up to ${most} later), ` +
    `but the logged settings could have asked for at most ${first.bound} by then (initial ${f.initialExecutors}, min ${f.minExecutors}, ` +
    `${peakTasksAt(p.demand, first.timeMs)} outstanding task(s) at ${f.tasksPerExecutor} per executor). A setting the log does not record ` +
    `(a platform default) would explain it: spark.dynamicAllocation.initialExecutors=${most}. The replay keeps the logged config; ` +
    `try --conf spark.dynamicAllocation.initialExecutors=${most}`
  );
}

function peakTasksAt(demand: readonly DemandPoint[], timeMs: number): number {
  let n = 0;
  for (const d of demand) if (d.timeMs <= timeMs) n = d.peakOutstandingTasks;
  return n;
}

export interface ClusterEstimateInput {
  readonly manager: { manager: ClusterManagerKind; evidence: string };
  readonly facts: ConfFacts;
  readonly localMode: boolean;
  readonly executors: readonly ObservedExecutor[];
  readonly timeline: readonly ExecutorCountPoint[];
  readonly episodes: readonly BacklogEpisode[];
  readonly demand: readonly DemandPoint[];
  readonly lastTaskEndMs: ReadonlyMap<string, number>;
  /** Resource profiles the log uses: with more than one, each asks for its own executors and the one-pool bound does not hold. */
  readonly resourceProfiles: number;
}

/** The cluster-side estimates, each with the evidence it came from. */
export interface ClusterEstimates {
  readonly manager: ClusterManagerKind;
  /** Request-to-registration latency of executors dynamic allocation asked for; undefined when none can be measured. */
  readonly requestLatencyMs: number | undefined;
  readonly requestSamples: readonly { requestMs: number; registeredMs: number }[];
  /** YARN: ask to container in the AM's hands with the default heartbeat (subtracted to get the launch latency). */
  readonly containerArrivalMs: number;
  readonly executorRemovalMs: number;
  readonly removalSamplesMs: readonly number[];
  readonly hostPeaks: readonly { host: string; peak: number }[];
  readonly warning: string | undefined;
  /** One line per estimate, with its evidence. */
  readonly lines: readonly string[];
}

export function estimateCluster(p: ClusterEstimateInput): ClusterEstimates {
  const lines = [p.manager.evidence];
  const f = p.facts;
  const samples =
    p.localMode || !f.dynamicAllocation
      ? []
      : requestLatencySamples({
          episodes: p.episodes,
          registrationsMs: p.executors.map((e) => e.addedMs),
          schedulerBacklogTimeoutMs: f.schedulerBacklogTimeoutMs,
          initialExecutors: f.initialExecutors,
        });
  const requestLatencyMs = samples.length > 0 ? Math.max(0, median(samples.map((s) => s.registeredMs - s.requestMs))) : undefined;
  if (requestLatencyMs !== undefined) {
    lines.push(
      `start-up of requested executors ${seconds(requestLatencyMs)}: median of ${samples.length} request(s) reconstructed from backlogs ` +
        `(backlog + schedulerBacklogTimeout -> first registration: ${samples.map((s) => `${seconds(s.requestMs)} -> ${seconds(s.registeredMs)}`).slice(0, 4).join(", ")})`,
    );
  }
  const arrival =
    p.manager.manager === "yarn"
      ? containerArrivalMs({ heartbeatIntervalMs: f.yarnHeartbeatIntervalMs, initialAllocationIntervalMs: f.yarnInitialAllocationIntervalMs, containerAllocationMs: DEFAULT_YARN.containerAllocationMs })
      : 0;
  const removals = removalLatencySamples({ executors: p.executors, lastTaskEndMs: p.lastTaskEndMs, executorIdleTimeoutMs: f.executorIdleTimeoutMs });
  const executorRemovalMs = removals.length > 0 ? median(removals) : 0;
  if (removals.length > 0) {
    lines.push(
      `kill-to-removed latency ${seconds(executorRemovalMs)}: median of ${removals.length} executor(s) released as idle ` +
        `(removal - last task end - executorIdleTimeout ${seconds(f.executorIdleTimeoutMs)}: ${list([...removals].sort((a, b) => a - b))})`,
    );
  } else {
    const why = p.manager.manager === "kubernetes" ? "Spark removes a killed pod's executor at once; pod termination is not in the log" : "no executor was released as idle";
    lines.push(`kill-to-removed latency 0.0 s: ${why} (set --executor-removal-ms)`);
  }
  const peaks = hostPeaks(p.executors);
  if (peaks.length > 0) {
    const top = peaks.slice(0, 3).map((h) => `${h.host}: ${h.peak}`).join(", ");
    lines.push(`per-host peak executors (a capacity hint, not applied): ${peaks.length} host(s), at most ${peaks[0]!.peak} on one (${top}); set --max-containers to cap`);
  }
  const warning = p.localMode || p.resourceProfiles > 1 ? undefined : contradictionWarning({ facts: f, timeline: p.timeline, demand: p.demand });
  if (p.resourceProfiles > 1) lines.push(`config contradiction check skipped: ${p.resourceProfiles} resource profiles each ask for their own executors`);
  return { manager: p.manager.manager, requestLatencyMs, requestSamples: samples, containerArrivalMs: arrival, executorRemovalMs, removalSamplesMs: removals, hostPeaks: peaks, warning, lines };
}
