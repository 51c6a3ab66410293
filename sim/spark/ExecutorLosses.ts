import type { RandomStream, SeededRandom } from "../core/random.js";
import type { ExecutorLossCause, ExecutorLossSpec } from "../scenario/Scenario.js";

/**
 * One loss to put on the queue: an executor (or `count` live ones) lost at a time; or, with
 * `lossAtMs`, the notice of that loss at `atMs` (decommissioning on), the loss following at `lossAtMs`.
 */
export type ScheduledLoss = (
  | { readonly atMs: number; readonly executorId: string; readonly cause: ExecutorLossCause }
  | { readonly atMs: number; readonly count: number; readonly specIndex: number; readonly cause: ExecutorLossCause }
) & { readonly lossAtMs?: number };

const MS_PER_HOUR = 3_600_000;

/**
 * The scenario's executor losses (spot interruptions, node failures, executors that die)
 * turned into times: fixed ones at start, per-executor ones when each executor registers.
 * Every draw comes from a substream named after the spec and the executor, so a loss spec
 * never shifts another draw.
 */
export class ExecutorLosses {
  constructor(
    private readonly specs: readonly ExecutorLossSpec[],
    private readonly random: SeededRandom,
    /** `spark.decommission.enabled` (3.1+): a loss's notice decommissions the executor; without it a notice changes nothing. */
    private readonly decommission = false,
  ) {}

  /** The loss, or its notice `noticeMs` before it (not before `fromMs`) when the spec gives one and decommissioning is on. */
  private withNotice(loss: ScheduledLoss, spec: ExecutorLossSpec, fromMs: number): ScheduledLoss {
    const noticeMs = spec.noticeMs ?? 0;
    if (!this.decommission || noticeMs <= 0) return loss;
    return { ...loss, atMs: Math.max(fromMs, loss.atMs - noticeMs), lossAtMs: loss.atMs };
  }

  get any(): boolean {
    return this.specs.length > 0;
  }

  /** Losses known at application start. */
  atStart(): ScheduledLoss[] {
    const out: ScheduledLoss[] = [];
    this.specs.forEach((s, specIndex) => {
      if ("atMs" in s && "executorId" in s && !("afterAddedMs" in s)) out.push(this.withNotice({ atMs: s.atMs, executorId: s.executorId, cause: s.cause }, s, 0));
      else if ("count" in s) out.push(this.withNotice({ atMs: s.atMs, count: s.count, specIndex, cause: s.cause }, s, 0));
    });
    return out;
  }

  /** Losses of an executor that registered at `addedMs`. */
  onExecutorAdded(executorId: string, addedMs: number): ScheduledLoss[] {
    const out: ScheduledLoss[] = [];
    this.specs.forEach((s, specIndex) => {
      if ("afterAddedMs" in s) {
        if (s.executorId === executorId) out.push(this.withNotice({ atMs: Math.max(s.atMs ?? 0, addedMs + s.afterAddedMs), executorId, cause: s.cause }, s, addedMs));
      } else if ("ratePerExecutorHour" in s) {
        const from = Math.max(addedMs, s.fromMs ?? 0);
        const until = s.untilMs ?? Infinity;
        if (from >= until || s.ratePerExecutorHour <= 0) return;
        // Memoryless: the time to the first loss from `from` is exponential with mean 1/rate hours.
        const u = this.random.stream("executorLoss", specIndex, executorId).next();
        const atMs = from + Math.ceil((-Math.log(1 - u) * MS_PER_HOUR) / s.ratePerExecutorHour);
        if (atMs < until) out.push(this.withNotice({ atMs, executorId, cause: s.cause }, s, addedMs));
      }
    });
    return out;
  }

  /** `count` of the live executors (sorted by id as numbers), drawn without replacement. */
  choose(loss: { readonly count: number; readonly specIndex: number; readonly atMs: number }, liveIds: readonly string[]): string[] {
    const pool = [...liveIds].sort((a, b) => Number(a) - Number(b));
    const stream: RandomStream = this.random.stream("executorLoss", loss.specIndex, "count", loss.atMs);
    const out: string[] = [];
    while (out.length < loss.count && pool.length > 0) {
      const j = Math.floor(stream.next() * pool.length);
      out.push(pool.splice(j, 1)[0]!);
    }
    return out.sort((a, b) => Number(a) - Number(b));
  }
}
