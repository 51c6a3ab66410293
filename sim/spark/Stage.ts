import type { StageSpec } from "../scenario/Scenario.js";
import type { MapOutputTracker } from "./MapOutputTracker.js";
import type { TaskSetManager } from "./TaskSchedulerImpl.js";

/**
 * A stage of the workload's graph (Spark's `ShuffleMapStage` when it writes a shuffle, else a
 * `ResultStage`), with its attempts' state.
 */
export class Stage {
  readonly parents: Stage[] = [];
  /** Per-partition task durations, drawn on first submission. */
  durations: Float64Array | undefined;
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

  get isShuffleMap(): boolean {
    return this.spec.shuffleId !== undefined;
  }

  /**
   * `findMissingPartitions`: a shuffle map stage's partitions without map output (registering
   * the shuffle on its first attempt); a result stage's partitions no attempt has computed.
   */
  findMissingPartitions(mapOutputs: MapOutputTracker): Int32Array {
    const spec = this.spec;
    if (spec.shuffleId !== undefined) {
      mapOutputs.registerShuffle(spec.shuffleId, spec.tasks);
      return Int32Array.from(mapOutputs.missingPartitions(spec.shuffleId));
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
