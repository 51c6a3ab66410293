import type { VersionFeatures } from "./SparkVersion.js";
import type { ValueSyntax } from "./syntax.js";

/**
 * A configuration key's declaration (Spark's `ConfigEntry`, built as `ConfigBuilder` builds
 * it): its value syntax, default per version or fallback entry, `checkValue` condition and
 * the release that introduced it. The keys themselves are declared in `registry.ts`.
 */

/** A key's value once read: a flag, a number in the model's unit, or unset. */
export type ConfValue = boolean | number | undefined;

export interface ConfCheck {
  readonly valid: (v: number) => boolean;
  readonly message: string;
}

export interface EntryBase<T extends ConfValue> {
  readonly key: string;
  readonly syntax: ValueSyntax<NonNullable<T>>;
  /** `checkValue(valid, message)`: Spark throws "'<v>' in <key> is invalid. <message>". */
  readonly check?: ConfCheck | ((features: VersionFeatures) => ConfCheck);
  /** Read only when dynamic allocation is on (the EAM and ExecutorMonitor read them). */
  readonly dynamicAllocationOnly: boolean;
  readonly doc: string;
  /** The Spark release that introduced the key (`ConfigBuilder.version`). */
  readonly since: string;
}

/**
 * A key with its default (`createWithDefault`; undefined for `createOptional`), or one that
 * falls back to another key's value when unset (`fallbackConf`).
 */
export type ConfigEntry<T extends ConfValue> = EntryBase<T> &
  (
    | {
        /** Spark's default in the model's unit (ms for times); `Infinity` for Spark's "effectively never" maxima. */
        readonly defaultValue: (features: VersionFeatures) => T;
        readonly fallback?: undefined;
      }
    | { readonly fallback: ConfigEntry<T>; readonly defaultValue?: undefined }
  );

/** Any entry, as the registry lists them. */
export type ConfEntry = ConfigEntry<ConfValue>;

export type Spec<T extends ConfValue> = Omit<EntryBase<T>, "dynamicAllocationOnly"> & { readonly default: NoInfer<T> | ((features: VersionFeatures) => NoInfer<T>) };

/** An entry read whatever dynamic allocation is. */
export function entry<T extends ConfValue>({ default: d, ...spec }: Spec<T>, dynamicAllocationOnly = false): ConfigEntry<T> {
  return { ...spec, dynamicAllocationOnly, defaultValue: typeof d === "function" ? d : () => d };
}
/** An entry of `spark.dynamicAllocation.*`, read only when it is on. */
export const draEntry = <T extends ConfValue>(spec: Spec<T>): ConfigEntry<T> => entry(spec, true);
export function fallbackEntry<T extends ConfValue>(spec: Omit<EntryBase<T>, "dynamicAllocationOnly">, fallback: ConfigEntry<T>): ConfigEntry<T> {
  return { ...spec, fallback, dynamicAllocationOnly: fallback.dynamicAllocationOnly };
}
