import type { ExecutorRemovalReason } from "../result/ExecutorRemovalReason.js";
import type { DecommissionStep } from "./ExecutorDecommissioner.js";
import type { ScheduledLoss } from "./ExecutorLosses.js";
import type { RunningTask } from "./RunningTask.js";

/**
 * What goes on the application's event queue: a task end (its row, a number), an executor's
 * registration (its id, a string), or an event `SparkApplication.dispatch` switches on by `type`.
 * The two commonest are no object of their own: tens of thousands of executors register in a run.
 */
export type AppEvent =
  | RunningTask
  | ExecutorRegistration
  | { readonly type: "driverReady" }
  | { readonly type: "submitJob"; readonly jobIndex: number }
  | { readonly type: "unpersist"; readonly rddId: number }
  | { readonly type: "periodicGC" }
  | { readonly type: "applicationEnd" }
  | { readonly type: "podAllocationRound"; readonly periodic: boolean }
  | { readonly type: "yarnHeartbeat" }
  | { readonly type: "nodeChange"; readonly kind: "up" | "down" }
  | ExecutorStopped
  | { readonly type: "allocationTick" }
  | { readonly type: "executorLost"; readonly loss: ScheduledLoss }
  | { readonly type: "resubmitFailedStages" }
  | { readonly type: "speculationCheck" }
  | { readonly type: "decommission"; readonly step: DecommissionStep }
  | { readonly type: "reviveOffers" };

/** A killed executor's container or pod is gone, after the removal latency. */
export interface ExecutorStopped {
  readonly type: "executorStopped";
  readonly executorId: string;
  /** The driver still tracks it (YARN, generic) and posts ExecutorRemoved now; Kubernetes removed it at the kill. */
  readonly driverTracks: boolean;
  readonly reason: ExecutorRemovalReason;
  readonly idleSinceMs: number | undefined;
  readonly killedAtMs: number;
}

/** A requested executor registers (`RegisterExecutor`): the payload is its id. */
export type ExecutorRegistration = string;
