import type { Scenario, SparkConf } from "../../sim/index.js";
import { resolveConf, SparkConfigError } from "../run/runScenario.js";
import { readDriverResources, type DriverResources } from "./driverResources.js";
import type { GridPoint } from "./expandGrid.js";
import type { InvalidPoint } from "./SweepError.js";

/** A point Spark would start with: the conf overrides to run it with and the driver's size. */
export interface ValidPoint extends GridPoint {
  /** The base `--conf` with the point's values on top (later wins), over the scenario's conf. */
  readonly overrides: Readonly<Record<string, string>>;
  /** The point's conf as Spark reads it (what its runs use: resolved once, here). */
  readonly conf: SparkConf;
  readonly driver: DriverResources;
  /** Whether dynamic allocation is on in the point's resolved conf. */
  readonly dynamicAllocationEnabled: boolean;
}

export interface GridWarning {
  readonly message: string;
  /** How many grid points gave it. */
  readonly points: number;
}

export interface GridValidation {
  readonly valid: readonly ValidPoint[];
  readonly invalid: readonly InvalidPoint[];
  /** Spark's warnings (logged, not fatal), each once, in first-seen order. */
  readonly warnings: readonly GridWarning[];
}

/**
 * Reads every grid point's conf as Spark would at start-up (`resolveConf`: values, range
 * checks, `validateSettings`) plus the driver's size, before anything runs, so that every
 * point Spark would refuse is reported at once rather than one failed run at a time.
 */
export function validateGrid(scenario: Scenario, points: readonly GridPoint[], baseConf: Readonly<Record<string, string>>): GridValidation {
  const valid: ValidPoint[] = [];
  const invalid: InvalidPoint[] = [];
  const warningCounts = new Map<string, number>();
  for (const point of points) {
    const overrides = { ...baseConf, ...point.values };
    const messages: string[] = [];
    let resolved: SparkConf | undefined;
    try {
      const { conf, warnings } = resolveConf(scenario, overrides);
      resolved = conf;
      for (const w of warnings) warningCounts.set(w, (warningCounts.get(w) ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof SparkConfigError)) throw e;
      messages.push(...e.lines);
    }
    const driver = readDriverResources({ ...scenario.conf, ...overrides });
    if (driver.ok && resolved !== undefined && messages.length === 0) {
      valid.push({ ...point, overrides, conf: resolved, driver: driver.value, dynamicAllocationEnabled: resolved.dynamicAllocationEnabled });
    }
    else invalid.push({ gridIndex: point.gridIndex, values: point.values, messages: driver.ok ? messages : [...messages, ...driver.messages] });
  }
  const warnings = [...warningCounts].map(([message, n]) => ({ message, points: n }));
  return { valid, invalid, warnings };
}
