import type { Scenario } from "../../sim/index.js";
import type { ClaimableRun, RunOutcome } from "./runClaimed.js";
import type { RunQueueData } from "./RunQueue.js";

/** A worker's `workerData`: everything, once; the worker then claims runs from the shared queue. */
export interface WorkerInput {
  readonly scenario: Scenario;
  /** Every run's seed and resolved conf (`validateGrid`), by run index. */
  readonly runs: readonly ClaimableRun[];
  readonly queue: RunQueueData;
}

/** A worker's message per run it finished (errors do not cross threads as objects: their message does). */
export type WorkerReply = { readonly run: number } & RunOutcome;
