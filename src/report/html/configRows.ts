import { safeParseConf } from "../../../sim/conf/parseConf.js";
import { CONF_ENTRY_BY_KEY } from "../../../sim/conf/registry.js";
import type { SparkConf } from "../../../sim/conf/SparkConf.js";

export interface ConfigRow {
  readonly key: string;
  readonly value: string;
  /** Spark's default for the version run, as Spark writes it ("" when unset by default). */
  readonly sparkDefault: string;
  /** Whether this setting changes what the model runs with, against Spark's default. */
  readonly differs: boolean;
  /** Whether the model reads the key at all. */
  readonly known: boolean;
}

function defaultText(key: string, conf: SparkConf): string {
  const entry = CONF_ENTRY_BY_KEY.get(key);
  if (entry === undefined) return "";
  if (entry.fallback !== undefined) return `(${entry.fallback.key})`;
  const v = entry.defaultValue(conf.features);
  if (v === undefined) return "(unset)";
  if (v === Infinity) return "(infinite)";
  return entry.syntax.format(v);
}

/** The resolved values of a conf, minus what only echoes the input, for comparing two confs. */
function resolved(conf: SparkConf): string {
  const { raw: _raw, ...rest } = conf;
  return JSON.stringify(rest);
}

/**
 * The settings that ran, each with Spark's default and whether it differs from it: a key
 * differs when setting it alone (beside dynamic allocation's switch) changes the resolved conf.
 */
export function configRows(conf: SparkConf): ConfigRow[] {
  const switchKey = "spark.dynamicAllocation.enabled";
  const base: Record<string, string> = conf.raw[switchKey] === undefined ? {} : { [switchKey]: conf.raw[switchKey] };
  const baseline = safeParseConf(base, conf.sparkVersion);
  const baseText = baseline.success ? resolved(baseline.data.conf) : "";
  return Object.keys(conf.raw)
    .sort()
    .map((key) => {
      const value = conf.raw[key]!;
      const known = CONF_ENTRY_BY_KEY.has(key);
      let differs = known;
      if (known && key !== switchKey) {
        const alone = safeParseConf({ ...base, [key]: value }, conf.sparkVersion);
        differs = alone.success && resolved(alone.data.conf) !== baseText;
      } else if (key === switchKey) differs = value.trim().toLowerCase() !== "false";
      return { key, value, sparkDefault: defaultText(key, conf), differs, known };
    });
}
