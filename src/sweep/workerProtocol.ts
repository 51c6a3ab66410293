import type { Scenario } from "../../sim/index.js";
import type { ClaimableRun } from "./runClaimed.js";
import type { RunQueueData } from "./RunQueue.js";

/** A worker's `workerData`: everything, once; the worker then claims runs from the shared queue. */
export interface WorkerInput {
  readonly scenario: Scenario;
  /** Every run's seed and resolved conf (`validateGrid`), by run index. */
  readonly runs: readonly ClaimableRun[];
  readonly queue: RunQueueData;
  /** `RunResults.data`: shared, the worker writes the metrics of its runs there. */
  readonly results: Float64Array;
}

/**
 * A worker's message per run it finished: the run's index, its metrics being in the shared
 * results; or what the engine threw (errors do not cross threads as objects: their message does).
 */
export interface WorkerReply {
  readonly run: number;
  readonly error?: string;
}
