import { CONF_ENTRY_BY_KEY, type ConfValueType, suggestKey } from "../../sim/index.js";
import { DRIVER_KEYS, type DriverKey } from "./driverResources.js";
import { SweepInputError } from "./SweepError.js";

/**
 * How a key's values are written: the value syntax of the key's `ConfigBuilder` type. Time
 * keys carry the unit a bare number is read in (`timeConf(TimeUnit.SECONDS)` reads "30" as
 * 30 s); size keys read a bare number as MiB (`bytesConf(ByteUnit.MiB)`).
 */
export type ValueKind =
  | { readonly kind: "boolean" }
  | { readonly kind: "int" }
  | { readonly kind: "double" }
  | { readonly kind: "time"; readonly bareUnit: "s" | "ms" }
  | { readonly kind: "size" };

/** The driver keys the cost model reads, by key. */
const DRIVER_KEY_BY_NAME: ReadonlyMap<string, DriverKey<number>> = new Map(Object.values(DRIVER_KEYS).map((k) => [k.key, k]));

function kindOf(type: ConfValueType): ValueKind {
  switch (type) {
    case "boolean":
      return { kind: "boolean" };
    case "int":
      return { kind: "int" };
    case "double":
      return { kind: "double" };
    case "seconds":
      return { kind: "time", bareUnit: "s" };
    case "milliseconds":
      return { kind: "time", bareUnit: "ms" };
    case "mebibytes":
      return { kind: "size" };
    case "path":
      throw new SweepInputError("a path key cannot be swept: the model reads only whether it is set");
  }
}

/**
 * The value kind of a key a sweep may vary. A key the simulator does not read is refused:
 * Spark would ignore it silently, and every grid point would give the same result.
 */
export function sweepableKey(key: string): ValueKind {
  const entry = CONF_ENTRY_BY_KEY.get(key);
  if (entry !== undefined) return kindOf(entry.syntax.type);
  const driverKey = DRIVER_KEY_BY_NAME.get(key);
  if (driverKey !== undefined) return kindOf(driverKey.syntax.type);
  const driverMatch = [...DRIVER_KEY_BY_NAME.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
  const suggestion = driverMatch ?? suggestKey(key);
  throw new SweepInputError(
    (w) =>
      `${w.grid} ${key}: the simulator does not read this key, so every grid point would give the same result` +
      (suggestion === undefined ? "" : `; did you mean ${suggestion}?`) +
      " (keys are case-sensitive, as in Spark)",
  );
}
