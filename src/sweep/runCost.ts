import type { DriverResources } from "./driverResources.js";
import type { PriceModel } from "./PriceModel.js";
import type { RunMetrics } from "./runPoint.js";

/** What one run used and cost, in the units a bill uses. */
export interface RunCost {
  /** Executor cores x seconds they ran, plus the driver's cores x the run time, in hours. */
  readonly vcpuHours: number;
  /** Container memory (heap + overhead) likewise, in GiB-hours. */
  readonly memoryGibHours: number;
  readonly costUsd: number;
}

/**
 * Prices a run: executors for the time they ran (`Summary.coreSeconds`, `memoryGibSeconds`),
 * and the driver for the whole run time, so a faster run is cheaper on the driver side too.
 * Pod start-up before an executor registers and billing minimums are not counted.
 */
export function runCost(metrics: Pick<RunMetrics, "makespanMs" | "coreSeconds" | "memoryGibSeconds">, driver: DriverResources, prices: PriceModel): RunCost {
  const runHours = metrics.makespanMs / 3_600_000;
  const vcpuHours = metrics.coreSeconds / 3600 + driver.cores * runHours;
  const memoryGibHours = metrics.memoryGibSeconds / 3600 + (driver.containerMemoryMiB / 1024) * runHours;
  return { vcpuHours, memoryGibHours, costUsd: vcpuHours * prices.vcpuHourUsd + memoryGibHours * prices.gibHourUsd };
}
