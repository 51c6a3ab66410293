/**
 * Spark's value syntax for configuration strings, as `ConfigBuilder` and `JavaUtils` parse it.
 * Each parser returns the value or the message Spark would throw.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** `ConfigHelpers.toBoolean`: Scala's `String.toBoolean`, case-insensitive, after trim. */
export function parseBoolean(key: string, text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (t === "true") return ok(true);
  if (t === "false") return ok(false);
  return fail(`${key} should be boolean, but was ${text}`);
}

const INT_RE = /^[+-]?\d+$/;

/** `ConfigHelpers.toNumber(_, _.toInt, key, "int")`: Java `Integer.parseInt` after trim. */
export function parseInt32(key: string, text: string): Parsed<number> {
  const t = text.trim();
  if (!INT_RE.test(t)) return fail(`${key} should be int, but was ${text}`);
  const v = Number(t);
  if (v > 2147483647 || v < -2147483648) return fail(`${key} should be int, but was ${text}`);
  return ok(v);
}

const DOUBLE_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/;

/** `_.toDouble`: Java `Double.parseDouble` after trim (decimal forms). */
export function parseDouble(key: string, text: string): Parsed<number> {
  const t = text.trim();
  if (!DOUBLE_RE.test(t)) return fail(`${key} should be double, but was ${text}`);
  return ok(Number(t.replace(/[dDfF]$/, "")));
}

export type TimeUnitName = "us" | "ms" | "s";

/** Nanoseconds per unit, for the suffixes `JavaUtils.timeSuffixes` accepts. */
export const TIME_SUFFIX_NS: Readonly<Record<string, number>> = {
  us: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  min: 60e9,
  h: 3600e9,
  d: 86400e9,
};

const TIME_ERROR =
  "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.";

/**
 * `JavaUtils.timeStringAs(str, unit)`: an integer with an optional suffix; a bare number is
 * in `unit`. The result is converted to `unit` by truncation toward zero (`TimeUnit.convert`),
 * which is why "1500ms" read in seconds is 1.
 */
export function parseTimeAs(text: string, unit: TimeUnitName): Parsed<number> {
  const lower = text.trim().toLowerCase();
  const m = /^(-?[0-9]+)([a-z]+)?$/.exec(lower);
  if (m === null) return fail(`${TIME_ERROR}\nFailed to parse time string: ${text}`);
  const suffix = m[2];
  if (suffix !== undefined && TIME_SUFFIX_NS[suffix] === undefined) {
    return fail(`${TIME_ERROR}\nInvalid suffix: "${suffix}"`);
  }
  // Long.parseLong: past a Java long it is a NumberFormatException, which Spark rethrows.
  if (!fitsJavaLong(m[1]!)) return fail(`${TIME_ERROR}\nFor input string: "${m[1]}"`);
  const magnitude = Number(m[1]);
  const fromNs = suffix === undefined ? TIME_SUFFIX_NS[unit]! : TIME_SUFFIX_NS[suffix]!;
  const toNs = TIME_SUFFIX_NS[unit]!;
  // Exact integer arithmetic where possible: scale up when the source unit is coarser.
  const value = fromNs >= toNs ? magnitude * (fromNs / toNs) : Math.trunc(magnitude / (toNs / fromNs));
  // TimeUnit.convert saturates at Long.MAX_VALUE / MIN_VALUE instead of overflowing.
  const saturated = Math.max(-JAVA_LONG_MAX, Math.min(JAVA_LONG_MAX, value));
  return ok(saturated === 0 ? 0 : saturated);
}

/** Long.MAX_VALUE as a double (what a saturated Java conversion gives). */
const JAVA_LONG_MAX = 9223372036854775807;

/** Whether decimal digits (with an optional "-") parse as a Java long (`Long.parseLong`). */
function fitsJavaLong(digits: string): boolean {
  const v = BigInt(digits);
  return v <= 9223372036854775807n && v >= -9223372036854775808n;
}

/** Bytes per unit for `JavaUtils.byteStringAs` (binary units). */
export const BYTE_SUFFIX: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  p: 1024 ** 5,
  pb: 1024 ** 5,
};

const BYTE_ERROR =
  "Size must be specified as bytes (b), kibibytes (k), mebibytes (m), gibibytes (g), tebibytes (t), or pebibytes(p). E.g. 50b, 100k, or 250m.";

/** `JavaUtils.byteStringAs(str, MiB)`: "20g" / "20G" / "512m" / bare MiB; fractions refused. */
export function parseMebibytes(text: string): Parsed<number> {
  const lower = text.trim().toLowerCase();
  const m = /^([0-9]+)([a-z]+)?$/.exec(lower);
  if (m === null) {
    if (/^([0-9]+\.[0-9]+)([a-z]+)?$/.test(lower)) {
      return fail(`${BYTE_ERROR}\nFractional values are not supported. Input was: ${text}`);
    }
    return fail(`${BYTE_ERROR}\nFailed to parse byte string: ${text}`);
  }
  const suffix = m[2];
  if (suffix !== undefined && BYTE_SUFFIX[suffix] === undefined) {
    return fail(`${BYTE_ERROR}\nInvalid suffix: "${suffix}"`);
  }
  if (!fitsJavaLong(m[1]!)) return fail(`${BYTE_ERROR}\nFor input string: "${m[1]}"`);
  const bytes = Number(m[1]) * (suffix === undefined ? BYTE_SUFFIX["m"]! : BYTE_SUFFIX[suffix]!);
  return ok(Math.floor(bytes / BYTE_SUFFIX["m"]!));
}
