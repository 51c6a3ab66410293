import { parseDouble, parseInt32, parseMebibytes } from "../../sim/conf/values.js";

/** What the driver pod is sized at: it runs from application start to end, whatever the executors do. */
export interface DriverResources {
  readonly cores: number;
  /** Heap plus overhead, as the pod (or YARN container) is requested. */
  readonly containerMemoryMiB: number;
}

export type DriverResourcesResult =
  | { readonly ok: true; readonly value: DriverResources }
  | { readonly ok: false; readonly messages: readonly string[] };

/** `ResourceProfile.MEMORY_OVERHEAD_MIN_MIB`: the floor of the default overhead. */
const MIN_OVERHEAD_MIB = 384;

/**
 * Reads the driver's size from the raw conf with Spark's value syntax: `spark.driver.cores`
 * (default 1), `spark.driver.memory` (default 1g), and the overhead `spark.driver.memoryOverhead`,
 * which defaults to max(384 MiB, `spark.driver.memoryOverheadFactor` (0.1) x memory), as
 * `BasicDriverFeatureStep` and YARN's `Client` size the driver container. The engine's
 * registry does not hold these keys (the model has no driver resources), hence read here.
 */
export function readDriverResources(raw: Readonly<Record<string, string>>): DriverResourcesResult {
  const messages: string[] = [];
  let cores = 1;
  let memoryMiB = 1024;
  let overheadMiB: number | undefined;
  let factor = 0.1;

  const coresText = raw["spark.driver.cores"];
  if (coresText !== undefined) {
    const r = parseInt32("spark.driver.cores", coresText);
    if (!r.ok) messages.push(`java.lang.IllegalArgumentException: ${r.message}`);
    else if (r.value <= 0) messages.push(`spark.driver.cores=${coresText}: the driver needs at least one core`);
    else cores = r.value;
  }
  const memoryText = raw["spark.driver.memory"];
  if (memoryText !== undefined) {
    const r = parseMebibytes(memoryText);
    if (!r.ok) messages.push(`java.lang.NumberFormatException: ${r.message}`);
    else memoryMiB = r.value;
  }
  const overheadText = raw["spark.driver.memoryOverhead"];
  if (overheadText !== undefined) {
    const r = parseMebibytes(overheadText);
    if (!r.ok) messages.push(`java.lang.NumberFormatException: ${r.message}`);
    else overheadMiB = r.value;
  }
  const factorText = raw["spark.driver.memoryOverheadFactor"];
  if (factorText !== undefined) {
    const r = parseDouble("spark.driver.memoryOverheadFactor", factorText);
    if (!r.ok) messages.push(`java.lang.IllegalArgumentException: ${r.message}`);
    // Spark's checkValue on DRIVER_MEMORY_OVERHEAD_FACTOR.
    else if (!(r.value > 0)) messages.push(`java.lang.IllegalArgumentException: '${r.value}' in spark.driver.memoryOverheadFactor is invalid. Ensure that memory overhead is a double greater than 0`);
    else factor = r.value;
  }
  if (messages.length > 0) return { ok: false, messages };
  const overhead = overheadMiB ?? Math.max(MIN_OVERHEAD_MIB, Math.floor(factor * memoryMiB));
  return { ok: true, value: { cores, containerMemoryMiB: memoryMiB + overhead } };
}
