import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";

/** The timeouts that apply to an idle executor, in ms (`Infinity` = never). */
export interface TimeoutSettings {
  readonly executorIdleTimeoutMs: number;
  readonly cachedExecutorIdleTimeoutMs: number;
  readonly shuffleTrackingTimeoutMs: number;
  /** SPARK-43398 (3.3.3+, 3.4.1+): max of the applicable timeouts; before (and 3.4.0): min(cached, shuffle). */
  readonly timeoutIsMaxOfApplicable: boolean;
}

/** The timeout that removes an idle executor (every removal reason but the application's end and a loss). */
export type TimeoutReason = Exclude<ExecutorRemovalReason, "application-end" | "executor-lost">;

/**
 * `Tracker.updateTimeout`: when an idle executor times out, and which timeout decided it.
 * Deadlines count from `idleStartMs`, the moment it last went to zero running tasks.
 */
export function executorDeadline(
  idleStartMs: number,
  hasCachedBlocks: boolean,
  hasShuffleData: boolean,
  t: TimeoutSettings,
): { deadlineMs: number; reason: TimeoutReason } {
  return { deadlineMs: executorDeadlineMs(idleStartMs, hasCachedBlocks, hasShuffleData, t), reason: executorTimeoutReason(idleStartMs, hasCachedBlocks, hasShuffleData, t) };
}

/** The deadline of `executorDeadline` alone (no object: executors go idle and busy again at every task end on thousands of executors). */
export function executorDeadlineMs(idleStartMs: number, hasCachedBlocks: boolean, hasShuffleData: boolean, t: TimeoutSettings): number {
  if (idleStartMs < 0) return Infinity;
  if (t.timeoutIsMaxOfApplicable) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : 0;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : 0;
    return idleStartMs + Math.max(cache, shuffle, t.executorIdleTimeoutMs);
  }
  if (hasCachedBlocks || hasShuffleData) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : Infinity;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : Infinity;
    return idleStartMs + Math.min(cache, shuffle);
  }
  return idleStartMs + t.executorIdleTimeoutMs;
}

/** The reason of `executorDeadline` alone. */
export function executorTimeoutReason(idleStartMs: number, hasCachedBlocks: boolean, hasShuffleData: boolean, t: TimeoutSettings): TimeoutReason {
  if (idleStartMs < 0) return "idle-timeout";
  if (t.timeoutIsMaxOfApplicable) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : 0;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : 0;
    const timeout = Math.max(cache, shuffle, t.executorIdleTimeoutMs);
    // Name the data kind whose timeout decided the deadline; the plain idle timeout otherwise.
    if (hasCachedBlocks && cache === timeout && cache > t.executorIdleTimeoutMs) return "cached-idle-timeout";
    if (hasShuffleData && shuffle === timeout && shuffle > t.executorIdleTimeoutMs) return "shuffle-idle-timeout";
    return "idle-timeout";
  }
  if (hasCachedBlocks || hasShuffleData) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : Infinity;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : Infinity;
    return hasCachedBlocks && cache === Math.min(cache, shuffle) ? "cached-idle-timeout" : "shuffle-idle-timeout";
  }
  return "idle-timeout";
}
