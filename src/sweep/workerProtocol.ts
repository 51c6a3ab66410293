import type { SparkConf } from "../../sim/index.js";
import type { RunMetrics } from "./runPoint.js";

/** One run, as sent to a worker: the conf already resolved (the scenario went once, as workerData). */
export interface WorkerTask {
  readonly taskId: number;
  readonly seed: number;
  readonly conf: SparkConf;
}

/** A worker's answer: the metrics, or the error the run threw (errors do not cross threads as objects). */
export type WorkerReply =
  | { readonly taskId: number; readonly metrics: RunMetrics }
  | { readonly taskId: number; readonly error: { readonly name: string; readonly message: string } };
