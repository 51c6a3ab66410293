import type { RunMetrics } from "./runPoint.js";

/** One run, as sent to a worker. */
export interface WorkerTask {
  readonly taskId: number;
  readonly seed: number;
  readonly overrides: Readonly<Record<string, string>>;
}

/** A worker's answer: the metrics, or the error the run threw (errors do not cross threads as objects). */
export type WorkerReply =
  | { readonly taskId: number; readonly metrics: RunMetrics }
  | { readonly taskId: number; readonly error: { readonly name: string; readonly message: string } };
