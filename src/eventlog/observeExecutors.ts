/**
 * What actually happened to the executors of one logged application: each
 * executor's life and why it ended, the executor-count timeline, and the
 * totals a DRA preview is compared against. Pure: events in, figures out.
 * Times are integer ms relative to SparkListenerApplicationStart.
 */
import type { SparkEvent, SparkListenerExecutorAdded } from "./events.js";
import { isDriverExecutorId } from "./events.js";

/**
 * - `idle-release`: the driver asked for the executor to go (DRA idle timeout);
 * - `failure`: the executor was lost (container failed, process lost, worker lost, ...);
 * - `application-end`: still alive when the application ended.
 */
export type ExecutorRemovalKind = "idle-release" | "failure" | "application-end";

export interface ObservedExecutor {
  readonly executorId: string;
  readonly host: string;
  readonly totalCores: number;
  readonly resourceProfileId: number;
  readonly addedMs: number;
  /** Removal time, or the application end when never removed. */
  readonly removedMs: number;
  /** `Removed Reason`; undefined when the executor lived to the end. */
  readonly removalReason: string | undefined;
  readonly removal: ExecutorRemovalKind;
}

export interface ExecutorCountPoint {
  readonly timeMs: number;
  readonly runningExecutors: number;
}

export interface ObservedExecutors {
  readonly appId: string | undefined;
  readonly sparkVersion: string | undefined;
  readonly appStartEpochMs: number;
  readonly appEndEpochMs: number;
  /** Where the end came from: SparkListenerApplicationEnd, or the last timestamp of a cut log. */
  readonly appEndSource: "application-end" | "last-timestamp";
  readonly runTimeMs: number;
  /** False for local-mode logs, which only know the driver. */
  readonly hadExecutors: boolean;
  /** Sorted by executor id (numerically when both ids are numbers). */
  readonly executors: readonly ObservedExecutor[];
  /** Starts at `{ timeMs: 0, runningExecutors: 0 }` unless executors exist at 0; one point per change. */
  readonly timeline: readonly ExecutorCountPoint[];
  readonly peakExecutors: number;
  readonly executorSeconds: number;
  readonly coreSeconds: number;
  readonly removals: Readonly<Record<ExecutorRemovalKind, number>>;
}

// YARN's text for a container the driver released (1.6-3.1), and the driver's own
// ExecutorKilled message (3.x): both are what DRA's idle-timeout kill looks like.
const IDLE_RELEASE_PATTERNS: readonly RegExp[] = [/exited from explicit termination request/i, /killed by driver/i];

export function classifyRemovalReason(reason: string): Exclude<ExecutorRemovalKind, "application-end"> {
  return IDLE_RELEASE_PATTERNS.some((p) => p.test(reason)) ? "idle-release" : "failure";
}

/** The latest epoch-ms time an event carries, if any. */
export function latestTimestampMs(event: SparkEvent): number | undefined {
  switch (event.event) {
    case "SparkListenerApplicationStart":
    case "SparkListenerApplicationEnd":
    case "SparkListenerExecutorAdded":
    case "SparkListenerExecutorRemoved":
      return event.timestampMs;
    case "SparkListenerBlockManagerAdded":
    case "SparkListenerBlockManagerRemoved":
      return event.timestampMs;
    case "SparkListenerJobStart":
      return event.submissionTimeMs;
    case "SparkListenerJobEnd":
      return event.completionTimeMs;
    case "SparkListenerStageSubmitted":
    case "SparkListenerStageCompleted":
      return event.stageInfo.completionTimeMs ?? event.stageInfo.submissionTimeMs;
    case "SparkListenerTaskStart":
      return event.task.launchTimeMs;
    case "SparkListenerTaskEnd":
      return event.task.finishTimeMs;
    case "SparkListenerLogStart":
    case "SparkListenerEnvironmentUpdate":
    case "SparkListenerResourceProfileAdded":
    case "SparkListenerUnpersistRDD":
    case "SparkListenerBlockUpdated":
      return undefined;
  }
}

function compareExecutorIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Feed decoded events in log order with `add`, then call `result`. Keeps one record per executor. */
export class ExecutorObserver {
  private appId: string | undefined;
  private sparkVersion: string | undefined;
  private appStartMs: number | undefined;
  private appEndMs: number | undefined;
  private earliestMs = Infinity;
  private latestMs = -Infinity;

  /** The latest event time seen so far (epoch ms, -Infinity before any): `latestTimestampMs`'s running maximum. */
  get latestEpochMs(): number {
    return this.latestMs;
  }
  /**
   * What the result reads of each ExecutorAdded (not the event: its source, container id and
   * host copy), in columns by the order the executors were added, not an object and a boxed
   * time per executor: the position of each executor id, then its fields.
   */
  private readonly added = new Map<string, number>();
  private readonly addedIds: string[] = [];
  private readonly addedHosts: string[] = [];
  private readonly addedCores: number[] = [];
  private readonly addedProfiles: number[] = [];
  /** Numbers only: V8 keeps them unboxed, 8 bytes each. */
  private readonly addedEpochMs: number[] = [];
  /** `Removed Reason` and time of each executor's first ExecutorRemoved. */
  private readonly removed = new Map<string, { readonly timestampMs: number; readonly reason: string }>();
  /** One string per host name: a log repeats each host for every executor placed on it. */
  private readonly hosts = new Map<string, string>();

  add(event: SparkEvent): void {
    const t = latestTimestampMs(event);
    if (t !== undefined) {
      if (t < this.earliestMs) this.earliestMs = t;
      if (t > this.latestMs) this.latestMs = t;
    }
    switch (event.event) {
      case "SparkListenerLogStart":
        this.sparkVersion ??= event.sparkVersion;
        return;
      case "SparkListenerApplicationStart":
        this.appStartMs ??= event.timestampMs;
        this.appId ??= event.appId;
        return;
      case "SparkListenerApplicationEnd":
        this.appEndMs = event.timestampMs;
        return;
      case "SparkListenerExecutorAdded":
        // Executor ids are never reused within an app; a repeated add is a duplicate line.
        if (!isDriverExecutorId(event.executorId) && !this.added.has(event.executorId)) this.addExecutor(event);
        return;
      case "SparkListenerExecutorRemoved":
        if (this.added.has(event.executorId) && !this.removed.has(event.executorId)) {
          this.removed.set(event.executorId, { timestampMs: event.timestampMs, reason: event.reason });
        }
        return;
      default:
        return;
    }
  }

  private addExecutor(event: SparkListenerExecutorAdded): void {
    let host = this.hosts.get(event.host);
    if (host === undefined) this.hosts.set(event.host, (host = event.host));
    this.added.set(event.executorId, this.addedIds.length);
    this.addedIds.push(event.executorId);
    this.addedHosts.push(host);
    this.addedCores.push(event.totalCores);
    this.addedProfiles.push(event.resourceProfileId);
    this.addedEpochMs.push(event.timestampMs);
  }

  result(): ObservedExecutors {
    const start = this.appStartMs ?? (Number.isFinite(this.earliestMs) ? this.earliestMs : 0);
    const endSource = this.appEndMs === undefined ? "last-timestamp" : "application-end";
    const end = Math.max(start, this.appEndMs ?? (Number.isFinite(this.latestMs) ? this.latestMs : start));
    const runTimeMs = end - start;
    // Clock skew can put an executor event a few ms outside the app's span; clamp into it.
    const relative = (epochMs: number, min: number): number => Math.min(runTimeMs, Math.max(min, epochMs - start));

    const executors: ObservedExecutor[] = [];
    for (let i = 0; i < this.addedIds.length; i++) {
      const executorId = this.addedIds[i]!;
      const rem = this.removed.get(executorId);
      const addedMs = relative(this.addedEpochMs[i]!, 0);
      executors.push({
        executorId,
        host: this.addedHosts[i]!,
        totalCores: this.addedCores[i]!,
        resourceProfileId: this.addedProfiles[i]!,
        addedMs,
        removedMs: rem === undefined ? runTimeMs : relative(rem.timestampMs, addedMs),
        removalReason: rem?.reason,
        removal: rem === undefined ? "application-end" : classifyRemovalReason(rem.reason),
      });
    }
    executors.sort((a, b) => compareExecutorIds(a.executorId, b.executorId));

    const removals: Record<ExecutorRemovalKind, number> = { "idle-release": 0, failure: 0, "application-end": 0 };
    let executorMs = 0;
    let coreMs = 0;
    for (const e of executors) {
      removals[e.removal] += 1;
      executorMs += e.removedMs - e.addedMs;
      coreMs += (e.removedMs - e.addedMs) * e.totalCores;
    }
    const { timeline, peak } = countTimeline(executors);
    return {
      appId: this.appId,
      sparkVersion: this.sparkVersion,
      appStartEpochMs: start,
      appEndEpochMs: end,
      appEndSource: endSource,
      runTimeMs,
      hadExecutors: executors.length > 0,
      executors,
      timeline,
      peakExecutors: peak,
      executorSeconds: executorMs / 1000,
      coreSeconds: coreMs / 1000,
      removals,
    };
  }
}

/** Change points of the running count; changes at the same ms are applied together. */
function countTimeline(executors: readonly ObservedExecutor[]): { timeline: ExecutorCountPoint[]; peak: number } {
  const changes: { timeMs: number; delta: number }[] = [];
  for (const e of executors) {
    changes.push({ timeMs: e.addedMs, delta: 1 });
    if (e.removal !== "application-end") changes.push({ timeMs: e.removedMs, delta: -1 });
  }
  changes.sort((a, b) => a.timeMs - b.timeMs);
  const timeline: ExecutorCountPoint[] = [{ timeMs: 0, runningExecutors: 0 }];
  let running = 0;
  let peak = 0;
  for (let i = 0; i < changes.length; ) {
    const timeMs = changes[i]!.timeMs;
    for (; i < changes.length && changes[i]!.timeMs === timeMs; i++) running += changes[i]!.delta;
    peak = Math.max(peak, running);
    const last = timeline[timeline.length - 1]!;
    if (last.timeMs === timeMs) timeline[timeline.length - 1] = { timeMs, runningExecutors: running };
    else if (last.runningExecutors !== running) timeline.push({ timeMs, runningExecutors: running });
  }
  return { timeline, peak };
}

export function observeExecutors(events: Iterable<SparkEvent>): ObservedExecutors {
  const observer = new ExecutorObserver();
  for (const event of events) observer.add(event);
  return observer.result();
}
