import { forEachEvent } from "./EventLog.js";
import type { SimulationResult } from "./SimulationResult.js";

/**
 * What decommissioning did in a run: executors decommissioned, blocks migrated, and Spark's
 * SPARK-33763 removal counters (`ExecutorAllocationManagerSource`) as the allocation manager's
 * monitor increments them: an executor the manager decommissioned is gracefully decommissioned
 * when it exited once done and unfinished otherwise; one it killed is driver-killed; any other
 * (a loss, a decommission by a notice the manager never saw) exited unexpectedly. Removals at
 * the application's end are not counted.
 */
export interface DecommissionSummary {
  readonly executorsDecommissioned: number;
  /** Of those, decommissioned by a loss's notice. */
  readonly decommissionedByNotice: number;
  readonly shuffleBlocksMigrated: number;
  /** Of those, to the fallback storage. */
  readonly shuffleBlocksToFallbackStorage: number;
  readonly rddBlocksMigrated: number;
  readonly gracefullyDecommissioned: number;
  readonly decommissionUnfinished: number;
  readonly driverKilled: number;
  readonly exitedUnexpectedly: number;
}

export function summarizeDecommission(result: SimulationResult): DecommissionSummary {
  const scaledDown = new Set<string>();
  const c = {
    executorsDecommissioned: 0,
    decommissionedByNotice: 0,
    shuffleBlocksMigrated: 0,
    shuffleBlocksToFallbackStorage: 0,
    rddBlocksMigrated: 0,
    gracefullyDecommissioned: 0,
    decommissionUnfinished: 0,
    driverKilled: 0,
    exitedUnexpectedly: 0,
  };
  forEachEvent(result, (e) => {
    if (e.type === "executorDecommissioned") {
      c.executorsDecommissioned++;
      if (e.trigger === "notice") c.decommissionedByNotice++;
      else scaledDown.add(e.executorId);
    } else if (e.type === "blockMigrated") {
      if (e.block === "rdd") c.rddBlocksMigrated++;
      else {
        c.shuffleBlocksMigrated++;
        if (e.to === "fallback") c.shuffleBlocksToFallbackStorage++;
      }
    } else if (e.type === "executorRemoved" && e.reason !== "application-end") {
      if (scaledDown.has(e.executorId)) {
        if (e.decommission === "finished") c.gracefullyDecommissioned++;
        else c.decommissionUnfinished++;
      } else if (e.reason === "executor-lost") c.exitedUnexpectedly++;
      else c.driverKilled++;
    }
  });
  return c;
}
