import type { SeededRandom } from "../core/random.js";
import { drawsRandomly, NO_DRAWS, sampleDurations, type TaskDurationCache } from "../scenario/durations.js";
import type { StageSpec } from "../scenario/Scenario.js";
import type { MapOutputTracker } from "./MapOutputTracker.js";
import type { TaskSetManager } from "./TaskSchedulerImpl.js";

/**
 * 1 at each of `partitions`, of `tasks`. A function of its own, with nothing but the loop, so
 * V8's on-stack replacement code for the loop (cached, entered again at every stage submission)
 * has nothing after it to deoptimise on: in `submitMissingTasks` it embedded the first run's
 * hook closures, and in `markPending` it stopped at the field stores after the loop, which it
 * had compiled before they first ran, once per stage of every run (bench/measures/sweep.mjs).
 */
function pendingMask(tasks: number, partitions: Int32Array): Uint8Array {
  const pending = new Uint8Array(tasks);
  for (let i = 0; i < partitions.length; i++) pending[partitions[i]!] = 1;
  return pending;
}

/**
 * A stage of the workload's graph (Spark's `ShuffleMapStage` when it writes a shuffle, else a
 * `ResultStage`), with its attempts' state.
 */
export class Stage {
  readonly parents: Stage[] = [];
  /** Per-partition task durations, drawn on first submission. */
  durations: Float64Array | undefined;
  /** Per partition, the slowdown of its first attempt (1, or the stragglers' factor); consumed at that launch. */
  stragglerFactors: Float64Array | undefined;
  attempts = 0;
  running: TaskSetManager | undefined;
  /** `pendingPartitions` of the running attempt: 1 = not yet computed by any attempt. */
  pending: Uint8Array | undefined;
  pendingCount = 0;
  /** Result stages: partitions computed (`ActiveJob.finished`), over all attempts. */
  resultDone: Uint8Array | undefined;
  waiting = false;
  /** Job that asked for this stage while it waited (its FIFO priority). */
  waitingForJobId = 0;
  /** Jobs for which this is a final stage. */
  readonly finalFor = new Set<ActiveJob>();

  constructor(readonly spec: StageSpec) {}

  /**
   * On first submission: the per-partition durations (reused from `cache` when an earlier run
   * of the same seed drew them) and the stragglers, each from its own seeded stream.
   */
  drawDurations(random: SeededRandom, cache: TaskDurationCache | undefined): void {
    if (this.durations !== undefined) return;
    const spec = this.spec;
    const key = `${String(random.seed)}/${spec.id}`;
    // A replayed workload lists every task's duration: no stream (seeding one per stage cost more than the copy).
    const durations = spec.taskDurationMs;
    const drawn = cache?.get(key) ?? sampleDurations(durations, spec.tasks, drawsRandomly(durations) ? random.stream("taskDurationMs", spec.id) : NO_DRAWS);
    cache?.set(key, drawn);
    this.durations = drawn;
    const stragglers = spec.stragglers;
    if (stragglers === undefined || stragglers.factor === 1) return;
    const count = Math.round(stragglers.fraction * spec.tasks);
    if (count === 0) return;
    // A partial Fisher-Yates shuffle picks `count` partitions.
    const order = Int32Array.from({ length: spec.tasks }, (_, i) => i);
    const stream = random.stream("stragglers", spec.id);
    this.stragglerFactors = new Float64Array(spec.tasks).fill(1);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(stream.next() * (spec.tasks - i));
      const chosen = order[j]!;
      order[j] = order[i]!;
      order[i] = chosen;
      this.stragglerFactors[chosen] = stragglers.factor;
    }
  }

  get isShuffleMap(): boolean {
    return this.spec.shuffleId !== undefined;
  }

  /** The running attempt's pending partitions: `partitions`. */
  markPending(partitions: Int32Array): void {
    this.pending = pendingMask(this.spec.tasks, partitions);
    this.pendingCount = partitions.length;
  }

  /**
   * `findMissingPartitions`: a shuffle map stage's partitions without map output (registering
   * the shuffle on its first attempt); a result stage's partitions no attempt has computed.
   */
  findMissingPartitions(mapOutputs: MapOutputTracker): Int32Array {
    const spec = this.spec;
    if (spec.shuffleId !== undefined) {
      mapOutputs.registerShuffle(spec.shuffleId, spec.tasks);
      return mapOutputs.missingPartitions(spec.shuffleId);
    }
    if (this.resultDone !== undefined) {
      const missing: number[] = [];
      for (let i = 0; i < spec.tasks; i++) if (this.resultDone[i] === 0) missing.push(i);
      return Int32Array.from(missing);
    }
    this.resultDone = new Uint8Array(spec.tasks);
    const partitions = new Int32Array(spec.tasks);
    for (let i = 0; i < spec.tasks; i++) partitions[i] = i;
    return partitions;
  }
}

/** A submitted job (`ActiveJob`): its final stages still to complete. */
export interface ActiveJob {
  readonly jobId: number;
  readonly jobIndex: number;
  pendingFinalStages: number;
}

/** The duration of an attempt of `partition` launched now: a straggler's first attempt is slowed; copies and retries are not. */
export function attemptDurationMs(ts: TaskSetManager, partition: number): number {
  const base = ts.durationsByPartition[partition]!;
  const factors = ts.nextAttemptFactor;
  const factor = factors === undefined ? 1 : factors[partition]!;
  if (factor === 1) return base;
  factors![partition] = 1;
  return Math.round(base * factor);
}

/** A set of stages and all their ancestors, sorted by stage id. */
export function lineageOf(stages: readonly Stage[]): Stage[] {
  const seen = new Set<Stage>();
  const stack = [...stages];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    stack.push(...s.parents);
  }
  return [...seen].sort((a, b) => a.spec.id - b.spec.id);
}
