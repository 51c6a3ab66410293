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
  if (idleStartMs < 0) return { deadlineMs: Infinity, reason: "idle-timeout" };
  let timeout: number;
  let reason: TimeoutReason;
  if (t.timeoutIsMaxOfApplicable) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : 0;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : 0;
    timeout = Math.max(cache, shuffle, t.executorIdleTimeoutMs);
    // Name the data kind whose timeout decided the deadline; the plain idle timeout otherwise.
    reason =
      hasCachedBlocks && cache === timeout && cache > t.executorIdleTimeoutMs
        ? "cached-idle-timeout"
        : hasShuffleData && shuffle === timeout && shuffle > t.executorIdleTimeoutMs
          ? "shuffle-idle-timeout"
          : "idle-timeout";
  } else if (hasCachedBlocks || hasShuffleData) {
    const cache = hasCachedBlocks ? t.cachedExecutorIdleTimeoutMs : Infinity;
    const shuffle = hasShuffleData ? t.shuffleTrackingTimeoutMs : Infinity;
    timeout = Math.min(cache, shuffle);
    reason = hasCachedBlocks && cache === timeout ? "cached-idle-timeout" : "shuffle-idle-timeout";
  } else {
    timeout = t.executorIdleTimeoutMs;
    reason = "idle-timeout";
  }
  return { deadlineMs: idleStartMs + timeout, reason };
}
