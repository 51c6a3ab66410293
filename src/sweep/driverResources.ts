import { DOUBLE, INT, MEBIBYTES, type ValueSyntax } from "../../sim/index.js";

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

/** A Spark key the cost model reads, with its value syntax. */
export interface DriverKey<T> {
  readonly key: string;
  readonly syntax: ValueSyntax<T>;
}

/**
 * The driver's keys (Spark's `DRIVER_CORES`, `DRIVER_MEMORY`, `DRIVER_MEMORY_OVERHEAD`,
 * `DRIVER_MEMORY_OVERHEAD_FACTOR`): the engine's registry does not hold them (the model has
 * no driver resources), but the driver pod runs for the whole application, so its size is
 * part of every run's cost.
 */
export const DRIVER_KEYS = {
  cores: { key: "spark.driver.cores", syntax: INT },
  memory: { key: "spark.driver.memory", syntax: MEBIBYTES },
  memoryOverhead: { key: "spark.driver.memoryOverhead", syntax: MEBIBYTES },
  memoryOverheadFactor: { key: "spark.driver.memoryOverheadFactor", syntax: DOUBLE },
} as const satisfies Readonly<Record<string, DriverKey<number>>>;

/** A driver key's value, undefined when unset or unreadable (then `messages` says why, as Spark would). */
function read<T>(raw: Readonly<Record<string, string>>, k: DriverKey<T>, messages: string[]): T | undefined {
  const text = raw[k.key];
  if (text === undefined) return undefined;
  const r = k.syntax.parse(k.key, text);
  if (r.ok) return r.value;
  messages.push(`${r.exception}: ${r.message}`);
  return undefined;
}

/**
 * Reads the driver's size from the raw conf with Spark's value syntax: `spark.driver.cores`
 * (default 1), `spark.driver.memory` (default 1g), and the overhead `spark.driver.memoryOverhead`,
 * which defaults to max(384 MiB, `spark.driver.memoryOverheadFactor` (0.1) x memory), as
 * `BasicDriverFeatureStep` and YARN's `Client` size the driver container.
 */
export function readDriverResources(raw: Readonly<Record<string, string>>): DriverResourcesResult {
  const messages: string[] = [];
  const cores = read(raw, DRIVER_KEYS.cores, messages);
  if (cores !== undefined && cores <= 0) messages.push(`${DRIVER_KEYS.cores.key}=${raw[DRIVER_KEYS.cores.key]}: the driver needs at least one core`);
  const memoryMiB = read(raw, DRIVER_KEYS.memory, messages) ?? 1024;
  const overheadMiB = read(raw, DRIVER_KEYS.memoryOverhead, messages);
  const factor = read(raw, DRIVER_KEYS.memoryOverheadFactor, messages) ?? 0.1;
  // Spark's checkValue on DRIVER_MEMORY_OVERHEAD_FACTOR.
  if (!(factor > 0)) messages.push(`java.lang.IllegalArgumentException: '${factor}' in ${DRIVER_KEYS.memoryOverheadFactor.key} is invalid. Ensure that memory overhead is a double greater than 0`);
  if (messages.length > 0) return { ok: false, messages };
  const overhead = overheadMiB ?? Math.max(MIN_OVERHEAD_MIB, Math.floor(factor * memoryMiB));
  return { ok: true, value: { cores: cores ?? 1, containerMemoryMiB: memoryMiB + overhead } };
}
